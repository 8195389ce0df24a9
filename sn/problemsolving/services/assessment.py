"""Recording a case's assessment: the months compared, the figures computed from the incident data (the
case's area against the rest of its borough, and each neighbouring ward for displacement), and the
team's judgement with its evidence. The figures are stored as computed, beside the judgement.

`assessment_compute` reads the counts and computes (the page's preview uses it, writing nothing);
`assessment_record` checks, computes and stores; `figures_from_counts` is the arithmetic on counts
alone, shared with the demo (sn.problemsolving.demo_counts), which has its counts in memory.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sn.core.audit import audit_actor
from sn.core.months import add_months, month_span, months_in_words
from sn.geography.models import Neighbourhood
from sn.problemsolving import analysis
from sn.problemsolving.assessment import (
    comparison_sentence,
    counts_sentence,
    did_compare,
    displacement_check,
    suggested_outcome,
)
from sn.problemsolving.library.index import library_entry_refresh
from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.services.checks import check_case_team, check_open, check_signed_in, today_or
from sn.problemsolving.services.state import case_touch

ASSESS = "assess this case"
DEFAULT_MONTHS = 6  # each side of the response, when the data allows
PERIOD_FIELDS = ("before_start", "before_end", "after_start", "after_end")
FIELD_WORDS = {
    "before_start": "the first month before the response",
    "before_end": "the last month before the response",
    "after_start": "the first month after the response began",
    "after_end": "the last month after the response began",
}


@dataclass(frozen=True)
class Periods:
    before_start: date
    before_end: date
    after_start: date
    after_end: date

    @property
    def before(self) -> list[date]:
        return _span(self.before_start, self.before_end)

    @property
    def after(self) -> list[date]:
        return _span(self.after_start, self.after_end)


def _span(first: date, last: date) -> list[date]:
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return month_span(last, count)


def place_words(case: Case) -> str:
    if case.place == Case.Place.STREETS:
        return "the case's streets"
    if case.place == Case.Place.AREA:
        return "the case's area"
    return case.neighbourhood.name


def categories_words(labels: list[str]) -> str:
    if not labels:
        return "Incidents"
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1].lower()


def periods_check(case: Case, values: dict[str, date | None], *, on: date) -> Periods:
    """The periods as first days of months, or ValidationError naming the field: missing, out of order,
    overlapping, not yet over, or months the data does not cover for the case's categories and place."""
    errors: dict[str, str] = {}
    for field in PERIOD_FIELDS:
        if values.get(field) is None:
            errors[field] = f"Enter {FIELD_WORDS[field]} (the data period is needed to assess the case)."
    if errors:
        raise ValidationError(errors)
    bs, be, a_s, ae = (values[f].replace(day=1) for f in PERIOD_FIELDS)
    if be < bs:
        errors["before_end"] = "The period before the response ends before it starts."
    if ae < a_s:
        errors["after_end"] = "The period after the response ends before it starts."
    if a_s <= be:
        errors["after_start"] = "The period after the response must begin after the period before it ends."
    this_month = on.replace(day=1)
    for field, month in zip(PERIOD_FIELDS, (bs, be, a_s, ae), strict=True):
        if month >= this_month and field not in errors:
            errors[field] = f"{month:%B %Y} is not over yet: compare complete months only."
    if errors:
        raise ValidationError(errors)
    periods = Periods(bs, be, a_s, ae)
    for field, months in (("before_start", periods.before), ("after_start", periods.after)):
        gaps = analysis.missing_months(case, months)
        if gaps:
            points = " with points for its streets or area" if analysis.reads_points(case) else ""
            errors[field] = (
                f"The incident data does not cover {categories_words(_labels(case, gaps)).lower()}{points} "
                f"for {months_in_words(list(gaps))}: choose months the data covers."
            )
    if errors:
        raise ValidationError(errors)
    return periods


def _labels(case: Case, gaps: dict[date, list[str]]) -> list[str]:
    lacking = {c for categories in gaps.values() for c in categories}
    return [
        label for code, label in zip(case.categories, case.category_labels, strict=True) if code in lacking
    ]


def figures_from_counts(
    *,
    what: str,
    area_name: str,
    borough_name: str,
    area: tuple[int, int],
    borough: tuple[int, int],
    neighbours: list[tuple[int, str, tuple[int, int], bool]],
) -> tuple[dict, list[dict]]:
    """The stored figures and displacement from counts alone. `area` and `borough` are (before, after);
    each neighbour is (id, name, (before, after), in the case's borough)."""
    rest = f"the rest of {borough_name}"
    rest_before, rest_after = max(borough[0] - area[0], 0), max(borough[1] - area[1], 0)
    comparison = did_compare(
        area_before=area[0], area_after=area[1], rest_before=rest_before, rest_after=rest_after
    )
    checks = displacement_check(
        [
            (
                key,
                name,
                counts[0],
                counts[1],
                max(rest_before - (counts[0] if same_borough else 0), 0),
                max(rest_after - (counts[1] if same_borough else 0), 0),
            )
            for key, name, counts, same_borough in neighbours
        ]
    )
    figures = {
        **comparison.as_dict(),
        "what": what,
        "area_name": area_name,
        "rest_name": rest,
        "sentence": comparison_sentence(comparison, what=what, area=area_name, rest=rest),
        "counts_sentence": counts_sentence(comparison, area=area_name, rest=rest),
        "suggested": suggested_outcome(comparison, checks),
    }
    figures["suggested_label"] = Assessment.Outcome(figures["suggested"]).label
    displacement = [
        {
            **check.as_dict(),
            "sentence": comparison_sentence(check.comparison, what=what, area=check.name, rest=rest),
        }
        for check in checks
    ]
    return figures, displacement


