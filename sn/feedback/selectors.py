"""Reads of the feedback queue: the messages in a user's reach with the queue's filters, who may handle a
message, and what is overdue."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from sn.accounts.models import User
from sn.core.roles import Role
from sn.feedback.models import OPEN_STATUSES, FeedbackMessage, Status
from sn.feedback.permissions import HANDLERS, may_handle_area, messages_for_user
from sn.geography.models import Borough, Neighbourhood


@dataclass(frozen=True)
class QueueFilters:
    status: str = "open"  # "open", "overdue", "all", or one Status value
    kind: str = ""
    mine: bool = False


def queue_for_user(user, filters: QueueFilters, *, today: date) -> QuerySet[FeedbackMessage]:
    messages = messages_for_user(
        user, FeedbackMessage.objects.select_related("borough", "neighbourhood", "handler")
    )
    if filters.status == "open":
        messages = messages.filter(status__in=OPEN_STATUSES)
    elif filters.status == "overdue":
        messages = messages.filter(status__in=OPEN_STATUSES, due_on__lt=today)
    elif filters.status in Status.values:
        messages = messages.filter(status=filters.status)
    if filters.kind:
        messages = messages.filter(kind=filters.kind)
    if filters.mine:
        messages = messages.filter(handler=user)
    return messages


def handlers_for(*, borough: Borough, neighbourhood: Neighbourhood | None, about_conduct: bool) -> list[User]:
    """The active users who may handle a message about this area: the borough's lead, the inspectors of
    its clusters, the sergeants posted to its teams and the central unit, narrowed by each one's scope."""
    candidates = (
        User.objects.filter(is_active=True, role__in=[role.value for role in HANDLERS])
        .filter(
            Q(role=Role.CENTRAL_UNIT)
            | Q(role=Role.BOROUGH_LEAD, borough=borough)
            | Q(role=Role.INSPECTOR, officer__clusters_commanded__borough=borough)
            | Q(role=Role.SERGEANT, officer__postings__team__neighbourhood__borough=borough)
        )
        .distinct()
        .order_by("role", "last_name", "first_name", "username")
    )
    return [
        user
        for user in candidates
        if may_handle_area(user, borough=borough, neighbourhood=neighbourhood, about_conduct=about_conduct)
    ]


def overdue_for_user(user, *, today: date) -> QuerySet[FeedbackMessage]:
    """Open messages past their due date that are this user's to act on: those assigned to them, and
    those nobody has picked up yet in their area (for the central unit, whose area is the force, only
    its own: each borough's queue is the borough's)."""
    overdue = messages_for_user(
        user,
        FeedbackMessage.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today).select_related(
            "borough", "neighbourhood"
        ),
        for_write=True,
    )
    if user.role == Role.CENTRAL_UNIT:
        return overdue.filter(handler=user)
    return overdue.filter(Q(handler=user) | Q(handler__isnull=True))


def open_counts(user, *, today: date) -> dict[str, int]:
    messages = messages_for_user(user, FeedbackMessage.objects.filter(status__in=OPEN_STATUSES))
    return {
        "open": messages.count(),
        "overdue": messages.filter(due_on__lt=today).count(),
        "new": messages.filter(status=Status.NEW).count(),
    }
