"""Where a point goes on the map: local metres for distances, and the published grid.

Distances inside a ward are measured on a local plane (metres east and north of the equator and the
prime meridian, the east scaled by the cosine of the ward's own latitude): at ward size it is good to a
fraction of a metre, and it lets numpy and shapely's STRtree work on plain coordinates.

The grid is fixed for the whole country, so its cells never move between rebuilds: rows are
SN_DISCLOSURE_GRID_METRES of latitude tall, counted from the equator; each row is cut into cells of the
same width in metres at the row's middle latitude, counted from the prime meridian. A cell's point is
its centre, or, where the centre falls outside the ward, a point of the cell's part inside the ward
(shapely's point_on_surface), so that a ward's points stay in the ward.
"""

import math

import numpy as np
import shapely

METRES_PER_DEGREE = 111_320.0


def to_metres(lats: np.ndarray, lngs: np.ndarray, latitude0: float) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) in metres on the local plane of latitude `latitude0`."""
    scale = METRES_PER_DEGREE * math.cos(math.radians(latitude0))
    return np.asarray(lngs, dtype=float) * scale, np.asarray(lats, dtype=float) * METRES_PER_DEGREE


def grid_cells(lats: np.ndarray, lngs: np.ndarray, metres: float) -> tuple[np.ndarray, np.ndarray]:
    """The (row, column) of the grid cell each point is in."""
    dlat = metres / METRES_PER_DEGREE
    rows = np.floor(np.asarray(lats, dtype=float) / dlat).astype(np.int64)
    dlngs = dlat / np.cos(np.radians((rows + 0.5) * dlat))
    cols = np.floor(np.asarray(lngs, dtype=float) / dlngs).astype(np.int64)
    return rows, cols


def cell_box(row: int, col: int, metres: float):
    dlat = metres / METRES_PER_DEGREE
    dlng = dlat / math.cos(math.radians((row + 0.5) * dlat))
    return shapely.box(col * dlng, row * dlat, (col + 1) * dlng, (row + 1) * dlat)


def cell_point(row: int, col: int, metres: float, ward) -> tuple[float, float]:
    """The (lat, lng) a cell's crimes are published at in `ward` (a prepared shapely geometry)."""
    cell = cell_box(row, col, metres)
    centre = cell.centroid
    if not shapely.contains_xy(ward, centre.x, centre.y):
        inside = shapely.intersection(cell, ward)
        if not inside.is_empty:
            centre = inside.point_on_surface()
    return round(centre.y, 6), round(centre.x, 6)
