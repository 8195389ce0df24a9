"""The deployment pages (lend, refuse with the cover message, end), the notice on the home ward's
panel's next meeting, and the tasking group's pack section and meeting page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.deployments.models import Deployment
from sn.deployments.tests.factories import DeploymentFactory, lend, planned_meeting, roster, ward_priority
from sn.tasking.pack import assemble
from sn.tasking.pack.deployments import deployments_section, rows_of
from sn.tasking.services import meeting_create
from sn.teams.models import Rank
from sn.teams.selectors import active_postings

pytestmark = pytest.mark.django_db


@pytest.fixture
def rostered(world):
    today = timezone.localdate()
    staff = [
        p.officer
        for p in active_postings(on=today).filter(team=world.teams["a1"])
        if p.officer.rank in (Rank.PC, Rank.PCSO)
    ]
    roster(world.teams["a1"], staff, today, 15)
    return [o for o in staff if o.rank == Rank.PC]


def _lend(client, world, priority, officer):
    first = timezone.localdate() + timedelta(days=1)
    return client.post(
        reverse("deployments:new") + f"?ward={world.wards['a2'].code}",
        {
            "problem": f"priority:{priority.pk}",
            "starts_on": first.isoformat(),
            "ends_on": (first + timedelta(days=3)).isoformat(),
            "officers": [str(officer.pk)],
            "reason": "Evening patrols",
        },
    )


def test_an_inspector_lends_then_is_refused_with_the_cover_message(world, client_for, rostered):
    client = client_for("inspector")
    priority = ward_priority(world.wards["a2"])
    page = client.get(reverse("deployments:new") + f"?ward={world.wards['a2'].code}")
    assert page.status_code == 200 and priority.wording in page.content.decode()
    assert rostered[0].full_name in page.content.decode()
    response = _lend(client, world, priority, rostered[0])
    deployment = Deployment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "deployments:detail", args=[deployment.pk]
    )
    refused = _lend(client, world, priority, rostered[1])
    assert refused.status_code == 400
    text = refused.content.decode()
    assert f"{world.wards['a1'].name} would have no PC on duty on" in text and "07:00 to 15:00 shift" in text
    assert Deployment.objects.count() == 1
    detail = client.get(reverse("deployments:detail", args=[deployment.pk])).content.decode()
    assert "Covered" in detail and "No PC" not in detail and rostered[0].full_name in detail


def test_a_refusal_names_the_field(world, client_for, rostered):
    client = client_for("inspector")
    response = client.post(
        reverse("deployments:new") + f"?ward={world.wards['a2'].code}",
        {"starts_on": timezone.localdate().isoformat(), "reason": "x"},
    )
    text = response.content.decode()
    assert response.status_code == 400
    # The ward has nothing to choose from: the link goes to the group, which says so.
    assert 'href="#id_problem"' in text and 'id="id_problem"' in text and 'href="#id_ends_on"' in text


def test_an_unknown_ward_is_a_bad_parameter(client_for):
    assert client_for("inspector").get(reverse("deployments:new") + "?ward=nowhere").status_code == 400


def test_ending_records_the_results(world, client_for, rostered):
    deployment = DeploymentFactory(neighbourhood=world.wards["a2"], starts_on=timezone.localdate())
    lend(deployment, rostered[0], world.teams["a1"])
    client = client_for("inspector")
    response = client.post(reverse("deployments:end", args=[deployment.pk]), {"results": "Burglary down"})
    assert response.status_code == 302
    deployment.refresh_from_db()
    assert deployment.status == Deployment.Status.ENDED and deployment.results == "Burglary down"


def test_the_home_wards_panel_sees_the_notice_on_its_next_meeting(world, client_for, rostered):
    meeting = planned_meeting(world.wards["a1"])
    _lend(client_for("inspector"), world, ward_priority(world.wards["a2"]), rostered[0])
    page = client_for("sergeant").get(reverse("panels:meeting", args=[meeting.pk])).content.decode()
    assert "Notices for the panel" in page and f"lent to {world.wards['a2'].name}" in page


def test_the_tasking_pack_and_meeting_report_deployments_with_their_results(world, client_for, rostered):
    today = timezone.localdate()
    ended = DeploymentFactory(
        neighbourhood=world.wards["a2"],
        starts_on=today - timedelta(days=20),
        ends_on=today - timedelta(days=10),
        status=Deployment.Status.ENDED,
        ended_on=today - timedelta(days=10),
        results="Three arrests; burglary halved",
    )
    lend(ended, rostered[0], world.teams["a1"])
    current = DeploymentFactory(neighbourhood=world.wards["a3"], starts_on=today)
    section = deployments_section(
        world.boroughs["a"], rows_of([world.boroughs["a"].pk])[world.boroughs["a"].pk], today
    )
    rows = section.tables[0].rows
    assert [r[0] for r in rows] == [ended.reference, current.reference]
    assert rows[0][6] == "Ended" and rows[0][7] == "Three arrests; burglary halved" and rows[1][6] == "Active"
    assert "1 deployment under Approach A planned or active" in section.summary[0]
    pack = assemble(world.boroughs["a"], "tasking_group", today)
    assert any(s["key"] == "deployments" for s in pack)
    meeting = meeting_create(
        borough=world.boroughs["a"],
        kind="tasking_group",
        held_on=today,
        chair="Ch Insp",
        actor=world.user("borough_lead"),
    )
    page = client_for("borough_lead").get(reverse("tasking:meeting", args=[meeting.pk])).content.decode()
    assert ended.reference in page and "Three arrests" in page
