"""The real client: police-api-client (PyPI) against a live server the test starts, through every public
method it has (its PoliceAPI, Force, Neighbourhood, Crime, Location and category objects), with only
its base_url changed, as a user of police.uk would point it at us."""

import datetime

import police_api
import pytest
from django.test import override_settings
from police_api import InvalidCategoryException
from police_api.crime import Crime, CrimeCategory, NoLocationCrime, OutcomeCategory
from police_api.forces import Force
from police_api.neighbourhoods import Neighbourhood

from sn.policeapi.tests.helpers import HIGH_STREET, MILL_LANE, published_layer, ward_content

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def api(live_server, world):
    # A client runs many calls in a row: the limit (15 a second, bursts of 30) is police.uk's, for a
    # client that pauses; this test does not.
    with override_settings(SN_POLICE_API_RATE=10_000, SN_POLICE_API_BURST=10_000):
        # The client caches people, events and priorities in class attributes across instances.
        Force._resource_cache.clear()
        Neighbourhood._resource_cache.clear()
        yield police_api.PoliceAPI(base_url=f"{live_server.url}/api/")


def test_forces_and_a_force(api, world):
    forces = api.get_forces()
    assert [(f.id, f.name) for f in forces] == [("testforce", "Test Police")]
    force = api.get_force("testforce")
    assert force.name == "Test Police" and force.telephone == "101"
    assert force.description.startswith("<p>") and force.url.startswith("http")
    assert all({"url", "title", "description"} <= set(m) for m in force.engagement_methods)
    assert force.senior_officers == []
    assert force.slug == "testforce"
    assert {n.id for n in force.neighbourhoods} == {w.police_uk_id for w in world.wards.values()}


def test_neighbourhoods_and_everything_a_neighbourhood_has(api, world):
    content = ward_content(world)
    a1 = world.wards["a1"]
    listed = api.get_neighbourhoods("testforce")
    assert [n.name for n in listed] == sorted(n.name for n in listed)
    n = api.get_neighbourhood("testforce", a1.police_uk_id)
    assert n.name == a1.name and n.population == 15000
    assert float(n.centre["latitude"]) == pytest.approx(a1.centroid_lat, abs=1e-6)
    assert n.url_force.endswith(f"/local/{a1.code}/") and n.description.startswith("<p>")
    assert isinstance(n.contact_details, dict) and isinstance(n.links, list) and n.locations == []
    officers = n.officers
    assert len(officers) == 6 and {o.rank for o in officers} == {"Sergeant", "PC", "PCSO"}
    # The Guarantee (issue 14): the named officers carry their role, dates and online contact route.
    named = [o for o in officers if o.bio]
    assert named and all(o.contact_details.get("email") for o in named)
    assert all(o.contact_details == {} for o in officers if not o.bio)
    events = n.events
    assert [e.title for e in events] == ["Street briefing at the market", "Ward panel meeting"]
    assert isinstance(events[0].start_date, datetime.datetime)
    assert events[0].address == "Market Square" and events[0].type == "meeting"
    priorities = n.priorities
    assert [p.issue for p in priorities] == [
        "<p>Reduce &lt;burglary&gt; &amp; theft</p>",
        "<p>Stop street drinking</p>",
    ]
    assert priorities[0].issue_date.date() == content.current.selected_on and priorities[0].action is None
    assert priorities[1].action.startswith("<p>We patrolled") and isinstance(
        priorities[1].action_date, datetime.datetime
    )
    boundary = n.boundary
    assert len(boundary) >= 4 and all(
        isinstance(lat, float) and isinstance(lng, float) for lat, lng in boundary
    )
    force = api.get_force("testforce")
    assert force.get_neighbourhood(a1.police_uk_id).name == a1.name


def test_locate_finds_a_ward_or_none(api, world):
    found = api.locate_neighbourhood(51.505, -0.195)
    assert found.id == world.wards["a1"].police_uk_id and found.force.id == "testforce"
    assert found.name == world.wards["a1"].name
    assert api.locate_neighbourhood(10.0, 10.0) is None


