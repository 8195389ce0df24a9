"""Writes to a tasking meeting: recording it, who came, what it decided and the actions it set. Each is
atomic and audited, checks its actor and writes nothing when it refuses."""

from collections.abc import Iterable
from datetime import date

from django.db import transaction

from sn.accounts.models import PartnerOrganisation, User
from sn.core.audit import audit_actor
from sn.geography.models import Borough
from sn.geography.scope import scope_of
from sn.problemsolving.models import Case
from sn.tasking.models import Action, Decision, Guest, TaskingMeeting
from sn.tasking.permissions import MANAGE_TASKING
from sn.tasking.services.checks import check_borough_actor, refuse

KEEP = "keep the borough's tasking meetings"


def _meeting_errors(*, borough: Borough, kind: str, held_on: date | None, chair: str, attendees) -> dict:
    errors = {}
    if kind not in TaskingMeeting.Kind.values:
        errors["kind"] = f"Unknown kind of meeting {kind!r}."
    if held_on is None:
        errors["held_on"] = "Give the meeting's date."
    if not chair.strip():
        errors["chair"] = "Say who chairs the meeting."
    strangers = [u for u in attendees if not _of_borough(u, borough)]
    if strangers:
        errors["attendees"] = (
            f"{', '.join(str(u) for u in strangers)} do not work in {borough.name}; add people from "
            "outside the borough as guests."
        )
    return errors


def _of_borough(user: User, borough: Borough) -> bool:
    """A user may be listed as attending if their work touches the borough (a partner whose organisation
    covers it, a central unit officer visiting)."""
    scope = scope_of(user)
    if scope.everything or borough.pk in scope.borough_ids:
        return True
    if user.partner_organisation_id:
        return user.partner_organisation.boroughs.filter(pk=borough.pk).exists()
    return scope.neighbourhoods().filter(borough=borough).exists()


def meeting_create(
    *,
    borough: Borough,
    kind: str,
    held_on: date | None,
    chair: str,
    place: str = "",
    notes: str = "",
    attendees: Iterable[User] = (),
    actor=None,
) -> TaskingMeeting:
    check_borough_actor(actor, permission=MANAGE_TASKING, borough=borough, field="held_on", doing=KEEP)
    attendees = list(attendees)
    refuse(_meeting_errors(borough=borough, kind=kind, held_on=held_on, chair=chair, attendees=attendees))
    with transaction.atomic(), audit_actor(actor):
        meeting = TaskingMeeting.objects.create(
            borough=borough, kind=kind, held_on=held_on, chair=chair.strip(), place=place.strip(), notes=notes
        )
        if attendees:
            meeting.attendees.add(*attendees)
    return meeting


def meeting_update(
    *,
    meeting: TaskingMeeting,
    held_on: date | None,
    chair: str,
    place: str = "",
    notes: str = "",
    attendees: Iterable[User] = (),
    actor=None,
) -> TaskingMeeting:
    borough = meeting.borough
    check_borough_actor(actor, permission=MANAGE_TASKING, borough=borough, field="held_on", doing=KEEP)
    attendees = list(attendees)
    errors = _meeting_errors(
        borough=borough, kind=meeting.kind, held_on=held_on, chair=chair, attendees=attendees
    )
    if held_on and meeting.follow_ups.filter(action__meeting__held_on__gte=held_on).exists():
        errors["held_on"] = (
            "This meeting followed up actions set on or after that date; it cannot move before them."
        )
    refuse(errors)
    with transaction.atomic(), audit_actor(actor):
        meeting.held_on, meeting.chair, meeting.place, meeting.notes = (
            held_on,
            chair.strip(),
            place.strip(),
            notes,
        )
        meeting.save()
        meeting.attendees.set(attendees)
    return meeting


def guest_add(
    *,
    meeting: TaskingMeeting,
    name: str,
    organisation: PartnerOrganisation | None = None,
    post: str = "",
    actor=None,
) -> Guest:
    check_borough_actor(actor, permission=MANAGE_TASKING, borough=meeting.borough, field="name", doing=KEEP)
    refuse({"name": "Give the guest's name."} if not name.strip() else {})
    with transaction.atomic(), audit_actor(actor):
        return Guest.objects.create(
            meeting=meeting, name=name.strip(), organisation=organisation, post=post.strip()
        )


def _case_errors(case: Case | None, meeting: TaskingMeeting) -> dict:
    if case is not None and case.neighbourhood.borough_id != meeting.borough_id:
        return {"case": f"{case.reference} is not a case of {meeting.borough.name}."}
    return {}


def decision_add(*, meeting: TaskingMeeting, text: str, case: Case | None = None, actor=None) -> Decision:
    check_borough_actor(actor, permission=MANAGE_TASKING, borough=meeting.borough, field="text", doing=KEEP)
    errors = _case_errors(case, meeting)
    if not text.strip():
        errors["text"] = "Write the decision."
    refuse(errors)
    with transaction.atomic(), audit_actor(actor):
        return Decision.objects.create(meeting=meeting, text=text.strip(), case=case)


def action_add(
    *,
    meeting: TaskingMeeting,
    description: str,
    due_on: date | None,
    owner_user: User | None = None,
    owner_name: str = "",
    case: Case | None = None,
    actor=None,
) -> Action:
    check_borough_actor(
        actor, permission=MANAGE_TASKING, borough=meeting.borough, field="description", doing=KEEP
    )
    errors = _case_errors(case, meeting)
    if not description.strip():
        errors["description"] = "Say what is to be done."
    if owner_user is None and not owner_name.strip():
        errors["owner_user"] = "Choose who owns the action, or name them."
    elif owner_user is not None and not _of_borough(owner_user, meeting.borough):
        errors["owner_user"] = f"{owner_user} does not work in {meeting.borough.name}; name them instead."
    if due_on is None:
        errors["due_on"] = "Give the date it is due by."
    elif due_on < meeting.held_on:
        errors["due_on"] = "An action is due after the meeting that sets it."
    refuse(errors)
    with transaction.atomic(), audit_actor(actor):
        return Action.objects.create(
            meeting=meeting,
            description=description.strip(),
            owner_user=owner_user,
            owner_name="" if owner_user else owner_name.strip(),
            due_on=due_on,
            case=case,
        )
