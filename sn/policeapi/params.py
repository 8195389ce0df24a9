"""Reading the police.uk API's parameters: `date` (YYYY-MM), `lat`/`lng`, `poly` (lat,lng:lat,lng:...),
`q` (lat,lng), `location_id`. Anything malformed raises BadParameter, which the API answers with a 400
naming the parameter (sn.policeapi.api)."""

import math
import re
from datetime import date

import shapely
from shapely.geometry import Polygon

MONTH = re.compile(r"\A(\d{4})-(\d{2})\Z")
# A polygon of more points than this is refused: a ward boundary has a few thousand at most.
MAX_POLY_POINTS = 10_000
# police.uk's own custom area limit is on the crimes it holds; this one stops a polygon of nothing.
MIN_POLY_POINTS = 3


class BadParameter(ValueError):
    def __init__(self, name: str, message: str):
        super().__init__(f"{name}: {message}")
        self.name = name


def month_of(value: str | None) -> date | None:
    """`date=YYYY-MM` as the first day of the month, None when not given."""
    if value is None or value == "":
        return None
    match = MONTH.match(value)
    if not match or not 1 <= int(match[2]) <= 12 or int(match[1]) < 1:
        raise BadParameter("date", "must be a month written YYYY-MM, e.g. 2024-01")
    return date(int(match[1]), int(match[2]), 1)


def _coordinate(name: str, value: str | float | None, limit: float) -> float:
    if value is None or value == "":
        raise BadParameter(name, "is required")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise BadParameter(name, "must be a number in decimal degrees") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise BadParameter(name, f"must be a number of degrees between -{limit:g} and {limit:g}")
    return number


def point_of(lat: str | float | None, lng: str | float | None) -> tuple[float, float]:
    return _coordinate("lat", lat, 90), _coordinate("lng", lng, 180)


def q_point(q: str | None) -> tuple[float, float]:
    """locate-neighbourhood's `q=lat,lng`."""
    parts = (q or "").split(",")
    if len(parts) != 2:
        raise BadParameter("q", "must be 'latitude,longitude', e.g. 51.500617,-0.124629")
    try:
        return point_of(parts[0].strip(), parts[1].strip())
    except BadParameter as error:
        raise BadParameter("q", f"must be 'latitude,longitude' ({error})") from None


def polygon_of(poly: str) -> Polygon:
    """`poly=lat,lng:lat,lng:...` as a shapely polygon in (lng, lat); closed if the last point is not the
    first (police.uk closes it too); a self-crossing outline is made valid rather than refused."""
    points = [part for part in poly.split(":") if part.strip()]
    if len(points) < MIN_POLY_POINTS:
        raise BadParameter("poly", "must be at least three points 'lat,lng' separated by ':'")
    if len(points) > MAX_POLY_POINTS:
        raise BadParameter("poly", f"may have at most {MAX_POLY_POINTS} points")
    coords = []
    for number, point in enumerate(points, start=1):
        pair = point.split(",")
        if len(pair) != 2:
            raise BadParameter("poly", f"point {number} ({point[:40]!r}) must be 'lat,lng'")
        try:
            lat, lng = point_of(pair[0].strip(), pair[1].strip())
        except BadParameter as error:
            raise BadParameter("poly", f"point {number}: {error}") from None
        coords.append((lng, lat))
    polygon = Polygon(coords)
    if not polygon.is_valid:
        polygon = shapely.make_valid(polygon)
    return polygon


def location_id_of(value: str | int | None) -> int:
    if value is None or value == "":
        raise BadParameter("location_id", "is required")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise BadParameter("location_id", "must be a whole number (a location's street id)") from None
    if not 0 < number < 2**63:
        raise BadParameter("location_id", "must be a positive whole number")
    return number
