"""Geometry helpers on shapely 2: parsing GeoJSON, measuring, simplifying, adjacency."""

import json
import math
from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

# Display boundaries drop detail finer than about 10 m: invisible at ward zoom, a fraction of the bytes.
DISPLAY_TOLERANCE_DEGREES = 0.0001
# Two areas are neighbours when they share at least this much boundary (about 20 m), not just a corner.
# Boundaries from different sources rarely coincide exactly, hence the snapping distance.
NEIGHBOUR_MIN_SHARED_DEGREES = 0.0002
NEIGHBOUR_SNAP_DEGREES = 0.00005


class GeometryError(ValueError):
    pass


def parse_area(geometry: dict[str, Any] | None) -> MultiPolygon:
    """A valid (Multi)Polygon from a GeoJSON geometry, as a MultiPolygon, or GeometryError."""
    if not geometry:
        raise GeometryError("missing geometry")
    if geometry.get("type") not in {"Polygon", "MultiPolygon"}:
        raise GeometryError(f"geometry type {geometry.get('type')!r} is not a Polygon or MultiPolygon")
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        raise GeometryError(f"unreadable coordinates ({exc})") from exc
    if geom.is_empty:
        raise GeometryError("empty geometry")
    if not geom.is_valid:
        raise GeometryError(f"invalid geometry: {shapely.is_valid_reason(geom)}")
    if not _within_wgs84(geom):
        raise GeometryError("coordinates are not longitude/latitude in WGS84")
    return as_multipolygon(geom)


def _within_wgs84(geom) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    return -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90


def as_multipolygon(geom) -> MultiPolygon:
    if isinstance(geom, MultiPolygon):
        return geom
    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    polygons = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
    return as_multipolygon(shapely.union_all(polygons)) if polygons else MultiPolygon()


def to_geojson(geom, precision: int = 6) -> str:
    rounded = shapely.set_precision(geom, 10**-precision) if precision else geom
    if not rounded.is_valid or rounded.is_empty:
        rounded = geom
    return json.dumps(mapping(as_multipolygon(rounded)), separators=(",", ":"))


def from_geojson_text(text: str) -> MultiPolygon:
    return as_multipolygon(shapely.from_geojson(text))


def display_version(geom) -> MultiPolygon:
    simplified = geom.simplify(DISPLAY_TOLERANCE_DEGREES, preserve_topology=True)
    return as_multipolygon(simplified if simplified.is_valid and not simplified.is_empty else geom)


def area_hectares(geom) -> float:
    """Area on a local equal-area projection (sinusoidal about the area's own latitude).

    Good to a fraction of a percent at ward size, and needs no projection library.
    """
    lat0 = math.radians(geom.centroid.y)
    metres_per_degree = 111_320.0

    def project(coords: np.ndarray) -> np.ndarray:
        lng, lat = coords[:, 0], coords[:, 1]
        x = lng * metres_per_degree * np.cos(np.radians(lat))
        y = (lat - math.degrees(lat0)) * metres_per_degree
        return np.column_stack([x, y])

    return shapely.transform(geom, project).area / 10_000


def neighbour_pairs(geoms: list) -> list[tuple[int, int]]:
    """Index pairs (i < j) of areas sharing a stretch of boundary, or overlapping (a non-ward area
    laid over wards is a neighbour of each ward it overlaps)."""
    tree = shapely.STRtree(geoms)
    snapped = [g.buffer(NEIGHBOUR_SNAP_DEGREES) for g in geoms]
    left, right = tree.query(snapped, predicate="intersects")
    pairs = []
    for i, j in zip(left.tolist(), right.tolist(), strict=True):
        if i >= j:
            continue
        shared = snapped[i].intersection(geoms[j].boundary).length
        if shared >= NEIGHBOUR_MIN_SHARED_DEGREES or _overlap_share(geoms[i], geoms[j]) > 0.01:
            pairs.append((i, j))
    return pairs


def _overlap_share(a, b) -> float:
    smaller = min(a.area, b.area)
    return a.intersection(b).area / smaller if smaller else 0.0
