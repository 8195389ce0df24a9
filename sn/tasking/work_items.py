"""What the home page lists for the tasking group (registered in sn.tasking.hooks): an action's owner,
their actions past due; the borough lead, bids awaiting a decision and meetings without a pack (those
held in the last eight weeks or coming in the next two: an older meeting without one is history)."""

from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sn.core.registries import WorkItem
from sn.core.roles import Role
from sn.geography.scope import scope_of
from sn.tasking.models import Action, ResourceBid, TaskingMeeting
from sn.tasking.models.bids import OPEN_BIDS
from sn.tasking.pack.serial import long_date
from sn.tasking.selectors import with_due_now

PACK_NOTICE_DAYS = 14


def _borough_q(user, path: str) -> Q | None:
    scope = scope_of(user)
    if scope.everything:
        return Q()
    if scope.borough_ids:
        return Q(**{f"{path}__in": scope.borough_ids})
    return None


def overdue_action_items(user) -> list[WorkItem]:
    today = timezone.localdate()
    actions = (
        with_due_now(Action.objects.filter(owner_user=user, status=Action.Status.OPEN))
        .filter(due_now__lt=today)
        .select_related("meeting__borough")
    )
    return [
        WorkItem(
            title=f"Tasking action: {a.description}",
            url=reverse("tasking:meeting", args=[a.meeting_id]),
            area=a.meeting.borough.name,
            due=a.due_now,
            overdue=True,
            detail=f"Set by the {a.meeting.get_kind_display().lower()} on {long_date(a.meeting.held_on)}",
            urgency=(today - a.due_now).days,
        )
        for a in actions
    ]


def bid_items(user) -> list[WorkItem]:
    if user.role not in (Role.BOROUGH_LEAD,):
        return []
    reach = _borough_q(user, "neighbourhood__borough_id")
    if reach is None:
        return []
    today = timezone.localdate()
    bids = ResourceBid.objects.filter(reach, status__in=OPEN_BIDS).select_related("neighbourhood")
    return [
        WorkItem(
            title=f"Decide the resource bid: {b.what}",
            url=reverse("tasking:bid", args=[b.pk]),
            area=b.neighbourhood.name,
            detail=f"Raised on {long_date(b.raised_on)}; {b.get_status_display().lower()}",
            urgency=(today - b.raised_on).days,
        )
        for b in bids.order_by("raised_on", "id")
    ]


def pack_items(user) -> list[WorkItem]:
    if user.role not in (Role.BOROUGH_LEAD,):
        return []
    reach = _borough_q(user, "borough_id")
    if reach is None:
        return []
    today = timezone.localdate()
    meetings = (
        TaskingMeeting.objects.filter(
            reach, pack__isnull=True, held_on__lte=today + timedelta(days=PACK_NOTICE_DAYS)
        )
        .filter(held_on__gte=today - timedelta(days=PACK_NOTICE_DAYS * 4))
        .select_related("borough")
    )
    return [
        WorkItem(
            title=f"No pack yet: {m.get_kind_display()}, {long_date(m.held_on)}",
            url=reverse("tasking:pack", args=[m.pk]),
            area=m.borough.name,
            due=m.held_on,
            overdue=m.held_on < today,
            urgency=(today - m.held_on).days,
        )
        for m in meetings.order_by("held_on", "id")
    ]
