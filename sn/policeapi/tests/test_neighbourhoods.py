"""The neighbourhood side of the police.uk API: the documented shapes (key sets and types, as the
reference's examples), what each answer holds and leaves out, and the errors. Every answer is also
checked against the OpenAPI document (the `conforms` fixture)."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from sn.geography.tests.factories import NeighbourhoodFactory
from sn.policeapi.tests.helpers import ward_content
from sn.teams.tests.factories import OfficerFactory, PostingFactory

pytestmark = pytest.mark.django_db

NAIVE = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\Z")
PERSON_KEYS = {"name", "rank", "bio", "contact_details"}
DETAIL_KEYS = {
    "id", "name", "description", "url_force", "population", "contact_details", "centre", "links", "locations",
}  # fmt: skip
EVENT_KEYS = {"title", "description", "address", "type", "start_date", "end_date", "contact_details"}
PRIORITY_KEYS = {"issue", "action", "issue-date", "action-date"}


def get(client, conforms, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.status_code, response.content[:300])
    return conforms(response, path)


def test_forces_lists_the_force(client, world, conforms):
    assert get(client, conforms, "/api/forces") == [{"id": "testforce", "name": "Test Police"}]


def test_a_force_has_every_documented_key(client, world, conforms):
    force = get(client, conforms, "/api/forces/testforce")
    assert set(force) == {"id", "name", "description", "url", "telephone", "engagement_methods"}
    assert force["id"] == "testforce" and force["name"] == "Test Police"
    assert force["telephone"] == "101"
    assert force["description"].startswith("<p>") and "8 neighbourhoods" in force["description"]
    assert force["url"].startswith("http://testserver/")
    for method in force["engagement_methods"]:
        assert set(method) == {"url", "description", "title"}
        assert all(isinstance(value, str) and value for value in method.values())


def test_senior_officers_are_none_we_hold_not_made_up(client, world, conforms):
    assert get(client, conforms, "/api/forces/testforce/people") == []


@pytest.mark.parametrize(
    "path",
    [
        "/api/forces/nowhere",
        "/api/forces/nowhere/people",
        "/api/nowhere/neighbourhoods",
        "/api/nowhere/E05900000",
        "/api/testforce/NOPE",
        "/api/testforce/NOPE/boundary",
        "/api/testforce/NOPE/people",
        "/api/testforce/NOPE/events",
        "/api/testforce/NOPE/priorities",
    ],
)
def test_an_unknown_force_or_neighbourhood_is_an_empty_404(client, world, conforms, path):
    response = client.get(path)
    assert response.status_code == 404 and response.content == b""
    conforms(response, path)


def test_neighbourhoods_list_every_ward_and_never_the_id_neighbourhoods(client, world, conforms):
    NeighbourhoodFactory(borough=world.boroughs["a"], police_uk_id="neighbourhoods", name="Clash")
    listed = get(client, conforms, "/api/testforce/neighbourhoods")
    assert all(set(n) == {"id", "name"} for n in listed)
    assert {n["id"] for n in listed} == {w.police_uk_id for w in world.wards.values()}
    assert [n["name"] for n in listed] == sorted(n["name"] for n in listed)


def test_a_neighbourhood_has_every_documented_key_with_strings(client, world, conforms):
    a1 = world.wards["a1"]
    team = world.teams["a1"]
    team.email, team.phone = "a1.snt@police.example", "020 7946 0001"
    team.save()
    n = get(client, conforms, f"/api/testforce/{a1.police_uk_id}")
    assert set(n) == DETAIL_KEYS
    assert n["id"] == a1.police_uk_id and n["name"] == a1.name
    assert n["population"] == "15000"
    assert float(n["centre"]["latitude"]) == pytest.approx(a1.centroid_lat, abs=1e-6)
    assert isinstance(n["centre"]["longitude"], str)
    assert n["contact_details"] == {"email": "a1.snt@police.example", "telephone": "020 7946 0001"}
    assert n["locations"] == []
    assert n["description"].startswith("<p>")
    assert n["url_force"] == f"http://testserver/local/{a1.code}/"
    assert n["links"] and all(set(link) == {"url", "description", "title"} for link in n["links"])


def test_an_unknown_population_is_the_string_zero_and_html_in_a_description_is_escaped(
    client, world, conforms
):
    a2 = world.wards["a2"]
    a2.population = None
    a2.description = "Shops & <b>homes</b>\n\nA second paragraph"
    a2.save()
    n = get(client, conforms, f"/api/testforce/{a2.police_uk_id}")
    assert n["population"] == "0"
    assert "&amp;" in n["description"] and "&lt;b&gt;" in n["description"] and "<b>" not in n["description"]
    assert n["description"].count("<p>") == 2


def test_the_boundary_is_points_as_strings_around_the_ward(client, world, conforms):
    points = get(client, conforms, f"/api/testforce/{world.wards['a1'].police_uk_id}/boundary")
    assert len(points) >= 4 and all(set(p) == {"latitude", "longitude"} for p in points)
    lats = [float(p["latitude"]) for p in points]
    lngs = [float(p["longitude"]) for p in points]
    assert min(lats) == pytest.approx(51.50) and max(lats) == pytest.approx(51.51)
    assert min(lngs) == pytest.approx(-0.20) and max(lngs) == pytest.approx(-0.19)


def test_the_team_is_the_officers_posted_today_by_rank_and_name_only(client, world, conforms):
    gone = OfficerFactory(first_name="Former", last_name="Member")
    PostingFactory(
        officer=gone, team=world.teams["a1"], start_date=date(2019, 1, 1), end_date=date(2019, 12, 31)
    )
    people = get(client, conforms, f"/api/testforce/{world.wards['a1'].police_uk_id}/people")
    assert all(set(p) == PERSON_KEYS for p in people)
    assert [p["rank"] for p in people] == ["Sergeant", "PC", "PC", "PCSO", "PCSO", "PCSO"]
    names = {p["name"] for p in people}
    assert world.officers["sergeant_a"].full_name in names and "Former Member" not in names
    # The Guarantee's named officers: their dates and their work e-mail (the online contact route), no
    # collar numbers, no phone numbers.
    pc = next(p for p in people if p["name"] == world.officers["pc_a"].full_name)
    assert pc["contact_details"] == {"email": world.officers["pc_a"].email} and "from" in pc["bio"]
    body = str(people)
    assert world.officers["pc_a"].collar_number not in body and world.officers["pc_a"].phone not in body


def test_events_are_upcoming_public_events_and_panel_meetings_with_naive_start_dates(client, world, conforms):
    content = ward_content(world)
    events = get(client, conforms, f"/api/testforce/{world.wards['a1'].police_uk_id}/events")
    assert [e["title"] for e in events] == ["Street briefing at the market", "Ward panel meeting"]
    assert all(set(e) == EVENT_KEYS for e in events)
    assert all(NAIVE.match(e["start_date"]) for e in events)
    briefing, meeting = events
    assert briefing["start_date"] == timezone.localtime(content.event.starts_at).strftime("%Y-%m-%dT%H:%M:%S")
    assert NAIVE.match(briefing["end_date"]) and meeting["end_date"] is None
    assert briefing["address"] == "Market Square" and meeting["address"] == "Library hall"
    assert briefing["type"] == "meeting" and meeting["type"] == "meeting"
    assert "Private visit" not in str(events)


def test_priorities_have_all_four_keys_newest_first_and_only_published_statements(client, world, conforms):
    content = ward_content(world)
    priorities = get(client, conforms, f"/api/testforce/{world.wards['a1'].police_uk_id}/priorities")
    assert all(set(p) == PRIORITY_KEYS for p in priorities)
    issues = [p["issue"] for p in priorities]
    assert issues == ["<p>Reduce &lt;burglary&gt; &amp; theft</p>", "<p>Stop street drinking</p>"]
    current, ended = priorities
    assert current["action"] is None and current["action-date"] is None
    assert current["issue-date"] == f"{content.current.selected_on:%Y-%m-%d}T00:00:00"
    assert ended["action"] == "<p>We patrolled &amp; the council closed the off-licence</p>"
    assert ended["action-date"] == timezone.localtime(content.statement.published_at).strftime(
        "%Y-%m-%dT%H:%M:%S"
    )
    assert ended["issue-date"] == "2024-03-01T00:00:00"
    # The approved but unpublished statement, and its priority, are not shown.
    assert "NOT PUBLISHED" not in str(priorities) and "Speeding" not in str(priorities)


def test_a_neighbourhood_with_nothing_planned_answers_empty_lists(client, world, conforms):
    code = world.wards["b4"].police_uk_id
    assert get(client, conforms, f"/api/testforce/{code}/events") == []
    assert get(client, conforms, f"/api/testforce/{code}/priorities") == []
    assert get(client, conforms, f"/api/testforce/{code}/people") == []


def test_a_past_event_is_not_listed(client, world, conforms):
    content = ward_content(world)
    content.event.starts_at = timezone.now() - timedelta(days=1)
    content.event.save()
    events = get(client, conforms, f"/api/testforce/{world.wards['a1'].police_uk_id}/events")
    assert [e["title"] for e in events] == ["Ward panel meeting"]


def test_locate_finds_the_ward_of_a_point(client, world, conforms):
    found = get(client, conforms, "/api/locate-neighbourhood?q=51.505,-0.195")
    assert found == {"force": "testforce", "neighbourhood": world.wards["a1"].police_uk_id}


def test_locate_outside_every_ward_is_an_empty_404(client, world, conforms):
    response = client.get("/api/locate-neighbourhood?q=10,10")
    assert response.status_code == 404 and response.content == b""
    conforms(response, "/api/locate-neighbourhood")


@pytest.mark.parametrize("q", ["", "51.5", "51.5,-0.1,3", "north,west", "91,0", "0,181", "nan,0", "inf,1"])
def test_a_malformed_point_is_a_400_naming_q(client, world, conforms, q):
    response = client.get(f"/api/locate-neighbourhood?q={q}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("q")
    conforms(response, "/api/locate-neighbourhood")
