"""The group's own business in the pack: resource bids awaiting a decision, and the actions of earlier
meetings of the same group still open, as they stood on the meeting's date."""

from collections import defaultdict
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from sn.tasking.models import Action, FollowUp, ResourceBid
from sn.tasking.models.bids import OPEN_BIDS


def open_bids(borough_ids: list[int], as_at: date) -> dict[int, list[ResourceBid]]:
    """Bids raised by `as_at` and not decided before it (a bid decided at this meeting, or later, was on
    its agenda); deferred ones stay open."""
    bids = (
        ResourceBid.objects.filter(neighbourhood__borough_id__in=borough_ids, raised_on__lte=as_at)
        .filter(Q(status__in=OPEN_BIDS) | Q(decided_at__held_on__gte=as_at))
        .select_related("neighbourhood", "case", "priority", "raised_by", "officer", "decided_at")
        .order_by("raised_on", "id")
    )
    found: dict[int, list[ResourceBid]] = defaultdict(list)
    for bid in bids:
        found[bid.neighbourhood.borough_id].append(bid)
    return found


def bid_state(bid: ResourceBid, as_at: date) -> str:
    if bid.decided_at is None or bid.decided_at.held_on >= as_at:
        return ResourceBid.Status.AWAITING.label
    return f"Deferred on {bid.decided_at.held_on.day} {bid.decided_at.held_on:%B %Y}: {bid.decision_note}"


def open_actions(borough_ids: list[int], kind: str, before: date) -> dict[int, list[Action]]:
    """Actions set by earlier meetings of the group (`kind`) that no meeting before `before` closed, with
    how often they were carried forward (`carried`) and the date they are due by now (`due_now`)."""
    closed_earlier = FollowUp.objects.filter(
        action=OuterRef("pk"),
        meeting__held_on__lt=before,
        outcome__in=[FollowUp.Outcome.DONE, FollowUp.Outcome.DROPPED],
    )
    actions = (
        Action.objects.filter(
            meeting__borough_id__in=borough_ids, meeting__kind=kind, meeting__held_on__lt=before
        )
        .filter(~Exists(closed_earlier))
        .annotate(
            carried=Count(
                "follow_ups",
                filter=Q(
                    follow_ups__outcome=FollowUp.Outcome.CARRIED_FORWARD,
                    follow_ups__meeting__held_on__lt=before,
                ),
            )
        )
        .select_related("meeting", "owner_user", "case")
        .order_by("due_on", "id")
    )
    carried_dates = defaultdict(list)
    for action_id, due_on in (
        FollowUp.objects.filter(
            action__meeting__borough_id__in=borough_ids,
            action__meeting__kind=kind,
            meeting__held_on__lt=before,
            due_on__isnull=False,
        )
        .order_by("meeting__held_on", "id")
        .values_list("action_id", "due_on")
    ):
        carried_dates[action_id].append(due_on)
    found: dict[int, list[Action]] = defaultdict(list)
    for action in actions:
        action.due_now = carried_dates[action.pk][-1] if carried_dates[action.pk] else action.due_on
        found[action.meeting.borough_id].append(action)
    return found
