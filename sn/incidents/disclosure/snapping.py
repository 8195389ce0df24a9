"""The snap points: police.uk's own published locations, and the cells of our grid where a ward has
none near a point that is not a published location (a demo point placed from a count).

police.uk's locations are already anonymised map points (the middle of a street segment, or a landmark,
each covering enough addresses): a recorded crime's location is one, and becomes a snap point as it is.
A point that is not one goes to the nearest published location in its own ward within
SN_DISCLOSURE_SNAP_METRES (shapely's STRtree on the ward's points), else to its grid cell's point.
Snap points are looked up by (ward, latitude, longitude) and only ever added, so that a point's id, which
the police.uk API publishes, stays the same from one rebuild to the next.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.conf import settings
from django.db import connection

from sn.geography.geometry import from_geojson_text
from sn.geography.models import Neighbourhood
from sn.incidents.disclosure.grid import cell_point, grid_cells, to_metres
from sn.incidents.models import Incident, SnapPoint

ON_OR_NEAR = "On or near "


def _police_uk_locations() -> dict[tuple[int, float, float], str]:
    """(ward, lat, lng) -> the name police.uk gives it most often, for every recorded location."""
    table = Incident._meta.db_table
    names: dict[tuple[int, float, float], Counter] = defaultdict(Counter)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT neighbourhood_id, latitude, longitude, location, count(*) FROM {table} "
            "WHERE NOT placed AND latitude IS NOT NULL AND longitude IS NOT NULL "
            "GROUP BY neighbourhood_id, latitude, longitude, location"
        )
        for ward, lat, lng, location, n in cursor.fetchall():
            names[(ward, lat, lng)][location] += n
    # The most used name; of names used as often, the first in order, so that a rebuild agrees.
    return {
        key: min(counter.items(), key=lambda item: (-item[1], item[0]))[0] for key, counter in names.items()
    }


@dataclass
class WardPoints:
    """A ward's published police.uk locations, ready for nearest-point queries in metres."""

    ids: np.ndarray
    names: list[str]
    tree: shapely.STRtree | None


