"""Shared reads of problem solving: the cases a user may see (always through the CASES record rule),
filtered as the lists filter them, and the work the home page lists."""

import datetime
from datetime import date

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from sn.problemsolving.models import Case, CaseInvitation, Intervention
from sn.problemsolving.permissions import CASES, INTERVENTIONS

OPEN_STATUSES = (Intervention.Status.PLANNED, Intervention.Status.IN_PROGRESS)


def visible_cases(user) -> QuerySet[Case]:
    """Every case the user may read, with what the lists show."""
    queryset = Case.objects.select_related(
        "neighbourhood__borough", "neighbourhood__cluster", "owner", "priority"
    )
    return CASES.filter_for(user, queryset)


def stalled_before(today: date) -> date:
    return today - datetime.timedelta(weeks=settings.SN_CASE_STALLED_WEEKS)


def filter_cases(
    queryset: QuerySet[Case], *, stage: str = "", review: str = "", category: str = "", today: date
) -> QuerySet[Case]:
    if stage == "open":
        queryset = queryset.exclude(stage=Case.Stage.CLOSED)
    elif stage:
        queryset = queryset.filter(stage=stage)
    if review == "overdue":
        queryset = queryset.exclude(stage=Case.Stage.CLOSED).filter(review_due_on__lt=today)
    elif review == "stalled":
        queryset = queryset.exclude(stage=Case.Stage.CLOSED).filter(
            last_activity_on__lt=stalled_before(today)
        )
    if category:
        queryset = queryset.filter(category_codes__contains=f",{category},")
    return queryset


def with_counts(queryset: QuerySet[Case]) -> QuerySet[Case]:
    return queryset.annotate(
        open_interventions=Count(
            "interventions", filter=Q(interventions__status__in=OPEN_STATUSES), distinct=True
        ),
        all_interventions=Count("interventions", distinct=True),
    )


def my_cases(user) -> QuerySet[Case]:
    """A user's own cases: those they own and those with an intervention they own."""
    mine = Q(interventions__owner_user_id=user.pk)
    if user.officer_id:
        mine |= Q(owner_id=user.officer_id) | Q(interventions__owner_officer_id=user.officer_id)
    ids = visible_cases(user).filter(mine).values("pk")
    return visible_cases(user).filter(pk__in=ids)


def standing_invitations(case: Case) -> QuerySet[CaseInvitation]:
    return case.invitations.filter(removed_at__isnull=True).select_related("organisation", "invited_by")


def open_interventions_owned_by(user) -> QuerySet[Intervention]:
    """The open interventions the user owns (as the officer, or the named partner user), on cases they
    may still see."""
    owned = Q(owner_user_id=user.pk)
    if user.officer_id:
        owned |= Q(owner_officer_id=user.officer_id)
    queryset = Intervention.objects.select_related("case__neighbourhood").filter(
        owned, status__in=OPEN_STATUSES
    )
    return INTERVENTIONS.filter_for(user, queryset).order_by("due_on", "id")
