"""The tasking pages as their users see them: the borough page, a meeting with its agenda, the pack on
the page and as PDF (hostile text included), forms that refuse on the field."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.core.registries import NAVIGATION, WORK_ITEMS
from sn.jobs.models import Job, JobStatus
from sn.jobs.services import job_enqueue
from sn.tasking.jobs import pack_job_params
from sn.tasking.models import Action, MeetingPack, TaskingMeeting
from sn.tasking.services import pack_assemble
from sn.tasking.tests.helpers import make_case, tasking_setup

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_the_meeting_page_lists_the_actions_of_the_last_meeting_to_follow_up(world, client_for):
    setup = tasking_setup(world, "a")

    response = client_for("borough_lead").get(reverse("tasking:meeting", args=[setup.meeting.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Ask the council for lighting" in body
    assert reverse("tasking:follow_up", args=[setup.meeting.pk, setup.action.pk]) in body


def test_the_pack_shows_its_sections_and_downloads_as_a_pdf_even_with_markup_in_a_title(world, client_for):
    setup = tasking_setup(world, "a")
    stalled = make_case(
        world.wards["a1"],
        world.officers["pc_a"],
        title="<b>Bold</b> <img src='/etc/passwd'>",
        last_activity_on=TODAY - timedelta(weeks=12),
    )
    pack_assemble(meeting=setup.meeting, today=TODAY, actor=world.user("analyst"))
    client = client_for("sergeant")

    page = client.get(reverse("tasking:pack", args=[setup.meeting.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Stalled cases" in body and "&lt;b&gt;Bold&lt;/b&gt;" in body
    # The stalled case's reference leads to the case (the QA walk found it plain text).
    case_url = reverse("problemsolving:case", args=[stalled.pk])
    assert f'href="{case_url}">{stalled.reference}</a>' in body
    assert "print.css" in body

    pdf = client.get(reverse("tasking:pack", args=[setup.meeting.pk]) + "?format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]


def test_a_meeting_form_refused_by_the_service_shows_the_error_on_its_field_and_saves_nothing(
    world, client_for
):
    client = client_for("borough_lead")
    url = reverse("tasking:meeting_new", args=[world.boroughs["a"].code])

    response = client.post(url, {"kind": "tasking_group", "held_on": TODAY.isoformat(), "chair": " "})

    assert response.status_code == 400
    assert TaskingMeeting.objects.count() == 0


def test_the_lead_records_a_meeting_through_the_form(world, client_for):
    client = client_for("borough_lead")
    url = reverse("tasking:meeting_new", args=[world.boroughs["a"].code])
    inspector = world.user("inspector")

    response = client.post(
        url,
        {
            "kind": "joint_action_group",
            "held_on": TODAY.isoformat(),
            "chair": "Supt Jo",
            "attendees": [inspector.pk],
        },
    )

    meeting = TaskingMeeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "tasking:meeting", args=[meeting.pk]
    )
    assert meeting.kind == TaskingMeeting.Kind.JOINT_ACTION_GROUP
    assert list(meeting.attendees.all()) == [inspector]


def test_the_pack_is_assembled_by_a_job_from_its_form_by_an_analyst(world, client_for):
    setup = tasking_setup(world, "a")

    response = client_for("analyst").post(reverse("tasking:pack_prepare", args=[setup.meeting.pk]))

    job = Job.objects.get(kind="tasking.pack")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED, job.errors
    assert (job.borough, job.requested_by) == (world.boroughs["a"], world.user("analyst"))
    assert MeetingPack.objects.get(meeting=setup.meeting).prepared_by == world.user("analyst")
    assert job.result_url == reverse("tasking:pack", args=[setup.meeting.pk])
    assert job.output_name == f"tasking-pack-{world.boroughs['a'].code}-{setup.meeting.held_on}.pdf"
    assert Path(job.output_path).read_bytes().startswith(b"%PDF")
    assert (job.progress_done, job.progress_total, job.progress_message) == (9, 9, "Pack assembled")
    page = client_for("analyst").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    link = f'href="{reverse("tasking:pack", args=[setup.meeting.pk])}">Open the tasking pack</a>'
    assert link in page


def test_a_pack_job_the_service_refuses_names_the_field_and_assembles_nothing(world):
    meeting = tasking_setup(world, "b").meeting
    job = job_enqueue(
        kind="tasking.pack",
        title="Pack",
        actor=world.user("analyst"),
        borough=meeting.borough,
        params=pack_job_params(meeting),
    )
    assert job.status == JobStatus.FAILED and not job.output_path
    assert job.summary == "The pack was not assembled; nothing was written."
    assert job.errors == [
        f"meeting: {meeting.borough.name} is not your borough, so you cannot prepare the borough's "
        "tasking packs there."
    ]
    assert not MeetingPack.objects.exists()


def test_only_a_preparer_of_the_borough_may_ask_for_its_pack(world, client_for):
    here, there = tasking_setup(world, "a").meeting, tasking_setup(world, "b").meeting
    url = reverse("tasking:pack_prepare", args=[here.pk])
    anonymous = client_for(None).post(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))
    assert client_for("sergeant").post(url).status_code == 403
    lead = client_for("borough_lead")
    assert lead.post(reverse("tasking:pack_prepare", args=[there.pk])).status_code == 404
    assert not Job.objects.exists() and not MeetingPack.objects.exists()


def test_the_header_links_readers_to_their_boroughs_tasking(world):
    item = NAVIGATION.get("tasking")
    code = world.boroughs["a"].code
    assert item.href(world.user("borough_lead")) == reverse("tasking:borough", args=[code])
    assert item.href(world.user("sergeant")) == reverse("tasking:borough", args=[code])
    assert item.href(world.user("central_unit")) == reverse("tasking:index")
    assert item.href(world.user("partner")) is None
    assert item.href(world.user("team_officer")) is None


def test_home_work_lists_overdue_actions_for_their_owner_and_bids_and_packs_for_the_lead(world):
    setup = tasking_setup(world, "a")
    inspector = world.user("inspector")
    Action.objects.create(
        meeting=setup.earlier,
        description="Walkabout with the council",
        owner_user=inspector,
        due_on=TODAY - timedelta(days=5),
    )

    mine = WORK_ITEMS.get("tasking-actions").build(inspector)
    assert [i.title for i in mine] == ["Tasking action: Walkabout with the council"]
    assert mine[0].overdue

    lead = world.user("borough_lead")
    assert [i.title for i in WORK_ITEMS.get("tasking-bids").build(lead)] == [
        "Decide the resource bid: Two PCs on late turn"
    ]
    packs = WORK_ITEMS.get("tasking-packs").build(lead)
    # The meeting of sixty days ago is history: only the last eight weeks' are listed.
    assert [i.url for i in packs] == [reverse("tasking:pack", args=[setup.meeting.pk])]
    assert WORK_ITEMS.get("tasking-bids").build(world.user("analyst")) == []


def test_a_meeting_s_change_history_is_for_those_who_may_see_the_borough_s(world, client_for):
    setup = tasking_setup(world, "a")
    elsewhere = tasking_setup(world, "b")
    url = reverse("pages:history", args=["tasking-meeting", setup.meeting.pk])
    lead = client_for("borough_lead")
    page = lead.get(reverse("tasking:meeting", args=[setup.meeting.pk])).content.decode()
    assert url in page
    response = lead.get(url)
    assert response.status_code == 200
    assert (
        lead.get(reverse("pages:history", args=["tasking-meeting", elsewhere.meeting.pk])).status_code == 404
    )
    assert lead.get(reverse("pages:history", args=["tasking-action", setup.action.pk])).status_code == 200
    assert lead.get(reverse("pages:history", args=["resource-bid", setup.bid.pk])).status_code == 200


def test_the_borough_tasking_page_renders_its_meetings_actions_and_bids(world, client_for):
    # Its template had been saved with a block inserted between every character: the page showed its
    # own source (900 KB of it) and no test opened it.
    setup = tasking_setup(world, "a")
    response = client_for("borough_lead").get(reverse("tasking:borough", args=[world.boroughs["a"].code]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "{%" not in body and len(body) < 100_000
    assert '<h1 class="govuk-heading-xl">Borough tasking</h1>' in body
    assert setup.action.description in body
    assert setup.bid.what in body
    sergeant = client_for("sergeant").get(reverse("tasking:borough", args=[world.boroughs["a"].code]))
    assert "Raise a resource bid" in sergeant.content.decode()
