"""The crime side of the police.uk API over a small published layer (sn.policeapi.tests.helpers): the
Crime shape of the reference, what each method finds, the defaults, the errors and the 10,000-result
limit of a custom area. Every answer is checked against the OpenAPI document too."""

import re
from datetime import date

import pytest

from sn.incidents.categories import Category
from sn.incidents.models import PublishedCrime
from sn.policeapi.tests.helpers import HIGH_STREET, MILL_LANE, published_layer, stops

pytestmark = pytest.mark.django_db

CRIME_KEYS = {
    "category", "location_type", "location", "context", "persistent_id", "id", "location_subtype", "month",
    "outcome_status",
}  # fmt: skip
HEX64 = re.compile(r"\A[0-9a-f]{64}\Z")
A1 = "lat=51.505&lng=-0.195"
# Ward a1's square, as police.uk's poly.
A1_POLY = "51.5,-0.2:51.51,-0.2:51.51,-0.19:51.5,-0.19"


@pytest.fixture
def layer(world):
    return published_layer(world)


def get(client, conforms, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code, response.content[:300])
    return conforms(response, path)


def check_crime(crime: dict, *, located: bool = True, with_outcome: bool = True) -> None:
    """The reference's Crime: every key, id an int, persistent_id 64 hex or "" for ASB, the location's
    coordinates strings and its street id an int, location_type Force (null without a location)."""
    assert set(crime) == (CRIME_KEYS if with_outcome else CRIME_KEYS - {"outcome_status"})
    assert isinstance(crime["id"], int)
    if crime["category"] == "anti-social-behaviour":
        assert crime["persistent_id"] == ""
        assert crime.get("outcome_status") is None
    else:
        assert HEX64.match(crime["persistent_id"])
    assert crime["context"] == "" and crime["location_subtype"] == ""
    assert re.match(r"\A\d{4}-\d{2}\Z", crime["month"])
    if located:
        assert crime["location_type"] == "Force"
        location = crime["location"]
        assert set(location) == {"latitude", "longitude", "street"}
        float(location["latitude"]), float(location["longitude"])
        assert isinstance(location["latitude"], str) and isinstance(location["longitude"], str)
        assert set(location["street"]) == {"id", "name"} and isinstance(location["street"]["id"], int)
    else:
        assert crime["location"] is None and crime["location_type"] is None


def test_categories_hold_all_crime_and_every_slug_a_crime_can_carry(client, world, conforms):
    categories = get(client, conforms, "/api/crime-categories?date=2024-01")
    assert all(set(c) == {"url", "name"} for c in categories)
    assert categories[0] == {"url": "all-crime", "name": "All crime and ASB"}
    assert {c["url"] for c in categories} == {"all-crime", *Category.values}
    assert get(client, conforms, "/api/crime-categories") == categories


def test_street_crimes_within_a_mile_have_the_crime_shape(client, layer, conforms):
    crimes = get(client, conforms, f"/api/crimes-street/all-crime?{A1}&date=2024-01")
    # High Street's six and Mill Lane's three; Far Road is 1.7 miles east, the violent crimes have no point.
    assert len(crimes) == 9
    for crime in crimes:
        check_crime(crime)
    by_id = {c["id"]: c for c in crimes}
    assert by_id[layer.with_outcome.id]["outcome_status"] == {
        "category": "Unable to prosecute suspect",
        "date": "2024-02",
    }
    assert by_id[layer.without_month.id]["outcome_status"] == {
        "category": "Under investigation",
        "date": "2024-01",
    }
    assert by_id[layer.no_outcome.id]["outcome_status"] is None
    high = by_id[layer.with_outcome.id]["location"]
    assert high == {
        "latitude": f"{HIGH_STREET[0]:.6f}",
        "street": {"id": layer.high_street.id, "name": "On or near High Street"},
        "longitude": f"{HIGH_STREET[1]:.6f}",
    }
    assert by_id[layer.with_outcome.id]["persistent_id"] == layer.with_outcome.persistent_id


def test_a_category_narrows_the_street_crimes_and_the_month_defaults_to_the_latest(client, layer, conforms):
    burglaries = get(client, conforms, f"/api/crimes-street/burglary?{A1}")
    assert {c["month"] for c in burglaries} == {"2024-01"} and len(burglaries) == 3
    december = get(client, conforms, f"/api/crimes-street/burglary?{A1}&date=2023-12")
    assert {c["month"] for c in december} == {"2023-12"} and len(december) == 3
    assert get(client, conforms, f"/api/crimes-street/drugs?{A1}&date=2024-01") == []
    assert get(client, conforms, f"/api/crimes-street/all-crime?{A1}&date=2001-01") == []


