"""What panels adds to pages it does not own: each role's work on the home page, the ward page's
priorities panel, the strategic profile's section, and the change history of priorities."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.accounts.tests.factories import UserFactory
from sn.core.registries import HISTORY_RECORDS, STRATEGIC_SECTIONS, WARD_PANELS, WORK_ITEMS
from sn.core.roles import Role
from sn.pages.selectors import ward_page, work_for
from sn.panels import work_items
from sn.panels.models import Meeting, Priority
from sn.panels.services import priority_decide_resolved, priority_endorse, statement_save
from sn.panels.tests.factories import (
    MeetingFactory,
    MeetingPaperFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    at_seven_pm,
    days_ago,
)
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.tests.assessed import assessed_case_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def a1(world):
    setup = ward_panel_setup(world, "a1")
    # Sign-off needs the priority's case assessed (tested in sn/problemsolving/tests/test_signoff_gate.py).
    assessed_case_for(setup.priority)
    # Chosen two months ago and not updated since: due an update.
    Priority.objects.filter(pk=setup.priority.pk).update(selected_on=days_ago(60))
    setup.priority.refresh_from_db()
    return setup


def titles(items):
    return [item.title for item in items]


def test_a_pc_sees_the_priorities_they_own_without_an_update_for_four_weeks(world, a1):
    fresh = PriorityFactory(selected_at=a1.meeting, owner=world.officers["pc_a"], selected_on=days_ago(60))
    ProgressUpdateFactory(priority=fresh, on=days_ago(3))
    PriorityFactory(selected_at=a1.meeting, owner=world.officers["pcso_a"], selected_on=days_ago(60))

    items = work_items.stale_priority_items(world.user("team_officer"))

    assert titles(items) == [f"Update the priority: {a1.priority.wording}"]
    assert items[0].url == reverse("panels:update_new", args=[a1.priority.pk]) and items[0].overdue
    assert items[0].due == days_ago(60) + datetime.timedelta(weeks=4)


def test_supervisors_see_stale_priorities_across_their_area_and_no_further(world, a1):
    b1 = ward_panel_setup(world, "b1")
    Priority.objects.filter(pk=b1.priority.pk).update(selected_on=days_ago(60))

    for role in ("sergeant", "inspector", "borough_lead"):
        assert titles(work_items.stale_priority_items(world.user(role))) == [
            f"Update the priority: {a1.priority.wording}"
        ]
    assert work_items.stale_priority_items(world.user("analyst")) == []


def test_the_sergeant_sees_sign_offs_and_statements_waiting_for_them(world, a1):
    priority_decide_resolved(priority=a1.priority, meeting=a1.meeting, note="Resolved")
    other = PriorityFactory(selected_at=a1.meeting, owner=world.officers["pc_a"])
    statement_save(priority=other, you_said="x", we_did="y", submit=True)

    endorsements = work_items.endorsement_items(world.user("sergeant"))
    approvals = work_items.approval_items(world.user("sergeant"))

    assert [i.url for i in endorsements] == [reverse("panels:priority_endorse", args=[a1.priority.pk])]
    assert [i.url for i in approvals] == [reverse("panels:statement_approve", args=[other.pk])]
    assert work_items.endorsement_items(world.user("inspector")) == []
    priority_endorse(priority=a1.priority, actor=world.user("sergeant"))
    assert work_items.endorsement_items(world.user("sergeant")) == []


def test_a_sign_off_waiting_longer_than_the_endorsement_days_is_overdue(world, a1, settings):
    priority_decide_resolved(priority=a1.priority, meeting=a1.meeting, note="Resolved")
    held = a1.meeting.held_on

    settings.SN_ENDORSEMENT_DAYS = max((timezone.localdate() - held).days + 1, 0)
    (waiting,) = work_items.endorsement_items(world.user("sergeant"))
    assert not waiting.overdue and waiting.due == held + datetime.timedelta(days=settings.SN_ENDORSEMENT_DAYS)

    settings.SN_ENDORSEMENT_DAYS = (timezone.localdate() - held).days - 1
    (late,) = work_items.endorsement_items(world.user("sergeant"))
    assert late.overdue


def test_meetings_due_go_to_the_sergeant_and_overdue_ones_to_the_inspector_worst_first(world, a1):
    Meeting.objects.filter(pk=a1.meeting.pk).update(starts_at=at_seven_pm(days_ago(30)))  # due, not overdue
    lapsed = ward_panel_setup(world, "a3")
    Meeting.objects.filter(pk=lapsed.meeting.pk).update(starts_at=at_seven_pm(days_ago(70)))

    sergeant = work_items.meeting_items(world.user("sergeant"))
    inspector = work_items.meeting_items(world.user("inspector"))

    assert [(i.title, i.overdue) for i in sergeant] == [(f"{a1.panel.name}: next meeting due", False)]
    assert sergeant[0].url == reverse("panels:meeting_new", args=[world.wards["a1"].code])
    assert [(i.area, i.overdue, i.urgency) for i in inspector] == [(world.wards["a3"].name, True, 70 - 42)]


def test_every_panel_work_item_opens_for_the_supervisor_it_is_listed_for(client_for, world, a1):
    # An inspector or borough lead may not record progress or plan a meeting: their items lead to the
    # priority and the ward's panel, where they can see what is late, not to a form that answers 403.
    lapsed = ward_panel_setup(world, "a3")
    Meeting.objects.filter(pk=lapsed.meeting.pk).update(starts_at=at_seven_pm(days_ago(70)))
    for role in ("sergeant", "inspector", "borough_lead"):
        user = world.user(role)
        items = work_items.stale_priority_items(user) + work_items.meeting_items(user)
        assert items, role
        client = client_for(role)
        for item in items:
            assert client.get(item.url).status_code == 200, (role, item.title, item.url)
    inspector = work_items.meeting_items(world.user("inspector"))
    assert inspector[0].url == reverse("panels:ward_panel", args=[world.wards["a3"].code])
    stale = work_items.stale_priority_items(world.user("inspector"))
    assert stale[0].url == reverse("panels:priority", args=[a1.priority.pk])


def test_a_planned_meeting_in_time_takes_the_meeting_off_the_sergeants_list(world, a1):
    Meeting.objects.filter(pk=a1.meeting.pk).update(starts_at=at_seven_pm(days_ago(30)))
    MeetingFactory(panel=a1.panel, status=Meeting.Status.PLANNED, starts_at=at_seven_pm(days_ago(-5)))
    assert work_items.meeting_items(world.user("sergeant")) == []


def test_a_panel_member_sees_the_next_meeting_its_papers_and_the_current_priorities(world, a1):
    meeting = MeetingFactory(
        panel=a1.panel, status=Meeting.Status.PLANNED, starts_at=at_seven_pm(days_ago(-10))
    )
    paper = MeetingPaperFactory(meeting=meeting)

    items = work_items.panel_member_items(world.user("panel_member"))

    assert [i.url for i in items] == [
        reverse("panels:meeting", args=[meeting.pk]),
        paper.url,
        reverse("panels:priority", args=[a1.priority.pk]),
    ]
    elsewhere = UserFactory(role=Role.PANEL_MEMBER, neighbourhood=world.wards["b1"])
    assert work_items.panel_member_items(elsewhere) == []


def test_the_home_page_lists_each_roles_panel_work(client_for, world, a1):
    priority_decide_resolved(priority=a1.priority, meeting=a1.meeting, note="Resolved")
    headings = [section.heading for section in work_for(world.user("sergeant"))]
    assert "Sign-offs awaiting your endorsement" in headings
    assert {
        "panel-meeting",
        "priority-sign-offs",
        "priority-statements",
        "panel-meetings",
        "priority-updates",
    } <= set(WORK_ITEMS.keys())


def test_the_ward_page_shows_the_current_priorities_and_the_next_meeting(client_for, world, a1):
    assert "panel_priorities" in WARD_PANELS.keys()
    page = ward_page(world.user("panel_member"), world.wards["a1"].code)
    panel = next(p for p in page.panels if p.key == "panel_priorities")
    assert [p for p, _ in panel.context["priorities"]] == [a1.priority]

    body = (
        client_for("panel_member").get(reverse("pages:ward", args=[world.wards["a1"].code])).content.decode()
    )
    assert a1.priority.wording in body and "Update due" in body


def test_the_strategic_profile_lists_priorities_past_and_present_as_they_stood(world, a1):
    priority_decide_resolved(priority=a1.priority, meeting=a1.meeting, note="Resolved")
    priority_endorse(priority=a1.priority, actor=world.user("sergeant"))
    provider = STRATEGIC_SECTIONS.get("priorities")

    now = provider.build(world.wards["a1"], days_ago(0))
    before = provider.build(world.wards["a1"], days_ago(1))

    assert now.title == "Priorities past and present"
    assert now.tables[0].rows == [] and now.tables[1].rows[0][0] == a1.priority.wording
    assert before.tables[0].rows[0][0] == a1.priority.wording
    assert provider.build(world.wards["a2"], days_ago(0)) is None


def test_a_priority_has_a_change_history_for_supervisors_in_scope(client_for, world, a1):
    assert {"priority", "meeting", "panel", "priority-update", "milestone", "review", "statement"} <= set(
        HISTORY_RECORDS.keys()
    )
    url = reverse("pages:history", args=["priority", a1.priority.pk])
    assert client_for("sergeant").get(url).status_code == 200
    assert client_for("team_officer").get(url).status_code == 403
    b1 = ward_panel_setup(world, "b1")
    assert (
        client_for("sergeant").get(reverse("pages:history", args=["priority", b1.priority.pk])).status_code
        == 404
    )