@dataclass
class Snapper:
    """Every snap point, and the means to snap a ward's points to them (made by `snapper()`)."""

    latitudes: dict[int, float]  # each ward's middle latitude: its local plane for distances
    snap_metres: float
    grid_metres: float
    by_place: dict[tuple[int, float, float], int]
    coords: dict[int, tuple[float, float]]  # snap point id -> (lat, lng)
    wards: dict[int, WardPoints] = field(default_factory=dict)
    geometries: dict[int, object] = field(default_factory=dict)
    cells: dict[tuple[int, int, int], int] = field(default_factory=dict)  # (ward, row, col) -> id
    created_grid: int = 0

    def metres(self, ward: int, lats: np.ndarray, lngs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Points of `ward` in metres on the ward's local plane."""
        return to_metres(lats, lngs, self.latitudes[ward])

    def police_uk_ids(self, ward: int, lats: np.ndarray, lngs: np.ndarray) -> np.ndarray:
        """The snap point of each recorded police.uk location (all are snap points)."""
        by_place = self.by_place
        return np.fromiter(
            (by_place[(ward, lat, lng)] for lat, lng in zip(lats.tolist(), lngs.tolist(), strict=True)),
            dtype=np.int64,
            count=len(lats),
        )

    def _ward_points(self, ward: int) -> WardPoints:
        if ward not in self.wards:
            rows = SnapPoint.objects.filter(neighbourhood_id=ward, source=SnapPoint.Source.POLICE_UK)
            rows = list(rows.order_by("id").values_list("id", "latitude", "longitude", "name"))
            if rows:
                ids, lats, lngs, names = zip(*rows, strict=True)
                x, y = self.metres(ward, np.array(lats), np.array(lngs))
                tree = shapely.STRtree(shapely.points(x, y))
                self.wards[ward] = WardPoints(np.array(ids, dtype=np.int64), list(names), tree)
            else:
                self.wards[ward] = WardPoints(np.empty(0, dtype=np.int64), [], None)
        return self.wards[ward]

    def placed_ids(self, ward: int, lats: np.ndarray, lngs: np.ndarray) -> np.ndarray:
        """The snap point of each point that is not a published location: the ward's nearest published
        location within the snapping distance, else the point of its grid cell."""
        points = self._ward_points(ward)
        snapped = np.full(len(lats), -1, dtype=np.int64)
        if points.tree is not None and len(lats):
            x, y = self.metres(ward, lats, lngs)
            found, _ = points.tree.query_nearest(
                shapely.points(x, y), max_distance=self.snap_metres, return_distance=True, all_matches=False
            )
            snapped[found[0]] = points.ids[found[1]]
        missing = np.flatnonzero(snapped < 0)
        if len(missing):
            snapped[missing] = self._grid_ids(ward, lats[missing], lngs[missing])
        return snapped

    def _grid_ids(self, ward: int, lats: np.ndarray, lngs: np.ndarray) -> np.ndarray:
        rows, cols = grid_cells(lats, lngs, self.grid_metres)
        cells, where = np.unique(np.stack([rows, cols], axis=1), axis=0, return_inverse=True)
        cells = [(ward, row, col) for row, col in cells.tolist()]
        places = [self._grid_place(cell) for cell in cells]
        self._grid_points_create(ward, places)
        for cell, place in zip(cells, places, strict=True):
            self.cells[cell] = self.by_place[place]
        ids = np.array([self.by_place[place] for place in places], dtype=np.int64)
        return ids[where.ravel()]

    def _grid_place(self, cell: tuple[int, int, int]) -> tuple[int, float, float]:
        """(ward, lat, lng) of a grid cell's point."""
        ward, row, col = cell
        if cell in self.cells:
            return (ward, *self.coords[self.cells[cell]])
        if ward not in self.geometries:
            geometry = from_geojson_text(Neighbourhood.objects.get(pk=ward).boundary)
            shapely.prepare(geometry)
            self.geometries[ward] = geometry
        lat, lng = cell_point(row, col, self.grid_metres, self.geometries[ward])
        return (ward, lat, lng)

    def _grid_points_create(self, ward: int, places: list[tuple[int, float, float]]) -> None:
        """A snap point for each of a ward's grid places that is not one yet: one insert for the ward, in
        the order of the places, so the ids are those one insert at a time would give."""
        new: dict[tuple[int, float, float], SnapPoint] = {}
        for place in places:
            if place not in self.by_place and place not in new:
                _, lat, lng = place
                new[place] = SnapPoint(
                    latitude=lat,
                    longitude=lng,
                    name=self._grid_name(ward, lat, lng),
                    neighbourhood_id=ward,
                    source=SnapPoint.Source.GRID,
                )
        SnapPoint.objects.bulk_create(list(new.values()))
        for place, point in new.items():
            self.by_place[place] = point.id
            self.coords[point.id] = (place[1], place[2])
        self.created_grid += len(new)

    def _grid_name(self, ward: int, lat: float, lng: float) -> str:
        """The name of the ward's nearest published location, as police.uk names a point by its street;
        a ward with none is named itself."""
        points = self._ward_points(ward)
        if points.tree is None:
            return f"{ON_OR_NEAR}{Neighbourhood.objects.get(pk=ward).name}"[:255]
        x, y = self.metres(ward, np.array([lat]), np.array([lng]))
        nearest = int(points.tree.query_nearest(shapely.points(x, y)[0], all_matches=False)[0])
        return points.names[nearest]


def police_uk_points_sync() -> int:
    """A snap point for every recorded police.uk location not yet one; returns how many were added."""
    locations = _police_uk_locations()
    existing = set(SnapPoint.objects.values_list("neighbourhood_id", "latitude", "longitude"))
    new = [
        SnapPoint(
            neighbourhood_id=ward,
            latitude=lat,
            longitude=lng,
            name=(name or "On or near a location in the area")[:255],
            source=SnapPoint.Source.POLICE_UK,
        )
        for (ward, lat, lng), name in sorted(locations.items())
        if (ward, lat, lng) not in existing
    ]
    SnapPoint.objects.bulk_create(new, batch_size=5_000)
    return len(new)


def snapper() -> Snapper:
    """Every snap point by place, with the settings' distances."""
    rows = list(SnapPoint.objects.values_list("id", "neighbourhood_id", "latitude", "longitude"))
    return Snapper(
        latitudes=dict(Neighbourhood.objects.values_list("id", "centroid_lat")),
        snap_metres=float(settings.SN_DISCLOSURE_SNAP_METRES),
        grid_metres=float(settings.SN_DISCLOSURE_GRID_METRES),
        by_place={(ward, lat, lng): pk for pk, ward, lat, lng in rows},
        coords={pk: (lat, lng) for pk, _, lat, lng in rows},
    )