def test_every_category_a_crime_carries_is_in_the_categories_of_its_month(client, layer, conforms):
    crimes = get(client, conforms, f"/api/crimes-street/all-crime?{A1}&date=2024-01")
    crimes += get(client, conforms, "/api/crimes-no-location?force=testforce&category=all-crime&date=2024-01")
    for month in {c["month"] for c in crimes}:
        slugs = {c["url"] for c in get(client, conforms, f"/api/crime-categories?date={month}")}
        assert {c["category"] for c in crimes if c["month"] == month} <= slugs


def test_an_unknown_category_is_an_empty_404(client, layer, conforms):
    response = client.get(f"/api/crimes-street/arson?{A1}")
    assert response.status_code == 404 and response.content == b""
    conforms(response, "/api/crimes-street/arson")


def test_a_polygon_by_get_or_by_form_post_finds_the_crimes_inside_it(client, layer, conforms):
    by_get = get(client, conforms, f"/api/crimes-street/all-crime?poly={A1_POLY}&date=2024-01")
    response = client.post("/api/crimes-street/all-crime", {"poly": A1_POLY, "date": "2024-01"})
    assert response.status_code == 200
    by_post = conforms(response, "/api/crimes-street/all-crime", "POST")
    assert by_get == by_post and len(by_get) == 9
    # The polygon's own last point need not repeat its first; a narrower one finds Mill Lane only.
    mill = "51.501,-0.193:51.503,-0.193:51.503,-0.191:51.501,-0.191"
    found = get(client, conforms, f"/api/crimes-street/all-crime?poly={mill}&date=2024-01")
    assert {c["location"]["street"]["name"] for c in found} == {"On or near Mill Lane"}


def test_crimes_at_a_location_by_id_or_snapped_from_a_point(client, layer, conforms):
    at_high = get(
        client, conforms, f"/api/crimes-at-location?location_id={layer.high_street.id}&date=2024-01"
    )
    assert len(at_high) == 6 and {c["location"]["street"]["id"] for c in at_high} == {layer.high_street.id}
    near_mill = f"lat={MILL_LANE[0] + 0.0004}&lng={MILL_LANE[1] - 0.0003}"
    snapped = get(client, conforms, f"/api/crimes-at-location?{near_mill}&date=2024-01")
    assert len(snapped) == 3 and {c["category"] for c in snapped} == {"vehicle-crime"}
    assert get(client, conforms, "/api/crimes-at-location?location_id=999999&date=2024-01") == []


def test_crimes_with_no_location_are_the_withheld_ones(client, layer, conforms):
    withheld = get(
        client, conforms, "/api/crimes-no-location?force=testforce&category=all-crime&date=2024-01"
    )
    assert len(withheld) == 2 and {c["category"] for c in withheld} == {"violent-crime"}
    for crime in withheld:
        check_crime(crime, located=False)
    assert (
        get(client, conforms, "/api/crimes-no-location?force=testforce&category=burglary&date=2024-01") == []
    )


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("category=all-crime", 400),
        ("force=testforce", 400),
        ("force=nowhere&category=all-crime", 404),
        ("force=testforce&category=arson", 404),
        ("force=testforce&category=all-crime&date=2024-13", 400),
    ],
)
def test_crimes_with_no_location_need_a_known_force_and_category(client, layer, conforms, query, status):
    response = client.get(f"/api/crimes-no-location?{query}")
    assert response.status_code == status
    conforms(response, "/api/crimes-no-location")


def test_outcomes_at_a_location_are_those_dated_in_the_month(client, layer, conforms):
    february = get(
        client, conforms, f"/api/outcomes-at-location?location_id={layer.high_street.id}&date=2024-02"
    )
    assert len(february) == 1
    outcome = february[0]
    assert set(outcome) == {"category", "date", "person_id", "crime"}
    assert outcome["category"] == {"code": "unable-to-prosecute", "name": "Unable to prosecute suspect"}
    assert outcome["date"] == "2024-02" and outcome["person_id"] is None
    check_crime(outcome["crime"], with_outcome=False)
    # January: the outcome with no month of its own is dated by its crime; Mill Lane's three are near.
    january = get(client, conforms, f"/api/outcomes-at-location?{A1}&date=2024-01")
    codes = sorted(o["category"]["code"] for o in january)
    assert codes == ["no-further-action"] * 3 + ["under-investigation"]
    by_poly = get(client, conforms, f"/api/outcomes-at-location?poly={A1_POLY}&date=2024-01")
    assert sorted(o["crime"]["id"] for o in by_poly) == sorted(o["crime"]["id"] for o in january)


