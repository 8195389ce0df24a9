"""The area page's map (static/sn/map.js): the area itself as the focus, its ward outlined around it."""

import json

from shapely.geometry import mapping

from sn.geography.geometry import as_multipolygon
from sn.geography.selectors import feature_collection
from sn.patrols.models import PatrolArea

PRECISION = 6  # about 10 cm: finer than any boundary or radius deserves


def _rounded(value):
    if isinstance(value, float):
        return round(value, PRECISION)
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value


def area_map(area: PatrolArea) -> str:
    """GeoJSON text of the area: its boundary when it has one, else its circle (an ellipse in degrees,
    as PatrolArea.shape draws it), so the map shows exactly what delivery and crime are counted in."""
    geometry = mapping(area.shape())
    if geometry["type"] not in ("Polygon", "MultiPolygon"):
        geometry = mapping(as_multipolygon(area.shape()))
    feature = {
        "type": "Feature",
        "geometry": {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])},
        "properties": {"name": area.name, "role": "focus"},
    }
    return json.dumps({"type": "FeatureCollection", "features": [feature]}, separators=(",", ":"))


def ward_map(area: PatrolArea) -> str:
    return feature_collection([area.neighbourhood], lambda ward: {"name": ward.name})
