"""Following up an action at a later meeting of the same group: done, carried forward to a new date with
a note, or dropped with a reason. Atomic, audited, refused whole when anything is wrong."""

from datetime import date

from django.db import transaction

from sn.core.audit import audit_actor
from sn.tasking.models import Action, FollowUp, TaskingMeeting
from sn.tasking.permissions import MANAGE_TASKING
from sn.tasking.services.checks import check_borough_actor, refuse

FOLLOW_UP = "follow up the tasking group's actions"


def action_follow_up(
    *,
    action: Action,
    meeting: TaskingMeeting,
    outcome: str,
    note: str = "",
    due_on: date | None = None,
    done_on: date | None = None,
    actor=None,
) -> FollowUp:
    """`done_on` (done) defaults to the meeting's date; `due_on` (carried forward) is required."""
    check_borough_actor(
        actor, permission=MANAGE_TASKING, borough=meeting.borough, field="outcome", doing=FOLLOW_UP
    )
    set_at = action.meeting
    errors = {}
    if set_at.borough_id != meeting.borough_id or set_at.kind != meeting.kind:
        errors["meeting"] = "An action is followed up by a later meeting of the group that set it."
    elif meeting.held_on <= set_at.held_on:
        errors["meeting"] = "An action is followed up at a meeting after the one that set it."
    if action.status != Action.Status.OPEN:
        errors["outcome"] = f"This action is already {action.get_status_display().lower()}."
    elif FollowUp.objects.filter(action=action, meeting=meeting).exists():
        errors["outcome"] = "This meeting has already followed up this action."
    if outcome not in FollowUp.Outcome.values:
        errors["outcome"] = f"Unknown outcome {outcome!r}."
    elif outcome == FollowUp.Outcome.CARRIED_FORWARD:
        if due_on is None:
            errors["due_on"] = "Give the new date it is due by."
        elif due_on <= meeting.held_on:
            errors["due_on"] = "A carried-forward action is due after this meeting."
        if not note.strip():
            errors["note"] = "Say why it is carried forward."
    elif outcome == FollowUp.Outcome.DROPPED and not note.strip():
        errors["note"] = "Give the reason it is dropped."
    elif outcome == FollowUp.Outcome.DONE and done_on is not None:
        if done_on > meeting.held_on or done_on < set_at.held_on:
            errors["done_on"] = "It was done between the meeting that set it and this one."
    refuse(errors)
    with transaction.atomic(), audit_actor(actor):
        follow_up = FollowUp.objects.create(
            action=action,
            meeting=meeting,
            outcome=outcome,
            note=note.strip(),
            due_on=due_on if outcome == FollowUp.Outcome.CARRIED_FORWARD else None,
        )
        if outcome == FollowUp.Outcome.DONE:
            action.status, action.done_on = Action.Status.DONE, done_on or meeting.held_on
            action.save()
        elif outcome == FollowUp.Outcome.DROPPED:
            action.status = Action.Status.DROPPED
            action.save()
        # Carried forward: the action keeps the date first set; the new one is the follow-up's, so that
        # a pack for an earlier meeting still shows what was due then (sn.tasking.selectors.due_now).
    return follow_up