def test_outcomes_for_a_crime_give_the_crime_and_its_last_outcome(client, layer, conforms):
    pid = layer.with_outcome.persistent_id
    body = get(client, conforms, f"/api/outcomes-for-crime/{pid}")
    assert set(body) == {"crime", "outcomes"}
    check_crime(body["crime"], with_outcome=False)
    assert body["crime"]["persistent_id"] == pid
    assert body["outcomes"] == [
        {
            "category": {"code": "unable-to-prosecute", "name": "Unable to prosecute suspect"},
            "date": "2024-02",
            "person_id": None,
        }
    ]
    none_yet = get(client, conforms, f"/api/outcomes-for-crime/{layer.no_outcome.persistent_id}")
    assert none_yet["outcomes"] == []


@pytest.mark.parametrize("pid", ["0" * 64, "not-a-crime", "A" * 64])
def test_outcomes_for_an_unknown_crime_are_an_empty_404(client, layer, conforms, pid):
    response = client.get(f"/api/outcomes-for-crime/{pid}")
    assert response.status_code == 404 and response.content == b""


def test_dates_are_newest_first_with_the_forces_that_have_stops(client, world, layer, conforms):
    stops(world)
    assert get(client, conforms, "/api/crimes-street-dates") == [
        {"date": "2024-01", "stop-and-search": ["testforce"]},
        {"date": "2023-12", "stop-and-search": ["testforce"]},
    ]


def test_last_updated_is_the_first_day_of_the_latest_month(client, layer, conforms):
    assert get(client, conforms, "/api/crime-last-updated") == {"date": "2024-01-01"}


def test_before_anything_is_published_the_lists_are_empty_and_last_updated_is_404(client, world, conforms):
    assert get(client, conforms, f"/api/crimes-street/all-crime?{A1}") == []
    assert get(client, conforms, "/api/crimes-street-dates") == []
    assert get(client, conforms, "/api/crimes-no-location?force=testforce&category=all-crime") == []
    response = client.get("/api/crime-last-updated")
    assert response.status_code == 404 and response.content == b""


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("lat=51.5", "lng"),
        ("lng=-0.1", "lat"),
        ("lat=north&lng=-0.1", "lat"),
        ("lat=95&lng=-0.1", "lat"),
        ("lat=51.5&lng=-200", "lng"),
        (f"{A1}&date=2024-1", "date"),
        (f"{A1}&date=2024-00", "date"),
        (f"{A1}&date=january", "date"),
        ("poly=51.5,-0.2:51.51,-0.2", "poly"),
        ("poly=51.5,-0.2:51.51:51.51,-0.19", "poly"),
        ("poly=51.5,-0.2:51.51,-0.2:x,y", "poly"),
        ("", "poly"),
    ],
)
def test_a_malformed_parameter_is_a_400_naming_it(client, layer, conforms, query, named):
    response = client.get(f"/api/crimes-street/all-crime?{query}")
    assert response.status_code == 400, response.content
    assert response.json()["detail"].startswith(named)
    conforms(response, "/api/crimes-street/all-crime")


def test_a_custom_area_of_more_than_10000_crimes_is_a_503_and_a_radius_is_not(client, layer, conforms):
    template = PublishedCrime.objects.get(pk=layer.no_outcome.pk)
    PublishedCrime.objects.bulk_create(
        [
            PublishedCrime(
                id=1_000_000 + n,
                persistent_id=f"{n:064x}",
                month=date(2024, 1, 1),
                category=Category.SHOPLIFTING,
                neighbourhood_id=template.neighbourhood_id,
                snap_point_id=template.snap_point_id,
                latitude=template.latitude,
                longitude=template.longitude,
                street_name=template.street_name,
                outcome_category="Under investigation",
            )
            for n in range(10_001)
        ],
        batch_size=2_000,
    )
    path = f"/api/crimes-street/all-crime?poly={A1_POLY}&date=2024-01"
    response = client.get(path)
    assert response.status_code == 503
    assert "10,000" in conforms(response, path)["detail"]
    posted = client.post("/api/crimes-street/shoplifting", {"poly": A1_POLY, "date": "2024-01"})
    assert posted.status_code == 503
    outcomes = client.get(f"/api/outcomes-at-location?poly={A1_POLY}&date=2024-01")
    assert outcomes.status_code == 503
    # Ten thousand is allowed: a narrower category holds fewer.
    assert len(get(client, conforms, f"/api/crimes-street/burglary?poly={A1_POLY}&date=2024-01")) == 3
    # A 1-mile radius is not a custom area: police.uk's limit is on the areas clients draw.
    assert len(get(client, conforms, f"/api/crimes-street/all-crime?{A1}&date=2024-01")) == 10_010
