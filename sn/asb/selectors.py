"""Shared reads of the ASB pages."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from sn.asb.models import AsbAction, AsbLead
from sn.geography.scope import scope_of
from sn.rosters.models import CallForService


def case_rows(cases: QuerySet) -> QuerySet:
    """Cases with their report count and the due day of the earliest review not yet held."""
    return cases.select_related("neighbourhood", "person", "address", "owner").annotate(
        report_count=Count("reports", distinct=True),
        review_due=Min("reviews__due_on", filter=Q(reviews__held_on__isnull=True)),
    )


def _unlinked_asb_calls(now) -> QuerySet[CallForService]:
    """ASB calls of the last SN_ASB_REPORT_WITHIN_DAYS days up to now that no report comes from yet
    (a call the import matched to a known place already has its report)."""
    since = timezone.localdate(now) - timedelta(days=settings.SN_ASB_REPORT_WITHIN_DAYS)
    return CallForService.objects.filter(
        call_type__in=settings.SN_ASB_CALL_TYPES,
        received_at__date__gte=since,
        received_at__lte=now,
        asb_reports__isnull=True,
    )


def asb_calls(neighbourhood, now=None) -> list[CallForService]:
    """The ward's ASB calls of the last month not yet linked, to link a report to the call it came from."""
    calls = _unlinked_asb_calls(now or timezone.now()).filter(neighbourhood=neighbourhood)
    return list(calls.order_by("-received_at")[:50])


def calls_to_link(user, now=None) -> QuerySet[CallForService]:
    """The calls staff link by hand: those of the user's wards that matched no known victim or place."""
    calls = _unlinked_asb_calls(now or timezone.now()).filter(scope_of(user).neighbourhood_q("neighbourhood"))
    return calls.select_related("neighbourhood").order_by("-received_at", "-id")


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
