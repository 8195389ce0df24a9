"""The panel pages: each form saves through its service and redirects, or comes back with the refusal on
its field and nothing written; what each role sees on the pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.accounts.tests.factories import UserFactory
from sn.concerns.tests.factories import ConcernFactory
from sn.core.roles import Role
from sn.core.tests.helpers import WHOLE_FORM, post_form
from sn.panels.models import Meeting, Panel, PanelMember, Priority, Review, Statement
from sn.panels.services import priority_decide_resolved, statement_approve, statement_save
from sn.panels.tests.factories import MeetingFactory, PanelMemberFactory, PriorityFactory, days_ago
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.tests.assessed import assessed_case_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def a1(world):
    setup = ward_panel_setup(world, "a1")
    # Sign-off needs the priority's case assessed (tested in sn/problemsolving/tests/test_signoff_gate.py).
    assessed_case_for(setup.priority)
    return setup


def test_the_team_sets_up_a_panel_and_a_second_is_refused(client_for, world):
    url = reverse("panels:panel_new", args=[world.wards["a1"].code])
    data = {"name": "A1 Ward Panel", "formed_on": "2024-05-01", "usual_venue": "Library"}

    response = post_form(client_for("sergeant"), url, data)

    assert response["Location"] == reverse("panels:ward_panel", args=[world.wards["a1"].code])
    post_form(client_for("sergeant"), url, data, errors={"name": ["already has a ward panel"]})
    assert Panel.objects.count() == 1


def test_a_member_with_contact_details_but_no_consent_comes_back_on_the_consent_field(client_for, world, a1):
    url = reverse("panels:member_new", args=[world.wards["a1"].code])
    data = {
        "name": "Ada Resident",
        "member_type": "resident",
        "joined_on": "2025-01-10",
        "email": "ada@example.org",
    }

    post_form(client_for("team_officer"), url, data, errors={"contact_consent": ["consent"]})

    assert not PanelMember.objects.filter(name="Ada Resident").exists()
    post_form(client_for("team_officer"), url, {**data, "contact_consent": "on"})
    assert PanelMember.objects.get(name="Ada Resident").email == "ada@example.org"


def test_contact_details_are_shown_to_the_team_and_its_supervisors_only(client_for, world, a1):
    url = reverse("panels:ward_panel", args=[world.wards["a1"].code])
    for role in ("team_officer", "sergeant", "inspector"):
        assert "chris.chair@example.org" in client_for(role).get(url).content.decode()
    for role in ("panel_member", "analyst", "borough_lead", "central_unit"):
        page = client_for(role).get(url).content.decode()
        assert "Chris Chair" in page and "chris.chair@example.org" not in page


def test_a_meeting_is_planned_then_recorded_with_attendance(client_for, world, a1):
    new = reverse("panels:meeting_new", args=[world.wards["a1"].code])
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = post_form(
        client_for("team_officer"), new, {"date": tomorrow.isoformat(), "time": "19:00", "place": "Library"}
    )

    meeting = Meeting.objects.get(place="Library")
    assert response["Location"] == reverse("panels:meeting", args=[meeting.pk])
    record = reverse("panels:meeting_record", args=[meeting.pk])
    post_form(
        client_for("team_officer"),
        record,
        {"date": tomorrow.isoformat(), "time": "19:00", "minutes": "Met."},
        errors={"date": ["still to come"]},
    )
    yesterday = days_ago(1).isoformat()
    post_form(
        client_for("team_officer"),
        record,
        {
            "date": yesterday,
            "time": "19:00",
            "minutes": "Met.",
            "members_present": [a1.chair.pk],
            "public_count": "7",
        },
    )
    meeting.refresh_from_db()
    assert meeting.is_held and list(meeting.members_present.all()) == [a1.chair]


def test_the_chair_chooses_a_priority_from_the_wards_concerns(client_for, world, a1):
    concern = ConcernFactory(neighbourhood=world.wards["a1"], topic="asb-rowdy-youths")
    url = reverse("panels:priority_select", args=[a1.meeting.pk])
    page = client_for("panel_member").get(url).content.decode()
    assert "ASB: rowdy or intimidating young people" in page and concern.description in page

    response = post_form(
        client_for("panel_member"),
        url,
        {
            "topic": "asb-rowdy-youths",
            "wording": "Stop groups intimidating shoppers",
            "concerns": [concern.pk],
            "owner": world.officers["pcso_a"].pk,
        },
    )

    priority = Priority.objects.get(wording="Stop groups intimidating shoppers")
    assert response["Location"] == reverse("panels:priority", args=[priority.pk])
    assert list(priority.concerns.all()) == [concern]


def test_a_sixth_priority_comes_back_on_the_whole_form(client_for, world, a1):
    for _ in range(4):
        PriorityFactory(selected_at=a1.meeting, owner=world.officers["pc_a"])
    data = {"topic": "burglary", "wording": "One too many", "owner": world.officers["pc_a"].pk}

    post_form(
        client_for("sergeant"),
        reverse("panels:priority_select", args=[a1.meeting.pk]),
        data,
        errors={WHOLE_FORM: ["the most allowed at once"]},
    )

    assert not Priority.objects.filter(wording="One too many").exists()


def test_a_panel_member_who_is_not_the_chair_may_read_but_not_decide(client_for, world, a1):
    member = UserFactory(role=Role.PANEL_MEMBER, neighbourhood=world.wards["a1"])
    PanelMemberFactory(panel=a1.panel, user=member)
    client = client_for(None)
    client.force_login(member)

    assert client.get(reverse("panels:meeting", args=[a1.meeting.pk])).status_code == 200
    assert client.get(reverse("panels:priority_select", args=[a1.meeting.pk])).status_code == 403
    review = reverse("panels:priority_review", args=[a1.meeting.pk, a1.priority.pk])
    assert client.post(review, {"outcome": "resolved", "note": "Done"}).status_code == 403
    assert not Review.objects.exists()


def test_the_two_step_sign_off_through_the_pages(client_for, world, a1):
    later = MeetingFactory(panel=a1.panel, starts_at=a1.meeting.starts_at + datetime.timedelta(days=2))
    review = reverse("panels:priority_review", args=[later.pk, a1.priority.pk])
    post_form(client_for("panel_member"), review, {"outcome": "resolved", "note": "Burglary is down a third"})
    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.PANEL_RESOLVED

    endorse = reverse("panels:priority_endorse", args=[a1.priority.pk])
    assert "judged this priority resolved" in client_for("sergeant").get(endorse).content.decode()
    post_form(client_for("sergeant"), endorse, {"decision": "endorse", "note": "Agreed"})

    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.CLOSED
    page = client_for("panel_member").get(reverse("panels:priority", args=[a1.priority.pk])).content.decode()
    assert "Closed" in page and "Agreed" in page


def test_endorsing_without_the_panels_decision_comes_back_with_the_reason(client_for, world, a1):
    endorse = reverse("panels:priority_endorse", args=[a1.priority.pk])

    post_form(
        client_for("sergeant"),
        endorse,
        {"decision": "endorse"},
        errors={WHOLE_FORM: ["The panel has not decided"]},
    )

    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.ACTIVE


def test_a_statement_is_drafted_approved_and_published_and_only_then_seen_by_the_panel(client_for, world, a1):
    statement_url = reverse("panels:statement_edit", args=[a1.priority.pk])
    post_form(
        client_for("team_officer"),
        statement_url,
        {"you_said": "Parks felt unsafe", "we_did": "Patrols", "submit": "on"},
    )
    priority_page = reverse("panels:priority", args=[a1.priority.pk])
    assert "Parks felt unsafe" not in client_for("panel_member").get(priority_page).content.decode()

    publish = reverse("panels:statement_publish", args=[a1.priority.pk])
    post_form(client_for("team_officer"), publish, {}, errors={WHOLE_FORM: ["has not approved"]})
    post_form(
        client_for("sergeant"),
        reverse("panels:statement_approve", args=[a1.priority.pk]),
        {"decision": "approve"},
    )
    post_form(client_for("team_officer"), publish, {})

    assert Statement.objects.get().is_published
    assert "Parks felt unsafe" in client_for("panel_member").get(priority_page).content.decode()


def test_the_sergeant_returning_a_statement_needs_a_note(client_for, world, a1):
    statement_save(priority=a1.priority, you_said="x", we_did="y", submit=True)
    approve = reverse("panels:statement_approve", args=[a1.priority.pk])

    post_form(
        client_for("sergeant"),
        approve,
        {"decision": "return"},
        errors={"note": ["Say what the team should change"]},
    )
    post_form(client_for("sergeant"), approve, {"decision": "return", "note": "Add dates"})

    assert Statement.objects.get().returned_note == "Add dates"


def test_the_panel_page_warns_when_no_priority_concerns_young_people(client_for, world, a1):
    page = (
        client_for("sergeant")
        .get(reverse("panels:ward_panel", args=[world.wards["a1"].code]))
        .content.decode()
    )
    assert "None of the team&#x27;s current priorities concerns young people" in page

    PriorityFactory(selected_at=a1.meeting, owner=world.officers["pc_a"], topic="asb-rowdy-youths")
    page = (
        client_for("sergeant")
        .get(reverse("panels:ward_panel", args=[world.wards["a1"].code]))
        .content.decode()
    )
    assert "concerns young people; the force" not in page


def test_a_ward_without_a_panel_invites_the_team_to_set_one_up(client_for, world):
    url = reverse("panels:ward_panel", args=[world.wards["a2"].code])
    assert "Set up the ward panel" in client_for("sergeant").get(url).content.decode()
    assert "Set up the ward panel" not in client_for("inspector").get(url).content.decode()


def test_the_overview_shows_cadence_and_the_share_of_wards_per_topic(client_for, world, a1):
    PriorityFactory(selected_at=a1.meeting, owner=world.officers["pc_a"], topic="asb-rowdy-youths")
    page = client_for("inspector").get(reverse("panels:cluster_overview", args=["C-A"])).content.decode()

    assert "Meeting cadence, worst first" in page and "No panel" in page
    assert "ASB: rowdy or intimidating young people" in page and "25%" in page
    topics = client_for("inspector").get(
        reverse("panels:cluster_overview", args=["C-A"]) + "?table=topics&format=csv"
    )
    assert "ASB: rowdy or intimidating young people,1,1,0.25" in topics.content.decode("utf-8-sig")
    assert (
        client_for("inspector")
        .get(reverse("panels:cluster_overview", args=["C-A"]) + "?table=x&format=csv")
        .status_code
        == 404
    )


def test_a_decided_sign_off_shows_on_the_priority_page_as_awaiting_the_sergeant(client_for, world, a1):
    priority_decide_resolved(priority=a1.priority, meeting=a1.meeting, note="Resolved")
    page = client_for("sergeant").get(reverse("panels:priority", args=[a1.priority.pk])).content.decode()
    assert "Awaiting the sergeant" in page and "Endorse or return it" in page


def test_an_approved_statement_is_in_the_ward_priorities_download_only_once_published(client_for, world, a1):
    statement = statement_save(priority=a1.priority, you_said="Parks unsafe", we_did="Patrols", submit=True)
    statement_approve(statement=statement, actor=world.user("sergeant"))
    url = reverse("panels:ward_priorities", args=[world.wards["a1"].code]) + "?format=csv"
    assert "Parks unsafe" not in client_for("sergeant").get(url).content.decode("utf-8-sig")
