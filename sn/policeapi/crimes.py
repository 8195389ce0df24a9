"""The crime side of the police.uk API: categories, street-level crimes (a 1-mile radius or a custom
area, by GET or form POST), crimes at a location, crimes with no location, outcomes at a location and
for a crime, the months available and the last update.

Every crime comes from the published layer through sn.crime.public_map (and sn.policeapi.selectors for
the reads it has no function for): locations are snap points or withheld, exactly as on the crime map.
A month not given is the latest published one, as police.uk does."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from ninja import Form, Query, Router

from sn.core.access import api_access
from sn.crime import public_map
from sn.incidents.categories import Category
from sn.policeapi import schemas, selectors
from sn.policeapi.answers import answers
from sn.policeapi.params import BadParameter, location_id_of, month_of, point_of, polygon_of
from sn.policeapi.serialise import crime, empty, json_response, month_text, outcome

router = Router(tags=["Crimes"])

# police.uk refuses a custom area holding more than this many crimes (or outcomes) with a 503.
AREA_LIMIT = 10_000
ALL_CRIME = public_map.ALL_CRIME
ALL_CRIME_NAME = "All crime and ASB"
MONTH_PATTERN = schemas.MONTH
DATE = Query(None, pattern=MONTH_PATTERN, description="A month, YYYY-MM; the latest published if not given")
LAT = Query(None, description="Latitude of the centre of a 1-mile radius")
LNG = Query(None, description="Longitude of the centre of a 1-mile radius")
POLY = Query(None, description="A custom area: lat,lng:lat,lng:... (closed for you)")


def _month(value: str | None) -> date | None:
    """The month asked for, or the latest published month (None when nothing is published)."""
    return month_of(value) or selectors.latest_month()


def _category(slug: str) -> str | None:
    """The category of a crimes-street path, or None for one police.uk does not have (an empty 404)."""
    return slug if slug == ALL_CRIME or slug in Category.values else None


def _too_many() -> HttpResponse:
    return json_response(
        {"detail": f"The area holds more than {AREA_LIMIT:,} results: ask for a smaller area."}, status=503
    )


@router.get("/crime-categories", response=answers(list[schemas.CrimeCategory]), url_name="crime_categories")
@api_access(public=True)
def crime_categories(request: HttpRequest, date: str | None = DATE):
    """The categories (police.uk `crime-categories`): every slug a crime of the month may carry."""
    month_of(date)
    return json_response(
        [{"url": ALL_CRIME, "name": ALL_CRIME_NAME}]
        + [{"url": value, "name": label} for value, label in Category.choices]
    )


def _street_crimes(category: str, date: str | None, lat, lng, poly: str | None):
    chosen = _category(category)
    if chosen is None:
        return empty(404)
    month = month_of(date)
    if poly:
        polygon = polygon_of(poly)
        month = month or selectors.latest_month()
        if month is None:
            return json_response([])
        crimes = public_map.published_crimes_in_polygon(polygon=polygon, month=month, category=chosen)
        if len(crimes) > AREA_LIMIT:
            return _too_many()
    elif lat is not None or lng is not None:
        centre = point_of(lat, lng)
        month = month or selectors.latest_month()
        if month is None:
            return json_response([])
        crimes = public_map.published_crimes_in_radius(
            lat=centre[0], lng=centre[1], month=month, category=chosen
        )
    else:
        raise BadParameter("poly", "give lat and lng (a 1-mile radius) or poly (a custom area)")
    return json_response([crime(row) for row in sorted(crimes, key=lambda row: row.id)])


@router.get(
    "/crimes-street/{category}",
    response=answers(list[schemas.Crime], not_found=True, too_many_results=True),
    url_name="crimes_street",
)
@api_access(public=True)
def crimes_street(
    request: HttpRequest,
    category: str,
    lat: str | None = LAT,
    lng: str | None = LNG,
    poly: str | None = POLY,
    date: str | None = DATE,
):
    """Street-level crimes (police.uk `crimes-street/{category}`) within a mile of lat/lng, or inside
    poly, in one month: 404 for an unknown category, 503 for a custom area of over 10,000 crimes."""
    return _street_crimes(category, date, lat, lng, poly)


@router.post(
    "/crimes-street/{category}",
    response=answers(list[schemas.Crime], not_found=True, too_many_results=True),
    url_name="crimes_street_post",
)
@api_access(public=True)
def crimes_street_post(
    request: HttpRequest,
    category: str,
    poly: str | None = Form(None, description="A custom area: lat,lng:lat,lng:..."),
    lat: str | None = Form(None),
    lng: str | None = Form(None),
    date: str | None = Form(None, pattern=MONTH_PATTERN),
):
    """The same by a form-encoded POST, for a polygon too long for a GET (police.uk's advice)."""
    return _street_crimes(category, date, lat, lng, poly)


@router.get("/crimes-at-location", response=answers(list[schemas.Crime]), url_name="crimes_at_location")
@api_access(public=True)
def crimes_at_location(
    request: HttpRequest,
    location_id: str | None = Query(None, description="A location's id (a crime's street id)"),
    lat: str | None = LAT,
    lng: str | None = LNG,
    date: str | None = DATE,
):
    """The crimes published at one location in a month (police.uk `crimes-at-location`): by its id, or
    the location nearest lat/lng."""
    month = month_of(date)
    if location_id not in (None, ""):
        point_id = location_id_of(location_id)
    elif lat is not None or lng is not None:
        centre = point_of(lat, lng)
        nearest = public_map.nearest_snap_point(lat=centre[0], lng=centre[1])
        if nearest is None:
            return json_response([])
        point_id = nearest.pk
    else:
        raise BadParameter("location_id", "give location_id, or lat and lng")
    month = month or selectors.latest_month()
    if month is None:
        return json_response([])
    rows = public_map.published_crimes_at_point(snap_point_id=point_id, month=month)
    return json_response([crime(row) for row in rows])


@router.get(
    "/crimes-no-location",
    response=answers(list[schemas.Crime], not_found=True),
    url_name="crimes_no_location",
)
@api_access(public=True)
def crimes_no_location(
    request: HttpRequest,
    category: str | None = Query(None, description="A category slug, or all-crime"),
    force: str | None = Query(None, description="A force id"),
    date: str | None = DATE,
):
    """The crimes of a month published without a location (police.uk `crimes-no-location`): every crime
    of a category that has no points, and those too few in their ward and month to show at any point.
    location and location_type are null, location_subtype ""."""
    if not force:
        raise BadParameter("force", "is required")
    if not category:
        raise BadParameter("category", "is required")
    month = month_of(date)
    if selectors.force_by_code(force) is None or _category(category) is None:
        return empty(404)
    month = month or selectors.latest_month()
    if month is None:
        return json_response([])
    rows = public_map.withheld_crimes(month=month, category=category)
    return json_response([crime(row) for row in rows])


def _outcome_at(row) -> dict:
    return {**outcome(row), "crime": crime(row, with_outcome=False)}


@router.get(
    "/outcomes-at-location",
    response=answers(list[schemas.OutcomeAtLocation], too_many_results=True),
    url_name="outcomes_at_location",
)
@api_access(public=True)
def outcomes_at_location(
    request: HttpRequest,
    location_id: str | None = Query(None, description="A location's id"),
    lat: str | None = LAT,
    lng: str | None = LNG,
    poly: str | None = POLY,
    date: str | None = DATE,
):
    """Outcomes recorded in a month (police.uk `outcomes-at-location`) at a location, within a mile of
    lat/lng, or inside poly (503 over 10,000). We hold each crime's last outcome only."""
    return _outcomes(location_id, lat, lng, poly, date)


@router.post(
    "/outcomes-at-location",
    response=answers(list[schemas.OutcomeAtLocation], too_many_results=True),
    url_name="outcomes_at_location_post",
)
@api_access(public=True)
def outcomes_at_location_post(
    request: HttpRequest,
    poly: str | None = Form(None),
    location_id: str | None = Form(None),
    lat: str | None = Form(None),
    lng: str | None = Form(None),
    date: str | None = Form(None, pattern=MONTH_PATTERN),
):
    """The same by a form-encoded POST, for a long polygon."""
    return _outcomes(location_id, lat, lng, poly, date)


def _outcomes(location_id, lat, lng, poly, date):
    month = month_of(date)
    if location_id not in (None, ""):
        point_id = location_id_of(location_id)
        month = month or selectors.latest_month()
        rows = [] if month is None else selectors.outcomes_at_point(snap_point_id=point_id, month=month)
    elif poly:
        polygon = polygon_of(poly)
        month = month or selectors.latest_month()
        rows = [] if month is None else selectors.outcomes_in_polygon(polygon=polygon, month=month)
        if len(rows) > AREA_LIMIT:
            return _too_many()
    elif lat is not None or lng is not None:
        centre = point_of(lat, lng)
        month = month or selectors.latest_month()
        rows = (
            [] if month is None else selectors.outcomes_in_radius(lat=centre[0], lng=centre[1], month=month)
        )
    else:
        raise BadParameter("location_id", "give location_id, lat and lng, or poly")
    return json_response([_outcome_at(row) for row in rows])


@router.get(
    "/outcomes-for-crime/{persistent_id}",
    response=answers(schemas.CrimeOutcomes, not_found=True),
    url_name="outcomes_for_crime",
)
@api_access(public=True)
def outcomes_for_crime(request: HttpRequest, persistent_id: str):
    """A crime and its outcomes (police.uk `outcomes-for-crime/{persistent_id}`): we hold the last
    outcome of each crime, so the list has that one, or none yet. 404 (empty) for an unknown crime."""
    if len(persistent_id) != 64 or any(c not in "0123456789abcdef" for c in persistent_id):
        return empty(404)
    row = selectors.crime_by_persistent_id(persistent_id)
    if row is None:
        return empty(404)
    return json_response(
        {"crime": crime(row, with_outcome=False), "outcomes": [outcome(row)] if row.outcome_category else []}
    )


@router.get(
    "/crimes-street-dates",
    response=answers(list[schemas.Availability]),
    by_alias=True,
    url_name="crimes_street_dates",
)
@api_access(public=True)
def crimes_street_dates(request: HttpRequest):
    """The months with published crimes, newest first (police.uk `crimes-street-dates`), each with the
    forces that have stops and searches that month."""
    stops = selectors.stop_months()
    codes = [f.code for f in selectors.forces()]
    return json_response(
        [
            {"date": month_text(month), "stop-and-search": codes if month in stops else []}
            for month in public_map.published_months()
        ]
    )


@router.get(
    "/crime-last-updated",
    response=answers(schemas.LastUpdated, not_found=True),
    url_name="crime_last_updated",
)
@api_access(public=True)
def crime_last_updated(request: HttpRequest):
    """The month of the latest published crimes, as its first day YYYY-MM-DD (police.uk
    `crime-last-updated`: clients take its first seven characters as the latest month). An empty 404
    before anything is published: there is no date to give, and a null would break clients."""
    latest = selectors.latest_month()
    if latest is None:
        return empty(404)
    return json_response({"date": f"{latest:%Y-%m-%d}"})
