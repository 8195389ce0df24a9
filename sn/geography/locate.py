"""Finding the ward of a point, and any non-ward areas it lies in, one at a time or a million at once.

Every point in the force lies in exactly one ward; a non-ward area is an overlay on the wards
(docs/adr/0005-non-ward-areas-are-overlays.md), so wards and overlays have a locator each:
`current_locator()` answers "which ward" and `current_overlay_locator()` "which overlays". An incident
counts in its ward and, besides, in each overlay it falls in.

The index is a shapely STRtree over prepared boundaries. `locate_many` gives one area per point: where
areas of one locator overlap, the smallest containing area wins. `locate_every` gives every area
containing each point, for overlays that may overlap one another.

For batches, a grid laid over the force answers most points by array lookup: a cell wholly inside one
area and touching no other gives that area to every point in it, and only points in cells that a
boundary crosses go to the tree.
"""

import threading
from dataclasses import dataclass

import numpy as np
import shapely

NOT_FOUND = -1
MIXED = -2
GRID_CELLS = 512


@dataclass(frozen=True)
class Locator:
    ids: np.ndarray
    geometries: np.ndarray
    tree: shapely.STRtree
    areas: np.ndarray
    grid: np.ndarray  # per cell: an index into ids, NOT_FOUND, or MIXED
    grid_origin: tuple[float, float]
    grid_step: tuple[float, float]

    @classmethod
    def build(cls, ids: list[int], geometries: list, grid_cells: int = GRID_CELLS) -> "Locator":
        geoms = np.asarray(geometries, dtype=object)
        shapely.prepare(geoms)
        tree = shapely.STRtree(geoms)
        if geoms.size:
            minx, miny, maxx, maxy = shapely.total_bounds(geoms)
        else:
            minx = miny = 0.0
            maxx = maxy = 1.0
        step = ((maxx - minx) / grid_cells or 1.0, (maxy - miny) / grid_cells or 1.0)
        grid = cls._classify_cells(tree, geoms.size, (minx, miny), step, grid_cells)
        return cls(
            ids=np.asarray(ids, dtype=np.int64),
            geometries=geoms,
            tree=tree,
            areas=shapely.area(geoms),
            grid=grid,
            grid_origin=(minx, miny),
            grid_step=step,
        )

    @staticmethod
    def _classify_cells(tree, count: int, origin, step, cells: int) -> np.ndarray:
        grid = np.full(cells * cells, NOT_FOUND, dtype=np.int64)
        if count == 0:
            return grid.reshape(cells, cells)
        col, row = np.meshgrid(np.arange(cells), np.arange(cells))
        x0 = origin[0] + col.ravel() * step[0]
        y0 = origin[1] + row.ravel() * step[1]
        boxes = shapely.box(x0, y0, x0 + step[0], y0 + step[1])
        cell_idx, area_idx = tree.query(boxes, predicate="intersects")
        touching = np.bincount(cell_idx, minlength=grid.size)
        grid[touching > 1] = MIXED
        single = touching == 1
        # A cell touched by one area is that area's only if the area covers it entirely.
        one_hit = single[cell_idx]
        candidates, owners = cell_idx[one_hit], area_idx[one_hit]
        covered = shapely.covers(tree.geometries[owners], boxes[candidates])
        grid[candidates] = np.where(covered, owners, MIXED)
        return grid.reshape(cells, cells)

    def _cell_values(self, lats: np.ndarray, lngs: np.ndarray) -> np.ndarray:
        """Per point: the index of the one area its grid cell belongs to, NOT_FOUND, or MIXED."""
        cells = self.grid.shape[0]
        col = np.floor((lngs - self.grid_origin[0]) / self.grid_step[0]).astype(np.int64)
        row = np.floor((lats - self.grid_origin[1]) / self.grid_step[1]).astype(np.int64)
        inside = (col >= 0) & (col < cells) & (row >= 0) & (row < cells)
        cell_value = np.full(lats.shape[0], NOT_FOUND, dtype=np.int64)
        cell_value[inside] = self.grid[row[inside], col[inside]]
        # A point on the far (east or north) edge of the whole area falls one past the last cell, or
        # not, as the division rounds: let the tree decide, as it does on the west and south edges.
        far_edge = ((col == cells) & (row >= 0) & (row <= cells)) | (
            (row == cells) & (col >= 0) & (col <= cells)
        )
        cell_value[far_edge] = MIXED
        return cell_value

    def locate_many(self, lats: np.ndarray, lngs: np.ndarray) -> np.ndarray:
        """Neighbourhood id for each point, NOT_FOUND (-1) where no area contains it."""
        lats = np.asarray(lats, dtype=float)
        lngs = np.asarray(lngs, dtype=float)
        result = np.full(lats.shape[0], NOT_FOUND, dtype=np.int64)
        if lats.size == 0 or self.ids.size == 0:
            return result
        cell_value = self._cell_values(lats, lngs)
        resolved = cell_value >= 0
        result[resolved] = self.ids[cell_value[resolved]]
        pending = np.flatnonzero(cell_value == MIXED)
        if pending.size == 0:
            return result
        points = shapely.points(lngs[pending], lats[pending])
        hit_idx, area_idx = self.tree.query(points, predicate="intersects")
        if hit_idx.size == 0:
            return result
        point_idx = pending[hit_idx]
        # Order hits by point, then by area ascending, and keep each point's first (smallest) area.
        order = np.lexsort((self.areas[area_idx], point_idx))
        point_idx, area_idx = point_idx[order], area_idx[order]
        first = np.ones(point_idx.size, dtype=bool)
        first[1:] = point_idx[1:] != point_idx[:-1]
        result[point_idx[first]] = self.ids[area_idx[first]]
        return result

    def locate(self, lat: float, lng: float) -> int | None:
        found = int(self.locate_many(np.array([lat]), np.array([lng]))[0])
        return None if found == NOT_FOUND else found

    def locate_every(self, lats: np.ndarray, lngs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (point index, area id) pair in which the area contains the point, ordered by point
        and then by area id. A point in no area has no pair; one in two overlapping areas has two."""
        lats = np.asarray(lats, dtype=float)
        lngs = np.asarray(lngs, dtype=float)
        empty = np.empty(0, dtype=np.int64)
        if lats.size == 0 or self.ids.size == 0:
            return empty, empty
        cell_value = self._cell_values(lats, lngs)
        # A cell one area covers and no other touches answers for its points; the rest go to the tree.
        owned = np.flatnonzero(cell_value >= 0)
        pending = np.flatnonzero(cell_value == MIXED)
        points = shapely.points(lngs[pending], lats[pending])
        hit_idx, area_idx = self.tree.query(points, predicate="intersects")
        point_idx = np.concatenate([owned, pending[hit_idx]])
        area_ids = np.concatenate([self.ids[cell_value[owned]], self.ids[area_idx]])
        order = np.lexsort((area_ids, point_idx))
        return point_idx[order], area_ids[order]

    def overlaps(self, geometry) -> list[tuple[int, float]]:
        """(area id, area of overlap in square degrees) for each area the geometry overlaps."""
        hits = self.tree.query(geometry, predicate="intersects")
        shared = shapely.area(shapely.intersection(self.geometries[hits], geometry))
        return [(int(self.ids[i]), float(a)) for i, a in zip(hits, shared, strict=True) if a > 0]


_cache: dict[str, tuple[str, Locator]] = {}
_lock = threading.Lock()


def _current(kind: str) -> Locator:
    """The locator for the boundaries of one kind of area now in the database, rebuilt when they change."""
    from django.db.models import Count, Max

    from sn.geography.geometry import from_geojson_text
    from sn.geography.models import Neighbourhood

    areas = Neighbourhood.objects.filter(kind=kind)
    stamp = areas.aggregate(n=Count("id"), latest=Max("modified_at"))
    key = f"{stamp['n']}:{stamp['latest']}"
    with _lock:
        cached = _cache.get(kind)
        if cached is None or cached[0] != key:
            rows = list(areas.values_list("id", "boundary"))
            locator = Locator.build([row[0] for row in rows], [from_geojson_text(row[1]) for row in rows])
            cached = _cache[kind] = (key, locator)
        return cached[1]


def current_locator() -> Locator:
    """The wards' locator: every point of the force is in exactly one ward."""
    return _current("ward")


def current_overlay_locator() -> Locator:
    """The non-ward areas' locator: a point may be in none, one or (where they overlap) several."""
    return _current("non_ward")


def locate(lat: float, lng: float) -> int | None:
    """Id of the ward containing the point, or None outside the force."""
    return current_locator().locate(lat, lng)


def locate_many(lats: np.ndarray, lngs: np.ndarray) -> np.ndarray:
    """Ward id of each point, NOT_FOUND (-1) outside the force."""
    return current_locator().locate_many(lats, lngs)


def locate_overlays(lat: float, lng: float) -> list[int]:
    """Ids of the non-ward areas containing the point (usually none)."""
    _, ids = current_overlay_locator().locate_every(np.array([lat]), np.array([lng]))
    return ids.tolist()
