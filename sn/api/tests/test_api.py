"""The platform API with tokens: a token acts exactly as its owner (the same scope as the pages), bad or
missing credentials are 401, lists are paged, and bad parameters are refused naming the parameter."""

import pytest
from django.test import Client
from django.utils import timezone

from sn.accounts.tokens import api_token_create, api_token_revoke
from sn.engagement.tests.factories import EventFactory
from sn.panels.models import Statement
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.tests.factories import removed_invitation_case, ward_case_setup

API = "/api/v1"


@pytest.fixture
def token_for(world):
    """A client that sends an API token of the world's user of a role, and no session."""

    def make(role: str) -> Client:
        _, raw = api_token_create(owner=world.user(role), name="test")
        return Client(headers={"Authorization": f"Bearer {raw}"})

    return make


def _codes(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {item["code"] for item in response.json()["items"]}


def test_a_sergeants_token_sees_their_wards_only(token_for, world):
    client = token_for("sergeant")
    assert _codes(client.get(f"{API}/neighbourhoods")) == {world.wards["a1"].code, world.wards["a2"].code}
    assert client.get(f"{API}/neighbourhoods/{world.wards['a1'].code}").status_code == 200
    assert client.get(f"{API}/neighbourhoods/{world.wards['a3'].code}").status_code == 404
    assert client.get(f"{API}/neighbourhoods/{world.wards['b1'].code}").status_code == 404
    teams = client.get(f"{API}/teams").json()
    assert {t["ward"] for t in teams["items"]} == {world.wards["a1"].code, world.wards["a2"].code}
    members = {m["name"]: m for t in teams["items"] for m in t["members"]}
    assert all(m["collar_number"] for m in members.values())  # police see collar numbers, as on the page


def test_a_panel_members_token_sees_the_team_without_officers_own_contacts(token_for, world):
    team = token_for("panel_member").get(f"{API}/teams/{world.wards['a1'].code}").json()
    assert team["members"] and all(m["collar_number"] is None and m["email"] is None for m in team["members"])


def test_a_partners_token_sees_only_the_cases_their_organisation_is_invited_to(token_for, world):
    invited = ward_case_setup(world, "a1").case
    elsewhere = ward_case_setup(world, "b1").case
    removed = removed_invitation_case(world)
    client = token_for("partner")
    listed = client.get(f"{API}/partner/cases").json()
    assert [c["id"] for c in listed["items"]] == [invited.pk] and listed["count"] == 1
    assert client.get(f"{API}/partner/cases/{invited.pk}").json()["reference"] == invited.reference
    assert client.get(f"{API}/partner/cases/{elsewhere.pk}").status_code == 404
    assert client.get(f"{API}/partner/cases/{removed.pk}").status_code == 404
    # The police addresses are not the partner's, and no area is theirs.
    assert client.get(f"{API}/cases").status_code == 403
    assert client.get(f"{API}/neighbourhoods").status_code == 403
    assert client.get(f"{API}/cases").json() == {"detail": "Your role does not allow this."}


def test_the_police_see_the_cases_of_their_scope(token_for, world):
    a1, a3, b1 = (ward_case_setup(world, key).case for key in ("a1", "a3", "b1"))
    removed = removed_invitation_case(world)
    sergeant = token_for("sergeant")
    assert {c["id"] for c in sergeant.get(f"{API}/cases").json()["items"]} == {
        a1.pk,
        removed.pk,
    }
    inspector = token_for("inspector")
    assert {a1.pk, a3.pk} <= {c["id"] for c in inspector.get(f"{API}/cases").json()["items"]}
    assert inspector.get(f"{API}/cases/{b1.pk}").status_code == 404
    assert token_for("central_unit").get(f"{API}/cases/{b1.pk}").status_code == 200


def test_a_priority_shows_its_statement_only_once_approved_and_published(token_for, world):
    priority = ward_panel_setup(world, "a1").priority
    statement = Statement.objects.create(priority=priority, you_said="Parks unsafe", we_did="Patrols at dusk")
    client = token_for("panel_member")
    url = f"{API}/priorities/{priority.pk}"
    assert client.get(url).json()["statement"] is None
    now = timezone.now()
    Statement.objects.filter(pk=statement.pk).update(status=Statement.Status.APPROVED, approved_at=now)
    assert client.get(url).json()["statement"] is None
    Statement.objects.filter(pk=statement.pk).update(published_at=now)
    body = client.get(url).json()
    assert body["statement"]["we_did"] == "Patrols at dusk"
    assert body["progress"][0]["kind"] in {"selected", "update", "review", "milestone", "endorsed"}
    listed = client.get(f"{API}/priorities", {"ward": world.wards["a1"].code}).json()
    assert [p["id"] for p in listed["items"]] == [priority.pk]


def test_no_credentials_or_a_bad_token_is_401_even_with_a_session(client_for, token_for, world):
    assert Client().get(f"{API}/neighbourhoods").status_code == 401
    browser = client_for("central_unit")
    assert browser.get(f"{API}/neighbourhoods").status_code == 200
    response = browser.get(
        f"{API}/neighbourhoods", headers={"Authorization": "Bearer sn_00000000_" + "x" * 43}
    )
    assert response.status_code == 401
    assert "not valid" in response.json()["detail"]


def test_a_revoked_or_expired_token_is_401_and_a_token_in_the_address_is_ignored(world):
    token, raw = api_token_create(owner=world.user("analyst"), name="test", expires_in_days=1)
    client = Client(headers={"Authorization": f"Bearer {raw}"})
    assert client.get(f"{API}/teams").status_code == 200
    assert Client().get(f"{API}/teams", {"token": raw, "access_token": raw}).status_code == 401
    type(token).objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert client.get(f"{API}/teams").status_code == 401
    token2, raw2 = api_token_create(owner=world.user("analyst"), name="test 2")
    api_token_revoke(token=token2, actor=world.user("analyst"))
    assert Client(headers={"Authorization": f"Bearer {raw2}"}).get(f"{API}/teams").status_code == 401


def test_lists_are_paged_with_a_count(token_for, world):
    for _ in range(7):
        EventFactory(neighbourhood=world.wards["a1"])
    client = token_for("inspector")
    whole = client.get(f"{API}/events").json()
    assert whole["count"] == 7 and len(whole["items"]) == 7
    page = client.get(f"{API}/events", {"limit": 3, "offset": 5}).json()
    assert page["count"] == 7 and [e["id"] for e in page["items"]] == [e["id"] for e in whole["items"][5:]]
    assert client.get(f"{API}/events", {"limit": 500}).status_code == 200


@pytest.mark.parametrize(
    ("path", "query", "field"),
    [
        ("/events", {"limit": 501}, "limit"),
        ("/events", {"limit": 0}, "limit"),
        ("/events", {"offset": -1}, "offset"),
        ("/events", {"status": "someday"}, "status"),
        ("/events", {"from": "2024-02-30"}, "from"),
        ("/events", {"from": "2024-03-02", "to": "2024-03-01"}, "to"),
        ("/activity", {"month": "2024-13"}, "month"),
        ("/activity", {"month": "1999-12"}, "month"),
        ("/activity", {"month": "march"}, "month"),
        ("/demand/boroughs/{borough}", {"month": "3000-01"}, "month"),
        ("/surveys/wards/{a1}", {"months": 0}, "months"),
    ],
)
def test_bad_parameters_are_refused_naming_the_parameter(token_for, world, path, query, field):
    client = token_for("central_unit")
    url = API + path.format(borough=world.boroughs["a"].code, a1=world.wards["a1"].code)
    response = client.get(url, query)
    assert response.status_code == 422, response.content
    assert any(error["loc"][-1] == field for error in response.json()["detail"]), response.json()


def test_the_reports_answer_for_the_areas_in_scope(token_for, world):
    analyst = token_for("analyst")
    borough = world.boroughs["a"].code
    assert analyst.get(f"{API}/epic/boroughs/{borough}").json()["area"] == borough
    assert analyst.get(f"{API}/epic/boroughs/{world.boroughs['b'].code}").status_code == 404
    demand = analyst.get(f"{API}/demand/boroughs/{borough}", {"limit": 2}).json()
    assert demand["count"] == 4 and len(demand["items"]) == 2 and demand["months"] == 12
    assert analyst.get(f"{API}/surveys/boroughs/{borough}").json()["borough"] == borough
    assert analyst.get(f"{API}/demand").status_code == 403
    ward = analyst.get(f"{API}/surveys/wards/{world.wards['a1'].code}").json()
    assert ward["respondents"] == 0 and ward["feel_safe"]["share"] is None


def test_the_docs_page_is_served_from_our_own_files(client, world):
    response = client.get(f"{API}/docs")
    body = response.content.decode()
    assert response.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in body and "/static/api/docs.js" in body
    assert "cdn" not in body.lower() and "<script>" not in body
    schema = client.get(f"{API}/openapi.json").json()
    assert schema["components"]["securitySchemes"]["TokenAuth"]["scheme"] == "bearer"
    assert "/api/v1/cases" in schema["paths"]
