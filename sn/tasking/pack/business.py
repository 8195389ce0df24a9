"""The group's own business in the pack: resource bids awaiting a decision, and the actions of earlier
meetings of the same group still open, as they stood on the meeting's date.

Each is worked out in Python from rows read once (`Business`), so that the demo's hundreds of packs read
the tables once and a single pack reads them for its borough (three queries)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sn.tasking.models import Action, FollowUp, ResourceBid
from sn.tasking.models.bids import OPEN_BIDS

CLOSING = (FollowUp.Outcome.DONE, FollowUp.Outcome.DROPPED)


@dataclass(frozen=True)
class OpenAction:
    pk: int
    description: str
    owner_label: str
    set_on: date
    due_now: date  # the date of the latest carry-forward before the meeting, else the date first set
    carried: int  # times carried forward before the meeting


@dataclass
class Business:
    actions: list[Action]  # with their meeting and owner
    follow_ups: dict[int, list[tuple[date, str, date | None]]]  # action id -> (held on, outcome, due on)
    bids: list[ResourceBid]  # with neighbourhood, case, priority, raised by, officer, decided at


def business_of(borough_ids: list[int]) -> Business:
    actions = list(
        Action.objects.filter(meeting__borough_id__in=borough_ids)
        .select_related("meeting", "owner_user")
        .order_by("due_on", "id")
    )
    follow_ups = defaultdict(list)
    for action_id, held_on, outcome, due_on in (
        FollowUp.objects.filter(action__meeting__borough_id__in=borough_ids)
        .order_by("meeting__held_on", "id")
        .values_list("action_id", "meeting__held_on", "outcome", "due_on")
    ):
        follow_ups[action_id].append((held_on, outcome, due_on))
    bids = list(
        ResourceBid.objects.filter(neighbourhood__borough_id__in=borough_ids)
        .select_related("neighbourhood", "case", "priority", "raised_by", "officer", "decided_at")
        .order_by("raised_on", "id")
    )
    return Business(actions=actions, follow_ups=follow_ups, bids=bids)


def open_bids(business: Business, borough_ids: list[int], as_at: date) -> dict[int, list[ResourceBid]]:
    """Bids raised by `as_at` and not decided before it (a bid decided at this meeting, or later, was on
    its agenda); deferred ones stay open."""
    wanted = set(borough_ids)
    found: dict[int, list[ResourceBid]] = defaultdict(list)
    for bid in business.bids:
        borough_id = bid.neighbourhood.borough_id
        if borough_id not in wanted or bid.raised_on > as_at:
            continue
        if bid.status in OPEN_BIDS or (bid.decided_at is not None and bid.decided_at.held_on >= as_at):
            found[borough_id].append(bid)
    return found


def bid_state(bid: ResourceBid, as_at: date) -> str:
    if bid.decided_at is None or bid.decided_at.held_on >= as_at:
        return ResourceBid.Status.AWAITING.label
    return f"Deferred on {bid.decided_at.held_on.day} {bid.decided_at.held_on:%B %Y}: {bid.decision_note}"


def open_actions(
    business: Business, borough_ids: list[int], kind: str, before: date
) -> dict[int, list[OpenAction]]:
    """Actions set by earlier meetings of the group (`kind`) that no meeting before `before` closed."""
    wanted = set(borough_ids)
    found: dict[int, list[OpenAction]] = defaultdict(list)
    for action in business.actions:
        meeting = action.meeting
        if meeting.borough_id not in wanted or meeting.kind != kind or meeting.held_on >= before:
            continue
        earlier = [f for f in business.follow_ups.get(action.pk, ()) if f[0] < before]
        if any(outcome in CLOSING for _, outcome, _ in earlier):
            continue
        carried = [due for _, outcome, due in earlier if outcome == FollowUp.Outcome.CARRIED_FORWARD and due]
        found[meeting.borough_id].append(
            OpenAction(
                pk=action.pk,
                description=action.description,
                owner_label=action.owner_label,
                set_on=meeting.held_on,
                due_now=carried[-1] if carried else action.due_on,
                carried=len(carried),
            )
        )
    for listed in found.values():
        listed.sort(key=lambda a: (a.due_now, a.pk))
    return found
