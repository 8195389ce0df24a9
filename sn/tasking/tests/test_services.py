"""The tasking group's rules, enforced by the services whoever calls them: each refusal names its field
and writes nothing; each write is in the trail with its actor."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.accounts.tests.factories import UserFactory
from sn.core.audit import history_for
from sn.core.models import AuditEvent
from sn.core.roles import Role
from sn.panels.tests.helpers import ward_panel_setup
from sn.tasking.models import Action, Decision, FollowUp, MeetingPack, ResourceBid, TaskingMeeting
from sn.tasking.services import (
    action_add,
    action_follow_up,
    bid_decide,
    bid_raise,
    decision_add,
    meeting_create,
    pack_assemble,
)
from sn.tasking.tests.helpers import make_case

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _meeting(world, actor_role: str = "borough_lead", letter: str = "a", days_ago: int = 14, **kwargs):
    fields = {
        "borough": world.boroughs[letter],
        "kind": TaskingMeeting.Kind.TASKING_GROUP,
        "held_on": TODAY - timedelta(days=days_ago),
        "chair": "Supt Jo Bloggs (Partnerships)",
    }
    return meeting_create(actor=world.user(actor_role), **{**fields, **kwargs})


def refused(call, field: str, model) -> str:
    before = model.objects.count()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as raised:
        call()
    assert field in raised.value.message_dict, raised.value.message_dict
    assert model.objects.count() == before
    assert AuditEvent.objects.count() == events
    return raised.value.message_dict[field][0]


def test_the_borough_lead_records_a_meeting_with_its_attendees_and_it_is_audited(world):
    meeting = _meeting(world, attendees=[world.user("inspector"), world.user("analyst")])

    assert set(meeting.attendees.all()) == {world.user("inspector"), world.user("analyst")}
    created = history_for(meeting).get(action=AuditEvent.Action.CREATE)
    assert created.actor == world.user("borough_lead")
    assert history_for(meeting).filter(action=AuditEvent.Action.LINK).exists()


def test_a_meeting_is_refused_to_roles_that_do_not_keep_them_and_outside_the_borough(world):
    message = refused(lambda: _meeting(world, actor_role="analyst"), "held_on", TaskingMeeting)
    assert "role" in message
    message = refused(lambda: _meeting(world, letter="b"), "held_on", TaskingMeeting)
    assert "Borough B" in message


def test_a_meeting_without_a_chair_or_with_a_stranger_attending_is_refused(world):
    refused(lambda: _meeting(world, chair="  "), "chair", TaskingMeeting)
    stranger = UserFactory(role=Role.BOROUGH_LEAD, borough=world.boroughs["b"], username="lead_b")
    message = refused(lambda: _meeting(world, attendees=[stranger]), "attendees", TaskingMeeting)
    assert "guests" in message


def test_an_action_needs_an_owner_and_a_due_date_after_the_meeting(world):
    meeting = _meeting(world)
    lead = world.user("borough_lead")
    refused(
        lambda: action_add(meeting=meeting, description="Ask for CCTV", due_on=TODAY, actor=lead),
        "owner_user",
        Action,
    )
    refused(
        lambda: action_add(
            meeting=meeting,
            description="Ask for CCTV",
            owner_name="Jo",
            due_on=meeting.held_on - timedelta(1),
            actor=lead,
        ),
        "due_on",
        Action,
    )
    action = action_add(
        meeting=meeting,
        description="Ask for CCTV",
        owner_user=world.user("inspector"),
        due_on=TODAY,
        actor=lead,
    )
    assert action.status == Action.Status.OPEN
    assert history_for(action).get(action=AuditEvent.Action.CREATE).actor == lead


def test_a_decision_about_another_boroughs_case_is_refused(world):
    meeting = _meeting(world)
    other = make_case(world.wards["b1"], world.officers["pc_b"])
    message = refused(
        lambda: decision_add(meeting=meeting, text="Escalate", case=other, actor=world.user("borough_lead")),
        "case",
        Decision,
    )
    assert other.reference in message


def test_an_action_is_followed_up_at_the_next_meeting_carried_forward_then_done(world):
    lead = world.user("borough_lead")
    first = _meeting(world, days_ago=60)
    second = _meeting(world, days_ago=30)
    third = _meeting(world, days_ago=1)
    action = action_add(
        meeting=first,
        description="Council to cut back hedges",
        owner_name="Jo Council",
        due_on=first.held_on + timedelta(14),
        actor=lead,
    )
    refused(
        lambda: action_follow_up(
            action=action, meeting=second, outcome="carried_forward", note="", actor=lead
        ),
        "due_on",
        FollowUp,
    )
    action_follow_up(
        action=action,
        meeting=second,
        outcome="carried_forward",
        note="Contractor booked",
        due_on=TODAY + timedelta(7),
        actor=lead,
    )
    done = action_follow_up(action=action, meeting=third, outcome="done", actor=lead)

    action.refresh_from_db()
    assert action.status == Action.Status.DONE and action.done_on == third.held_on
    assert done.meeting == third
    # The original date stays: packs of earlier meetings showed what was due then.
    assert action.due_on == first.held_on + timedelta(14)
    assert history_for(action).filter(action=AuditEvent.Action.UPDATE, actor=lead).exists()
    message = refused(
        lambda: action_follow_up(action=action, meeting=third, outcome="dropped", note="x", actor=lead),
        "outcome",
        FollowUp,
    )
    assert "done" in message


def test_an_action_is_followed_up_only_by_a_later_meeting_of_its_own_group(world):
    lead = world.user("borough_lead")
    first = _meeting(world, days_ago=30)
    jag = _meeting(world, days_ago=1, kind=TaskingMeeting.Kind.JOINT_ACTION_GROUP)
    earlier = _meeting(world, days_ago=40)
    action = action_add(meeting=first, description="Report back", owner_name="Jo", due_on=TODAY, actor=lead)
    refused(
        lambda: action_follow_up(action=action, meeting=jag, outcome="done", actor=lead), "meeting", FollowUp
    )
    refused(
        lambda: action_follow_up(action=action, meeting=earlier, outcome="done", actor=lead),
        "meeting",
        FollowUp,
    )
    refused(
        lambda: action_follow_up(action=action, meeting=first, outcome="dropped", note="", actor=lead),
        "meeting",
        FollowUp,
    )


def test_a_sergeant_raises_a_bid_for_their_wards_only(world):
    priority = ward_panel_setup(world, "a1").priority
    sergeant = world.user("sergeant")
    bid = bid_raise(
        neighbourhood=world.wards["a1"],
        priority=priority,
        what="Two PCs on late turn",
        why="Disorder",
        weeks=4,
        on=TODAY,
        actor=sergeant,
    )
    assert bid.status == ResourceBid.Status.AWAITING and bid.raised_by == sergeant
    assert history_for(bid).get(action=AuditEvent.Action.CREATE).actor == sergeant
    other = ward_panel_setup(world, "a3").priority
    message = refused(
        lambda: bid_raise(
            neighbourhood=world.wards["a3"],
            priority=other,
            what="x",
            why="y",
            weeks=2,
            on=TODAY,
            actor=sergeant,
        ),
        "what",
        ResourceBid,
    )
    assert "outside your area" in message


def test_a_bid_with_no_case_or_priority_or_a_bad_length_is_refused(world):
    sergeant = world.user("sergeant")
    ward = world.wards["a1"]
    refused(
        lambda: bid_raise(neighbourhood=ward, what="x", why="y", weeks=2, on=TODAY, actor=sergeant),
        "case",
        ResourceBid,
    )
    priority = ward_panel_setup(world, "a1").priority
    for weeks in (0, 53, None):
        refused(
            lambda weeks=weeks: bid_raise(
                neighbourhood=ward,
                priority=priority,
                what="x",
                why="y",
                weeks=weeks,
                on=TODAY,
                actor=sergeant,
            ),
            "weeks",
            ResourceBid,
        )


def test_a_bid_is_decided_at_a_held_meeting_of_its_borough(world):
    lead = world.user("borough_lead")
    priority = ward_panel_setup(world, "a1").priority
    bid = bid_raise(
        neighbourhood=world.wards["a1"],
        priority=priority,
        what="Dispersal team",
        why="Weekend ASB",
        weeks=6,
        on=TODAY - timedelta(days=20),
        actor=world.user("sergeant"),
    )
    coming = _meeting(world, days_ago=-7)
    held = _meeting(world, days_ago=2)
    other = _meeting(world, letter="b", actor_role="central_unit")

    def decide(meeting, decision="granted", note=""):
        return lambda: bid_decide(
            bid=bid, meeting=meeting, decision=decision, note=note, today=TODAY, actor=lead
        )

    with pytest.raises(ValidationError) as raised:
        decide(coming)()
    assert "meeting" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        decide(other)()
    assert "meeting" in raised.value.message_dict
    with pytest.raises(ValidationError) as raised:
        decide(held, "refused")()
    assert "note" in raised.value.message_dict
    bid.refresh_from_db()
    assert bid.status == ResourceBid.Status.AWAITING

    decide(held, "deferred", "Ask again after the summer")()
    bid.refresh_from_db()
    assert bid.status == ResourceBid.Status.DEFERRED and bid.decided_at == held
    decide(held, "granted")()
    bid.refresh_from_db()
    assert bid.status == ResourceBid.Status.GRANTED
    assert history_for(bid).filter(action=AuditEvent.Action.UPDATE, actor=lead).count() == 2


def test_an_analyst_assembles_a_pack_and_a_sergeant_cannot(world):
    meeting = _meeting(world)
    refused(
        lambda: pack_assemble(meeting=meeting, today=TODAY, actor=world.user("sergeant")),
        "meeting",
        MeetingPack,
    )
    pack = pack_assemble(meeting=meeting, today=TODAY, actor=world.user("analyst"))
    assert pack.as_at == meeting.held_on
    assert [s["key"] for s in pack.sections][:5] == ["stalled", "themes", "demand", "bids", "actions"]
    assert history_for(pack).get(action=AuditEvent.Action.CREATE).actor == world.user("analyst")
    again = pack_assemble(meeting=meeting, today=TODAY, actor=world.user("borough_lead"))
    assert again.pk == pack.pk and again.prepared_by == world.user("borough_lead")
