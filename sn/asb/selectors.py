"""Shared reads of the ASB pages."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from sn.asb.models import AsbAction, AsbLead
from sn.rosters.models import CallForService


def case_rows(cases: QuerySet) -> QuerySet:
    """Cases with their report count and the due day of the earliest review not yet held."""
    return cases.select_related("neighbourhood", "person", "address", "owner").annotate(
        report_count=Count("reports", distinct=True),
        review_due=Min("reviews__due_on", filter=Q(reviews__held_on__isnull=True)),
    )


def asb_calls(neighbourhood, today=None) -> list[CallForService]:
    """The ward's ASB calls of the last month, to link a report to the call it came from."""
    today = today or timezone.localdate()
    since = today - timedelta(days=settings.SN_ASB_REPORT_WITHIN_DAYS)
    return list(
        CallForService.objects.filter(
            neighbourhood=neighbourhood,
            call_type__in=settings.SN_ASB_CALL_TYPES,
            received_at__date__gte=since,
        ).order_by("-received_at")[:50]
    )


def current_lead(today=None) -> AsbLead | None:
    today = today or timezone.localdate()
    return (
        AsbLead.objects.filter(starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by("-starts_on", "-id")
        .first()
    )


def plan_progress(actions: list[AsbAction], today) -> dict:
    """Counts by status, the overdue actions, and per borough (force-wide actions under "Force")."""
    by_status = {value: 0 for value in AsbAction.Status.values}
    boroughs: dict[str, dict] = {}
    overdue = []
    for action in actions:
        by_status[action.status] += 1
        late = action.status != AsbAction.Status.DONE and action.due_on < today
        if late:
            overdue.append(action)
        name = action.borough.name if action.borough_id else "Force-wide"
        row = boroughs.setdefault(name, {"name": name, "total": 0, "done": 0, "overdue": 0, "at_risk": 0})
        row["total"] += 1
        row["done"] += action.status == AsbAction.Status.DONE
        row["overdue"] += late
        row["at_risk"] += action.status == AsbAction.Status.AT_RISK
    labels = dict(AsbAction.Status.choices)
    return {
        "by_status": [(labels[k], n) for k, n in by_status.items()],
        "overdue": overdue,
        "boroughs": sorted(boroughs.values(), key=lambda r: (r["name"] == "Force-wide", r["name"])),
    }
