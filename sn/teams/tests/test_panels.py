"""The ward page's team panel: everyone who may open the page meets the team; only police and staff see
each officer's collar number and direct contacts."""

import pytest

pytestmark = pytest.mark.django_db

TEAM_EMAIL = "a1.snt@police.example"
TEAM_PHONE = "020 7946 0999"


@pytest.fixture
def published(world):
    team = world.teams["a1"]
    team.email, team.phone = TEAM_EMAIL, TEAM_PHONE
    team.save()
    return world


def team_panel_of(client, world) -> str:
    body = client.get(f"/wards/{world.wards['a1'].code}/").content.decode()
    return body.split('aria-label="Team members"')[1].split("</ul>")[0]


def test_a_panel_member_meets_the_team_and_gets_its_published_contact(client_for, published):
    client = client_for("panel_member")
    body = client.get(f"/wards/{published.wards['a1'].code}/").content.decode()
    pc = published.officers["pc_a"]
    assert pc.full_name in body and "Police constable" in body
    assert TEAM_EMAIL in body and TEAM_PHONE in body


def test_a_panel_member_sees_no_officers_collar_number_email_or_phone(client_for, published):
    panel = team_panel_of(client_for("panel_member"), published)
    pc = published.officers["pc_a"]
    assert pc.full_name in panel
    assert pc.collar_number not in panel
    assert pc.email not in panel and "mailto:officer" not in panel
    assert pc.phone not in panel


@pytest.mark.parametrize("role", ["team_officer", "sergeant", "inspector", "analyst"])
def test_police_and_staff_see_each_officers_collar_number_and_contacts(client_for, published, role):
    panel = team_panel_of(client_for(role), published)
    pc = published.officers["pc_a"]
    assert pc.collar_number in panel and pc.email in panel and pc.phone in panel