def assessment_compute(case: Case, periods: Periods) -> tuple[dict, list[dict]]:
    """The figures for the case over the periods, from the incident data (reads only)."""
    before, after = periods.before, periods.after
    months = [*before, *after]
    area = analysis.area_counts(case, months)
    borough = analysis.borough_counts(case, months)
    neighbours = list(
        case.neighbourhood.neighbours.filter(kind=Neighbourhood.Kind.WARD)
        .order_by("name")
        .values_list("id", "name", "borough_id")
    )
    by_ward = analysis.ward_counts([n for n, _, _ in neighbours], case, months)

    def area_total(period: list[date]) -> int:
        return sum(n for (month, _), n in area.items() if month in period)

    def ward_total(ward: int, period: list[date]) -> int:
        return sum(by_ward.get((ward, month), 0) for month in period)

    figures, displacement = figures_from_counts(
        what=categories_words(case.category_labels),
        area_name=place_words(case),
        borough_name=case.neighbourhood.borough.name,
        area=(area_total(before), area_total(after)),
        borough=(sum(borough.get(m, 0) for m in before), sum(borough.get(m, 0) for m in after)),
        neighbours=[
            (
                n,
                name,
                (ward_total(n, before), ward_total(n, after)),
                borough_id == case.neighbourhood.borough_id,
            )
            for n, name, borough_id in neighbours
        ],
    )
    figures.update(
        months_before=len(before),
        months_after=len(after),
        place=case.place,
        categories=case.categories,
    )
    return figures, displacement


def default_periods(case: Case, *, latest: date | None, on: date) -> Periods | None:
    """Up to DEFAULT_MONTHS months each side of the month the response started, within the data (up to
    `latest`, the latest month with data, and before this month). The month it started is in neither:
    it is part before and part after. None before the response starts or when no month after it has
    data yet."""
    if case.response_started_on is None or latest is None:
        return None
    started = case.response_started_on.replace(day=1)
    last = min(latest, add_months(on.replace(day=1), -1))
    first_after = add_months(started, 1)
    if last < first_after:
        return None
    after_end = min(add_months(first_after, DEFAULT_MONTHS - 1), last)
    return Periods(add_months(started, -DEFAULT_MONTHS), add_months(started, -1), first_after, after_end)


def assessment_record(
    *,
    case: Case,
    actor,
    before_start: date | None,
    before_end: date | None,
    after_start: date | None,
    after_end: date | None,
    outcome: str,
    evidence: str,
    on: date | None = None,
) -> Assessment:
    """Record (or re-record, replacing it) the case's assessment: the team's, on an open case whose
    response has started. Refused, naming the field and writing nothing, without a data period, with
    periods out of order, overlapping, not yet over or not covered by the data, without evidence, or
    with an outcome not in the list."""
    on = today_or(on)
    check_signed_in(actor, "outcome")
    check_case_team(actor, case=case, field="outcome", doing=ASSESS)
    check_open(case, "outcome")
    if case.response_started_on is None:
        raise ValidationError(
            {"outcome": "The response has not started: record when it began, then assess its impact."}
        )
    if not case.categories:
        raise ValidationError(
            {"outcome": "The case names no crime categories, so there is nothing to count."}
        )
    errors: dict[str, str] = {}
    if outcome not in Assessment.Outcome.values:
        errors["outcome"] = "Choose an outcome: resolved, reduced, displaced or no change."
    if not (evidence or "").strip():
        errors["evidence"] = (
            "Say what the judgement rests on: the figures, what partners and residents report."
        )
    values = dict(zip(PERIOD_FIELDS, (before_start, before_end, after_start, after_end), strict=True))
    try:
        periods = periods_check(case, values, on=on)
    except ValidationError as refused:
        errors = {**refused.message_dict, **errors}
        errors = {k: v[0] if isinstance(v, list) else v for k, v in errors.items()}
    if errors:
        raise ValidationError(errors)
    figures, displacement = assessment_compute(case, periods)
    with transaction.atomic(), audit_actor(actor):
        assessment = Assessment.objects.filter(case=case).first() or Assessment(case=case)
        assessment.before_start, assessment.before_end = periods.before_start, periods.before_end
        assessment.after_start, assessment.after_end = periods.after_start, periods.after_end
        assessment.category_codes = case.category_codes
        assessment.figures, assessment.displacement = figures, displacement
        assessment.outcome, assessment.evidence = outcome, evidence.strip()
        assessment.recorded_by = actor
        assessment.recorded_on = on
        assessment.save()
        case_touch(case, on=on)
        library_entry_refresh(case=case)
    return assessment
