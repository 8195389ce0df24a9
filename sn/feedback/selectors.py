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
from sn.geography.scope import Scope, scope_of


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


def handler_candidates(borough: Borough) -> list[User]:
    """The active users who might handle messages about the borough: its lead, the inspectors of its
    clusters, the sergeants posted to its teams, and the central unit."""
    return list(
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


def handlers_for(
    *,
    borough: Borough,
    neighbourhood: Neighbourhood | None,
    about_conduct: bool,
    candidates: list[User] | None = None,
    scopes: dict[int, Scope] | None = None,
) -> list[User]:
    """Who may handle a message about this area: the borough's candidates, narrowed by each one's scope.
    `candidates` and `scopes` (by user id, filled as they are worked out) spare a caller asking about many
    areas of one borough the same queries."""
    scopes = {} if scopes is None else scopes
    chosen = []
    for user in handler_candidates(borough) if candidates is None else candidates:
        if user.pk not in scopes:
            scopes[user.pk] = scope_of(user)
        if may_handle_area(
            user,
            borough=borough,
            neighbourhood=neighbourhood,
            about_conduct=about_conduct,
            scope=scopes[user.pk],
        ):
            chosen.append(user)
    return chosen


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
