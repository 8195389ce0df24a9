"""Stop and search in the police.uk API: stops-street (a 1-mile radius or a custom area), stops-at-location,
stops-no-location and stops-force. Each stop's location is published as the snap point nearest the one
recorded, like a crime's, and a stop is chosen by that published location, never by the recorded one."""

from django.http import HttpRequest
from ninja import Form, Query, Router

from sn.core.access import api_access
from sn.policeapi import schemas, selectors
from sn.policeapi.answers import answers
from sn.policeapi.crimes import AREA_LIMIT, DATE, LAT, LNG, MONTH_PATTERN, POLY
from sn.policeapi.params import BadParameter, location_id_of, month_of, point_of, polygon_of
from sn.policeapi.serialise import empty, json_response, stop

router = Router(tags=["Stop and search"])


def _month(date: str | None):
    return month_of(date) or selectors.latest_month()


def _placed_in(month):
    return selectors.placed_stops(selectors.stops_in_month(month, located=True)) if month else []


def _street(lat, lng, poly, date):
    month = month_of(date)
    if poly:
        polygon = polygon_of(poly)
        chosen = selectors.stops_inside(_placed_in(month or selectors.latest_month()), polygon=polygon)
        if len(chosen) > AREA_LIMIT:
            return json_response({"detail": f"The area holds more than {AREA_LIMIT:,} stops."}, status=503)
    elif lat is not None or lng is not None:
        centre = point_of(lat, lng)
        chosen = selectors.stops_near(
            _placed_in(month or selectors.latest_month()), lat=centre[0], lng=centre[1]
        )
    else:
        raise BadParameter("poly", "give lat and lng (a 1-mile radius) or poly (a custom area)")
    return json_response([stop(row, point) for row, point in chosen])


@router.get(
    "/stops-street",
    response=answers(list[schemas.StopAndSearch], too_many_results=True),
    url_name="stops_street",
)
@api_access(public=True)
def stops_street(
    request: HttpRequest,
    lat: str | None = LAT,
    lng: str | None = LNG,
    poly: str | None = POLY,
    date: str | None = DATE,
):
    """Stops and searches published within a mile of lat/lng, or inside poly, in a month (police.uk
    `stops-street`)."""
    return _street(lat, lng, poly, date)


@router.post(
    "/stops-street",
    response=answers(list[schemas.StopAndSearch], too_many_results=True),
    url_name="stops_street_post",
)
@api_access(public=True)
def stops_street_post(
    request: HttpRequest,
    poly: str | None = Form(None),
    lat: str | None = Form(None),
    lng: str | None = Form(None),
    date: str | None = Form(None, pattern=MONTH_PATTERN),
):
    """The same by a form-encoded POST, for a long polygon."""
    return _street(lat, lng, poly, date)


@router.get("/stops-at-location", response=answers(list[schemas.StopAndSearch]), url_name="stops_at_location")
@api_access(public=True)
def stops_at_location(
    request: HttpRequest,
    location_id: str | None = Query(None, description="A location's id (a crime's street id)"),
    date: str | None = DATE,
):
    """The stops and searches published at one location in a month (police.uk `stops-at-location`)."""
    point_id = location_id_of(location_id)
    placed = _placed_in(_month(date))
    return json_response([stop(row, point) for row, point in placed if point[0] == point_id])


def _force_month(force: str | None, date: str | None):
    if not force:
        raise BadParameter("force", "is required")
    month = month_of(date)
    if selectors.force_by_code(force) is None:
        return None, None
    return True, month or selectors.latest_month()


@router.get(
    "/stops-no-location",
    response=answers(list[schemas.StopAndSearch], not_found=True),
    url_name="stops_no_location",
)
@api_access(public=True)
def stops_no_location(
    request: HttpRequest, force: str | None = Query(None, description="A force id"), date: str | None = DATE
):
    """The force's stops and searches of a month that have no location (police.uk `stops-no-location`)."""
    known, month = _force_month(force, date)
    if known is None:
        return empty(404)
    rows = selectors.stops_in_month(month, located=False) if month else []
    return json_response([stop(row, None) for row in rows])


@router.get(
    "/stops-force", response=answers(list[schemas.StopAndSearch], not_found=True), url_name="stops_force"
)
@api_access(public=True)
def stops_force(
    request: HttpRequest, force: str | None = Query(None, description="A force id"), date: str | None = DATE
):
    """Every stop and search the force reported in a month (police.uk `stops-force`), located or not."""
    known, month = _force_month(force, date)
    if known is None:
        return empty(404)
    rows = selectors.stops_in_month(month) if month else []
    return json_response(
        [stop(row, point) for row, point in zip(rows, selectors.snap_points_of(rows), strict=True)]
    )
