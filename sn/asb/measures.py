"""The ASB measures of the Guarantee scorecard (SCORECARD_MEASURES, part "ASB"), each a few aggregate
queries over the force for a period [start, end), per ward as (numerator, denominator)."""

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, F, Min, Q
from django.utils import timezone

from sn.asb.models import AsbCase, AsbReport, CaseReview, OrderBreach, RiskAssessment


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


def _by_ward(rows, key="neighbourhood_id") -> dict[int, int]:
    return {row[key]: row["n"] for row in rows}


def _ratio(numerators: dict[int, int], denominators: dict[int, int]) -> dict[int, tuple[float, float]]:
    return {ward: (float(numerators.get(ward, 0)), float(d)) for ward, d in denominators.items() if d}


def risk_assessed_at_first_contact(start: date, end: date) -> dict[int, tuple[float, float]]:
    # One grouped row per report (a month is a few hundred), compared here: a correlated subquery
    # with date arithmetic cost SQLite ten times as much.
    rows = (
        AsbReport.objects.filter(reported_at__gte=_at(start), reported_at__lt=_at(end))
        .values_list("id", "neighbourhood_id", "reported_at")
        .annotate(first=Min("risk_assessments__assessed_at"))
    )
    within = timedelta(hours=settings.SN_ASB_FIRST_CONTACT_HOURS)
    totals: dict[int, int] = defaultdict(int)
    done: dict[int, int] = defaultdict(int)
    for _, ward, reported_at, first in rows:
        totals[ward] += 1
        done[ward] += first is not None and first <= reported_at + within
    return _ratio(done, totals)


def flagged_before_asked(start: date, end: date) -> dict[int, tuple[float, float]]:
    cases = AsbCase.objects.filter(threshold_met_on__gte=start, threshold_met_on__lt=end)
    totals = _by_ward(cases.values("neighbourhood_id").annotate(n=Count("id")))
    before = cases.filter(case_review_flagged_at__isnull=False).filter(
        Q(case_review_requested_at__isnull=True)
        | Q(case_review_flagged_at__lte=F("case_review_requested_at"))
    )
    flagged = _by_ward(before.values("neighbourhood_id").annotate(n=Count("id")))
    return _ratio(flagged, totals)


def reviews_on_time(start: date, end: date) -> dict[int, tuple[float, float]]:
    reviews = CaseReview.objects.filter(due_on__gte=start, due_on__lt=end).values("case__neighbourhood_id")
    totals = _by_ward(reviews.annotate(n=Count("id")), "case__neighbourhood_id")
    held = reviews.filter(held_on__isnull=False, held_on__lte=F("due_on"))
    on_time = _by_ward(held.annotate(n=Count("id")), "case__neighbourhood_id")
    return _ratio(on_time, totals)


def orders_breached(start: date, end: date) -> dict[int, tuple[float, float]]:
    rows = (
        OrderBreach.objects.filter(breached_on__gte=start, breached_on__lt=end)
        .values("order__neighbourhood_id")
        .annotate(n=Count("id"))
    )
    return {row["order__neighbourhood_id"]: (float(row["n"]), 0.0) for row in rows}


def high_risk_victims(start: date, end: date) -> dict[int, tuple[float, float]]:
    rows = (
        RiskAssessment.objects.filter(assessed_at__gte=_at(start), assessed_at__lt=_at(end), level="high")
        .values("report__neighbourhood_id")
        .annotate(n=Count("report__case_id", distinct=True))
    )
    return {row["report__neighbourhood_id"]: (float(row["n"]), 0.0) for row in rows}