def test_dates_and_categories(api, world):
    published_layer(world)
    assert api.get_dates() == ["2024-01", "2023-12"]
    assert api.get_latest_date() == "2024-01"
    categories = api.get_crime_categories(date="2024-01")
    assert all(isinstance(c, CrimeCategory) for c in categories) and "all-crime" not in {
        c.id for c in categories
    }
    assert api.get_crime_category("burglary", date="2024-01").name == "Burglary"
    with pytest.raises(InvalidCategoryException):
        api.get_crime_category("arson", date="2024-01")


def test_crimes_at_a_point_in_an_area_and_at_a_location(api, world):
    layer = published_layer(world)
    at_point = api.get_crimes_point(HIGH_STREET[0], HIGH_STREET[1], date="2024-01")
    assert len(at_point) == 9 and all(isinstance(c, Crime) for c in at_point)
    burglaries = api.get_crimes_point(
        *HIGH_STREET, date="2024-01", category=api.get_crime_category("burglary")
    )
    assert {c.category.id for c in burglaries} == {"burglary"} and len(burglaries) == 3
    crime = next(c for c in burglaries if c.id == layer.with_outcome.id)
    assert crime.month == "2024-01" and crime.persistent_id == layer.with_outcome.persistent_id
    assert crime.location.id == layer.high_street.id and crime.location.name == "On or near High Street"
    assert crime.location.type == "Force" and not crime.location.is_btp()
    assert (
        crime.outcome_status.category.name == "Unable to prosecute suspect"
        and crime.outcome_status.date == "2024-02"
    )
    [outcome] = crime.outcomes
    assert isinstance(outcome.category, OutcomeCategory) and outcome.category.id == "unable-to-prosecute"
    # A custom area goes as a form POST (police.uk's clients got 400s for it: issues #4 and #7).
    square = [(51.5, -0.2), (51.51, -0.2), (51.51, -0.19), (51.5, -0.19)]
    in_area = api.get_crimes_area(square, date="2024-01")
    assert sorted(c.id for c in in_area) == sorted(c.id for c in at_point)
    assert len(api.get_crimes_area(square, date="2024-01", category="vehicle-crime")) == 3
    at_location = api.get_crimes_location(layer.mill_lane.id, date="2024-01")
    assert len(at_location) == 3 and {c.location.name for c in at_location} == {"On or near Mill Lane"}
    # A neighbourhood's crimes: its boundary posted as the area, in the latest month.
    neighbourhood = api.get_neighbourhood("testforce", world.wards["a1"].police_uk_id)
    assert sorted(c.id for c in neighbourhood.crimes) == sorted(c.id for c in in_area)
    assert api.get_crimes_point(*MILL_LANE) and api.get_crimes_location(layer.high_street.id)


def test_crimes_with_no_location_and_a_crime_by_its_id(api, world):
    layer = published_layer(world)
    withheld = api.get_crimes_no_location("testforce", date="2024-01")
    assert len(withheld) == 2 and all(isinstance(c, NoLocationCrime) for c in withheld)
    # The client reads id, context and month of a crime with no location (not its category).
    assert {c.month for c in withheld} == {"2024-01"} and all(c.context == "" for c in withheld)
    assert {c.id for c in withheld} == {50_012, 50_013}
    assert api.get_crimes_no_location(api.get_force("testforce"), date="2024-01", category="burglary") == []
    crime = api.get_crime(layer.with_outcome.persistent_id)
    assert crime.id == layer.with_outcome.id and crime.category.id == "burglary"
    assert [o.category.name for o in crime.outcomes] == ["Unable to prosecute suspect"]
    assert api.get_crime(layer.no_outcome.persistent_id).outcomes == []
    with pytest.raises(police_api.APIError):
        api.get_crime("0" * 64)
