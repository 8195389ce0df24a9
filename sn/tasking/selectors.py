"""Shared reads of the tasking app: the boroughs a user reaches, a borough's meetings, a meeting's agenda
(the actions of earlier meetings of its group still open), and each action's date due now."""

from datetime import date

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from sn.geography.models import Borough
from sn.geography.scope import scope_of
from sn.tasking.models import Action, FollowUp, ResourceBid, TaskingMeeting
from sn.tasking.models.bids import OPEN_BIDS
from sn.tasking.pack.business import OpenAction, business_of, open_actions


def boroughs_for_user(user) -> QuerySet[Borough]:
    """Boroughs whose tasking the user may read: their own, or those their wards or clusters lie in."""
    scope = scope_of(user)
    if scope.everything:
        return Borough.objects.all()
    return Borough.objects.filter(id__in=scope.neighbourhoods().values("borough_id")).distinct()


def get_borough_for_user(user, code: str) -> Borough:
    borough = boroughs_for_user(user).filter(code=code).first()
    if borough is None:
        raise Http404("No such borough in your area")
    return borough


def with_due_now(actions: QuerySet[Action]) -> QuerySet[Action]:
    """`due_now`: the date set by the latest carry-forward, else the date first set."""
    latest = FollowUp.objects.filter(action=OuterRef("pk"), due_on__isnull=False).order_by(
        "-meeting__held_on", "-id"
    )
    return actions.annotate(due_now=Coalesce(Subquery(latest.values("due_on")[:1]), F("due_on")))


def borough_meetings(borough: Borough) -> list[TaskingMeeting]:
    return list(
        TaskingMeeting.objects.filter(borough=borough).select_related("pack").order_by("-held_on", "-id")
    )


def agenda(meeting: TaskingMeeting) -> list[OpenAction]:
    """The actions this meeting follows up: set by earlier meetings of its group, open before it."""
    ids = [meeting.borough_id]
    return open_actions(business_of(ids), ids, meeting.kind, meeting.held_on).get(meeting.borough_id, [])


def open_borough_actions(borough: Borough) -> list[Action]:
    return list(
        with_due_now(Action.objects.filter(meeting__borough=borough, status=Action.Status.OPEN))
        .select_related("meeting", "owner_user")
        .order_by("due_now", "id")
    )


def open_borough_bids(borough: Borough) -> list[ResourceBid]:
    return list(
        ResourceBid.objects.filter(neighbourhood__borough=borough, status__in=OPEN_BIDS)
        .select_related("neighbourhood", "case", "priority", "raised_by", "decided_at")
        .order_by("raised_on", "id")
    )


def is_overdue(action: Action, today: date) -> bool:
    return action.status == Action.Status.OPEN and action.due_now < today
