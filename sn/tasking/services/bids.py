"""Resource bids: raised by a ward's sergeant or its inspector for a case or priority of the ward, decided
by a held tasking meeting of the borough (granted, refused, or deferred with a note)."""

from datetime import date

from django.db import transaction

from sn.core.audit import audit_actor
from sn.geography.models import Neighbourhood
from sn.panels.models import Priority
from sn.panels.services.checks import is_user
from sn.problemsolving.models import Case
from sn.tasking.models import ResourceBid, TaskingMeeting
from sn.tasking.permissions import MANAGE_TASKING, RAISE_BIDS
from sn.tasking.services.checks import check_borough_actor, check_ward_actor, refuse

RAISE = "raise a resource bid"
DECIDE = "decide resource bids"
MOST_WEEKS = 52


def bid_raise(
    *,
    neighbourhood: Neighbourhood,
    what: str,
    why: str,
    weeks: int | None,
    on: date,
    case: Case | None = None,
    priority: Priority | None = None,
    actor=None,
) -> ResourceBid:
    check_ward_actor(actor, permission=RAISE_BIDS, neighbourhood=neighbourhood, field="what", doing=RAISE)
    errors = {}
    if not is_user(actor):
        errors["what"] = "A bid is raised by the sergeant or inspector asking: say who."
    if case is None and priority is None:
        errors["case"] = "Say which case or priority the resources are for."
    if case is not None and case.neighbourhood_id != neighbourhood.pk:
        errors["case"] = f"{case.reference} is not a case of {neighbourhood.name}."
    elif case is not None and not case.is_open:
        errors["case"] = f"{case.reference} is closed."
    if priority is not None and priority.neighbourhood_id != neighbourhood.pk:
        errors["priority"] = f"That priority is not {neighbourhood.name}'s."
    elif priority is not None and not priority.holds_a_place:
        errors["priority"] = "That priority has ended."
    if not what.strip():
        errors["what"] = "Say what resources are asked for."
    if not why.strip():
        errors["why"] = "Say why they are needed."
    if weeks is None or not 1 <= weeks <= MOST_WEEKS:
        errors["weeks"] = f"Give how long they are needed for, from 1 to {MOST_WEEKS} weeks."
    refuse(errors)
    with transaction.atomic(), audit_actor(actor):
        return ResourceBid.objects.create(
            neighbourhood=neighbourhood,
            case=case,
            priority=priority,
            what=what.strip(),
            why=why.strip(),
            weeks=weeks,
            raised_by=actor,
            officer=actor.officer if actor.officer_id else None,
            raised_on=on,
        )


def bid_decide(
    *, bid: ResourceBid, meeting: TaskingMeeting, decision: str, note: str = "", today: date, actor=None
) -> ResourceBid:
    borough = bid.neighbourhood.borough
    check_borough_actor(actor, permission=MANAGE_TASKING, borough=borough, field="decision", doing=DECIDE)
    errors = {}
    if meeting.borough_id != borough.pk:
        errors["meeting"] = f"The bid is decided by a meeting of {borough.name}."
    elif meeting.held_on > today:
        errors["meeting"] = "The bid is decided at a meeting that has been held."
    elif meeting.held_on < bid.raised_on:
        errors["meeting"] = "That meeting was held before the bid was raised."
    if not bid.is_open:
        errors["decision"] = f"This bid is already {bid.get_status_display().lower()}."
    elif decision not in (
        ResourceBid.Status.GRANTED,
        ResourceBid.Status.REFUSED,
        ResourceBid.Status.DEFERRED,
    ):
        errors["decision"] = "Grant, refuse or defer the bid."
    if decision in (ResourceBid.Status.REFUSED, ResourceBid.Status.DEFERRED) and not note.strip():
        errors["note"] = "Say why it is refused or deferred."
    refuse(errors)
    with transaction.atomic(), audit_actor(actor):
        bid.status, bid.decided_at, bid.decision_note = decision, meeting, note.strip()
        bid.save()
    return bid
