"""The rules of priorities, enforced by the services whoever calls them: five at most, chosen at a held
meeting by the ward's own panel, signed off in two steps, every refusal naming its field and writing
nothing, every change in the trail."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings

from sn.accounts.tests.factories import UserFactory
from sn.concerns.taxonomy import Topic
from sn.concerns.tests.factories import ConcernFactory
from sn.core.audit import history_for
from sn.core.models import AuditEvent
from sn.core.roles import Role
from sn.panels.models import Meeting, Priority, ProgressUpdate, Review
from sn.panels.services import (
    priority_decide_resolved,
    priority_endorse,
    priority_endorsement_decline,
    priority_review,
    priority_select,
    progress_update_add,
)
from sn.panels.signoff import SIGN_OFF_PREREQUISITES, SignOffPrerequisite
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


def choose(world, meeting, actor=None, **kwargs):
    fields = {
        "topic": Topic.ASB_YOUTHS,
        "wording": "Tackle rowdy young people at the shops",
        "owner": world.officers["pc_a"],
    }
    return priority_select(meeting=meeting, actor=actor or world.user("sergeant"), **{**fields, **kwargs})


def test_the_team_chooses_a_priority_at_a_held_meeting_from_the_wards_concerns(world, a1):
    concerns = ConcernFactory.create_batch(2, neighbourhood=world.wards["a1"])

    priority = choose(world, a1.meeting, concerns=concerns)

    assert priority.status == Priority.Status.ACTIVE
    assert priority.selected_on == a1.meeting.held_on
    assert set(priority.concerns.all()) == set(concerns)
    assert priority.concerns_young_people
    assert (
        history_for(priority).filter(action=AuditEvent.Action.CREATE, actor=world.user("sergeant")).exists()
    )
    assert history_for(priority).filter(action=AuditEvent.Action.LINK).exists()


def test_a_sixth_active_priority_is_refused_naming_the_limit_and_nothing_is_written(world, a1):
    for _ in range(4):
        choose(world, a1.meeting)
    assert Priority.objects.filter(neighbourhood=world.wards["a1"]).count() == 5

    with pytest.raises(ValidationError) as refused:
        choose(world, a1.meeting, wording="A sixth priority")

    assert "the most allowed at once (5)" in refused.value.message_dict["meeting"][0]
    assert not Priority.objects.filter(wording="A sixth priority").exists()


def test_a_priority_the_panel_judged_resolved_keeps_its_place_until_the_sergeant_endorses(world, a1):
    for _ in range(4):
        choose(world, a1.meeting)
    priority_decide_resolved(
        priority=a1.priority, meeting=a1.meeting, note="Burglary is down", actor=world.user("sergeant")
    )
    with pytest.raises(ValidationError):
        choose(world, a1.meeting, wording="One too many")

    priority_endorse(priority=a1.priority, actor=world.user("sergeant"))

    assert choose(world, a1.meeting, wording="Now there is room").status == Priority.Status.ACTIVE


def test_a_full_panel_may_choose_a_priority_that_replaces_a_current_one(world, a1):
    for _ in range(4):
        choose(world, a1.meeting)

    new = choose(world, a1.meeting, wording="Replacement", replaces=a1.priority)

    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.SUPERSEDED
    assert a1.priority.superseded_by == new
    assert a1.priority.ended_on == a1.meeting.held_on
    assert Review.objects.get(priority=a1.priority, meeting=a1.meeting).outcome == Review.Outcome.SUPERSEDED


@override_settings(SN_PRIORITIES_MAX=2)
def test_the_limit_is_a_setting(world, a1):
    choose(world, a1.meeting)
    with pytest.raises(ValidationError):
        choose(world, a1.meeting)


def test_priorities_are_chosen_only_at_a_meeting_the_panel_has_held(world, a1):
    planned = MeetingFactory(panel=a1.panel, status=Meeting.Status.PLANNED, minutes="")

    with pytest.raises(ValidationError) as refused:
        choose(world, planned)

    assert "record this meeting as held first" in refused.value.message_dict["meeting"][0]
    assert Priority.objects.count() == 1


def test_the_owner_must_be_on_the_wards_team_and_the_concerns_from_the_ward(world, a1):
    elsewhere = ConcernFactory(neighbourhood=world.wards["b1"])

    with pytest.raises(ValidationError) as refused:
        choose(world, a1.meeting, owner=world.officers["pc_b"], concerns=[elsewhere])

    assert set(refused.value.message_dict) == {"owner", "concerns"}
    assert "is not posted to" in refused.value.message_dict["owner"][0]
    assert Priority.objects.count() == 1


def test_a_panel_member_acting_outside_their_ward_is_refused(world, a1):
    b1 = ward_panel_setup(world, "b1")

    with pytest.raises(ValidationError) as refused:
        priority_review(
            priority=b1.priority,
            meeting=b1.meeting,
            note="Done",
            outcome=Review.Outcome.RESOLVED,
            actor=world.user("panel_member"),
        )

    message = refused.value.message_dict["meeting"][0]
    assert "a panel member acts only for their own ward" in message and world.wards["b1"].name in message
    assert not Review.objects.exists()
    b1.priority.refresh_from_db()
    assert b1.priority.status == Priority.Status.ACTIVE


def test_the_chair_records_the_panels_decisions_and_other_members_do_not(world, a1):
    member_user = UserFactory(role=Role.PANEL_MEMBER, neighbourhood=world.wards["a1"])
    PanelMemberFactory(panel=a1.panel, user=member_user, name="Not The Chair")

    with pytest.raises(ValidationError) as refused:
        choose(world, a1.meeting, actor=member_user)
    assert "Only the panel's chair" in refused.value.message_dict["meeting"][0]

    assert choose(world, a1.meeting, actor=world.user("panel_member")).created_by == world.user(
        "panel_member"
    )


def test_an_officer_outside_the_ward_is_refused(world):
    b1 = ward_panel_setup(world, "b1")
    with pytest.raises(ValidationError) as refused:
        choose(world, b1.meeting, owner=world.officers["pc_b"], actor=world.user("team_officer"))
    assert "outside your area" in refused.value.message_dict["meeting"][0]


def test_sign_off_without_the_panels_decision_is_refused(world, a1):
    with pytest.raises(ValidationError) as refused:
        priority_endorse(priority=a1.priority, actor=world.user("sergeant"))

    assert "The panel has not decided" in refused.value.message_dict["resolved_at"][0]
    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.ACTIVE and a1.priority.endorsed_at is None


def test_the_panels_decision_alone_does_not_close_a_priority(world, a1):
    priority_decide_resolved(
        priority=a1.priority, meeting=a1.meeting, note="Resolved", actor=world.user("panel_member")
    )

    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.PANEL_RESOLVED
    assert a1.priority.resolved_at == a1.meeting
    assert a1.priority.ended_on is None and a1.priority.holds_a_place


def test_the_database_refuses_a_closed_priority_without_both_steps(world, a1):
    with pytest.raises(IntegrityError), transaction.atomic():
        Priority.objects.filter(pk=a1.priority.pk).update(status=Priority.Status.CLOSED, ended_on=days_ago(1))


@pytest.mark.parametrize("role", ["team_officer", "inspector", "borough_lead", "panel_member"])
def test_endorsement_by_anyone_but_a_sergeant_is_refused(world, a1, role):
    priority_decide_resolved(
        priority=a1.priority, meeting=a1.meeting, note="Resolved", actor=world.user("sergeant")
    )

    with pytest.raises(ValidationError) as refused:
        priority_endorse(priority=a1.priority, actor=world.user(role))

    assert "endorsed_by" in refused.value.message_dict
    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.PANEL_RESOLVED


def test_endorsement_by_a_sergeant_of_another_team_is_refused(world, a1):
    other = UserFactory(role=Role.SERGEANT, officer=world.officers["sergeant_b"])
    priority_decide_resolved(
        priority=a1.priority, meeting=a1.meeting, note="Resolved", actor=world.user("sergeant")
    )

    with pytest.raises(ValidationError) as refused:
        priority_endorse(priority=a1.priority, actor=other)

    assert "endorsed_by" in refused.value.message_dict
    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.PANEL_RESOLVED


def test_the_wards_sergeant_endorses_and_the_priority_closes_with_both_steps_in_the_trail(world, a1):
    sergeant = world.user("sergeant")
    priority_decide_resolved(
        priority=a1.priority, meeting=a1.meeting, note="Resolved", actor=world.user("panel_member")
    )

    priority_endorse(priority=a1.priority, note="Agreed: burglary is down a third", actor=sergeant)

    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.CLOSED
    assert a1.priority.endorsed_by == sergeant and a1.priority.ended_on is not None
    statuses = [
        e.changes.get("status") for e in history_for(a1.priority).filter(action=AuditEvent.Action.UPDATE)
    ]
    assert ["active", "panel_resolved"] in statuses and ["panel_resolved", "closed"] in statuses


def test_a_sergeant_who_does_not_endorse_returns_it_to_the_panel_with_the_reason(world, a1):
    priority_decide_resolved(
        priority=a1.priority, meeting=a1.meeting, note="Resolved", actor=world.user("sergeant")
    )

    priority_endorsement_decline(
        priority=a1.priority, note="Reports rose again last month", actor=world.user("sergeant")
    )

    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.ACTIVE and a1.priority.resolved_at is None
    assert "Reports rose again" in ProgressUpdate.objects.get(priority=a1.priority).text


def test_a_registered_prerequisite_stops_both_steps_of_sign_off(world, a1):
    unmet = SignOffPrerequisite(
        "case", "The case is assessed", lambda priority: "The case has no assessment yet."
    )
    with SIGN_OFF_PREREQUISITES.isolated([unmet]):
        with pytest.raises(ValidationError) as refused:
            priority_decide_resolved(
                priority=a1.priority, meeting=a1.meeting, note="Done", actor=world.user("sergeant")
            )
        assert "The case has no assessment yet." in refused.value.message_dict["outcome"][0]

    priority_decide_resolved(
        priority=a1.priority, meeting=a1.meeting, note="Done", actor=world.user("sergeant")
    )
    with SIGN_OFF_PREREQUISITES.isolated([unmet]), pytest.raises(ValidationError):
        priority_endorse(priority=a1.priority, actor=world.user("sergeant"))
    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.PANEL_RESOLVED


def test_the_panel_withdraws_a_priority_at_a_meeting_which_frees_its_place(world, a1):
    priority_review(
        priority=a1.priority,
        meeting=a1.meeting,
        note="No longer a concern",
        outcome=Review.Outcome.WITHDRAWN,
        actor=world.user("team_officer"),
    )

    a1.priority.refresh_from_db()
    assert a1.priority.status == Priority.Status.WITHDRAWN
    assert a1.priority.withdrawn_at == a1.meeting and not a1.priority.holds_a_place


def test_a_priority_is_reviewed_once_a_meeting_and_only_while_active(world, a1):
    priority_review(
        priority=a1.priority,
        meeting=a1.meeting,
        note="Going well",
        outcome="continue",
        actor=world.user("sergeant"),
    )

    with pytest.raises(ValidationError) as again:
        priority_review(
            priority=a1.priority,
            meeting=a1.meeting,
            note="Again",
            outcome="continue",
            actor=world.user("sergeant"),
        )
    assert "already reviewed" in again.value.message_dict["outcome"][0]


def test_a_review_at_a_meeting_before_the_priority_was_chosen_is_refused(world, a1):
    earlier = MeetingFactory(
        panel=a1.panel, starts_at=a1.meeting.starts_at.replace(year=a1.meeting.starts_at.year - 1)
    )
    with pytest.raises(ValidationError) as refused:
        priority_review(
            priority=a1.priority, meeting=earlier, note="x", outcome="continue", actor=world.user("sergeant")
        )
    assert "before the priority was chosen" in refused.value.message_dict["meeting"][0]


def test_a_progress_update_cannot_be_dated_in_the_future_or_before_the_priority(world, a1):
    future = days_ago(-1)
    with pytest.raises(ValidationError) as refused:
        progress_update_add(priority=a1.priority, on=future, text="Patrols", actor=world.user("team_officer"))
    assert "on" in refused.value.message_dict

    with pytest.raises(ValidationError) as early:
        progress_update_add(
            priority=a1.priority, on=days_ago(400), text="Patrols", actor=world.user("team_officer")
        )
    assert "cannot be earlier" in early.value.message_dict["on"][0]

    update = progress_update_add(
        priority=a1.priority, on=days_ago(0), text="Patrols", actor=world.user("team_officer")
    )
    assert update.officer == world.officers["pc_a"]


def test_a_closed_priority_takes_no_more_updates(world):
    closed = PriorityFactory()
    closed.status, closed.withdrawn_at, closed.ended_on = (
        Priority.Status.WITHDRAWN,
        closed.selected_at,
        closed.selected_on,
    )
    closed.save()
    with pytest.raises(ValidationError) as refused:
        progress_update_add(priority=closed, on=days_ago(0), text="x")
    assert "takes no more updates" in refused.value.message_dict["text"][0]
