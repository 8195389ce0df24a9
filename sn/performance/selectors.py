"""Shared reads of the survey: rolling estimates with intervals, comparisons and the support list.

Every borough is compared three ways for the rolling year (four quarters) ending with a quarter:
with the force (pooled from all its boroughs; see stats.part_versus_whole for the overlap), with its
comparison group (the other boroughs of its group, pooled), and with its own rolling year ending a
year earlier. The method is documented in docs/how-to/survey-statistics.md; its settings (design
effect, minimum sample, minimum expected count) are read on each call, through survey_method().
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Sum

from sn.geography.models import Borough
from sn.performance.grouping import default_group
from sn.performance.models import ComparisonMembership, Measure, SurveyResult
from sn.performance.quarters import FinancialQuarter
from sn.performance.stats import (
    Counts,
    Difference,
    Direction,
    Interval,
    SampleRule,
    confidence_interval,
    difference_test,
    part_versus_whole,
    pooled,
)

MEASURES = list(Measure)


@dataclass(frozen=True)
class SurveyMethod:
    """The settings every interval and comparison is worked out with."""

    design_effect: float
    rule: SampleRule

    def interval(self, counts: Counts) -> Interval:
        return confidence_interval(counts, design_effect=self.design_effect)

    def compare(self, mine: Counts, other: Counts, *, part_of_other: bool = False) -> Difference:
        test = part_versus_whole if part_of_other else difference_test
        return test(mine, other, design_effect=self.design_effect, rule=self.rule)


def _is_number(value, *, whole: bool = False) -> bool:
    return not isinstance(value, bool) and isinstance(value, int if whole else int | float)


def survey_method() -> SurveyMethod:
    """SN_SURVEY_DESIGN_EFFECT, SN_SURVEY_MIN_SAMPLE and SN_SURVEY_MIN_EXPECTED, checked: a design effect
    of 0 or a minimum of "100" would otherwise mislabel every flag without a word."""
    design_effect = settings.SN_SURVEY_DESIGN_EFFECT
    min_sample = settings.SN_SURVEY_MIN_SAMPLE
    min_expected = settings.SN_SURVEY_MIN_EXPECTED
    problems = []
    if not _is_number(design_effect) or not design_effect > 0:
        problems.append(f"SN_SURVEY_DESIGN_EFFECT must be a number above 0, not {design_effect!r}")
    if not _is_number(min_sample, whole=True) or min_sample < 1:
        problems.append(f"SN_SURVEY_MIN_SAMPLE must be a whole number of at least 1, not {min_sample!r}")
    if not _is_number(min_expected) or not min_expected >= 0:
        problems.append(f"SN_SURVEY_MIN_EXPECTED must be a number of at least 0, not {min_expected!r}")
    if problems:
        raise ImproperlyConfigured("; ".join(problems) + ".")
    return SurveyMethod(design_effect, SampleRule(min_sample=min_sample, min_expected=min_expected))


def survey_quarters() -> list[FinancialQuarter]:
    starts = SurveyResult.objects.order_by("quarter_start").values_list("quarter_start", flat=True).distinct()
    return [FinancialQuarter.from_start(s) for s in starts]


def comparison_groups(boroughs: Iterable[Borough]) -> dict[int, str]:
    """The comparison group of each borough: its ComparisonGroup if it has one, else the default rule."""
    boroughs = list(boroughs)
    chosen = dict(
        ComparisonMembership.objects.filter(borough__in=boroughs).values_list("borough_id", "group__name")
    )
    return {b.id: chosen.get(b.id) or default_group(b.code) for b in boroughs}


@dataclass(frozen=True)
class Comparison:
    against: str  # "the force", the group's name, or "a year earlier"
    other: Interval
    test: Difference
    direction: Direction


@dataclass
class BoroughMeasure:
    borough: Borough
    measure: Measure
    group: str
    current: Interval | None = None
    vs_force: Comparison | None = None
    vs_group: Comparison | None = None
    vs_year_ago: Comparison | None = None

    def concerns(self) -> list[str]:
        """Why this measure would put the borough on the support list."""
        label = self.measure.label
        reasons = []
        for comparison, wording in (
            (self.vs_force, "significantly worse than the force"),
            (self.vs_group, f"significantly worse than its comparison group ({self.group})"),
            (self.vs_year_ago, "significantly worse than a year earlier"),
        ):
            if comparison and comparison.direction is Direction.WORSE:
                figures = f"{self.current.estimate:.1%} against {comparison.other.estimate:.1%}"
                reasons.append(f"{label}: {wording} ({figures})")
        return reasons


@dataclass
class MeasureOverview:
    measure: Measure
    force: Interval | None
    force_year_ago: Comparison | None
    rows: list[BoroughMeasure] = field(default_factory=list)


@dataclass
class SupportVisit:
    borough: Borough
    reasons: list[str]


@dataclass
class Overview:
    end: FinancialQuarter | None
    measures: list[MeasureOverview]

    def for_borough(self, borough: Borough) -> list[BoroughMeasure]:
        return [row for m in self.measures for row in m.rows if row.borough.id == borough.id]

    def support_visits(self) -> list[SupportVisit]:
        """Boroughs significantly worse than the force or their group, or significantly declining, on
        any measure; those with most reasons first."""
        reasons: dict[int, list[str]] = defaultdict(list)
        boroughs: dict[int, Borough] = {}
        for m in self.measures:
            for row in m.rows:
                if found := row.concerns():
                    reasons[row.borough.id].extend(found)
                    boroughs[row.borough.id] = row.borough
        visits = [SupportVisit(boroughs[pk], found) for pk, found in reasons.items()]
        return sorted(visits, key=lambda v: (-len(v.reasons), v.borough.name))


def _counts(boroughs: list[Borough], quarters: list[FinancialQuarter]) -> dict[tuple, Counts]:
    rows = SurveyResult.objects.filter(
        borough__in=boroughs, quarter_start__in=[q.start for q in quarters]
    ).values_list("borough_id", "measure", "quarter_start", "positive", "sample_size")
    return {
        (b, m, FinancialQuarter.from_start(s)): Counts(positive, sample) for b, m, s, positive, sample in rows
    }


def _rolling(counts: dict, borough_id: int, measure: str, end: FinancialQuarter) -> Counts | None:
    """The borough's rolling year ending with `end`, only when all four quarters were surveyed."""
    parts = [counts.get((borough_id, measure, q)) for q in end.last_four()]
    return None if None in parts else pooled(parts)


def _comparison(
    method: SurveyMethod,
    against: str,
    mine: Counts,
    other: Counts,
    measure: Measure,
    *,
    part_of_other: bool = False,
) -> Comparison:
    result = method.compare(mine, other, part_of_other=part_of_other)
    return Comparison(
        against=against,
        other=method.interval(other),
        test=result,
        direction=result.direction(higher_is_better=measure.higher_is_better),
    )


def _measure_overview(method: SurveyMethod, measure, boroughs, groups, counts, end) -> MeasureOverview:
    current = {b.id: _rolling(counts, b.id, measure.value, end) for b in boroughs}
    year_ago = {b.id: _rolling(counts, b.id, measure.value, end.shifted(-4)) for b in boroughs}
    force_parts = [c for (_, m, q), c in counts.items() if m == measure.value and q in end.last_four()]
    force = pooled(force_parts) if force_parts else None
    earlier = end.shifted(-4).last_four()
    force_before_parts = [c for (_, m, q), c in counts.items() if m == measure.value and q in earlier]
    force_before = pooled(force_before_parts) if force_before_parts else None
    overview = MeasureOverview(
        measure=measure,
        force=method.interval(force) if force else None,
        force_year_ago=_comparison(method, "a year earlier", force, force_before, measure)
        if force and force_before
        else None,
    )
    for borough in boroughs:
        row = BoroughMeasure(borough=borough, measure=measure, group=groups[borough.id])
        mine = current[borough.id]
        if mine is not None:
            row.current = method.interval(mine)
            if force.sample > mine.sample:
                row.vs_force = _comparison(method, "the force", mine, force, measure, part_of_other=True)
            peers = [
                current[b.id]
                for b in boroughs
                if b.id != borough.id and groups[b.id] == row.group and current[b.id] is not None
            ]
            if peers:
                row.vs_group = _comparison(method, row.group, mine, pooled(peers), measure)
            if year_ago[borough.id] is not None:
                row.vs_year_ago = _comparison(method, "a year earlier", mine, year_ago[borough.id], measure)
        overview.rows.append(row)
    return overview


def performance_overview(*, boroughs: Iterable[Borough], end: FinancialQuarter | None) -> Overview:
    """Every measure for every borough of the force for the rolling year ending with `end`."""
    boroughs = sorted(boroughs, key=lambda b: b.name)
    if end is None:
        return Overview(end=None, measures=[])
    method = survey_method()
    counts = _counts(boroughs, [*end.shifted(-4).last_four(), *end.last_four()])
    groups = comparison_groups(boroughs)
    return Overview(
        end=end, measures=[_measure_overview(method, m, boroughs, groups, counts, end) for m in MEASURES]
    )


@dataclass(frozen=True)
class TrendPoint:
    quarter: FinancialQuarter
    counts: Counts
    interval: Interval
    rolling: Interval | None
    force: Interval | None


@dataclass
class MeasureTrend:
    measure: Measure
    points: list[TrendPoint]


def borough_trends(*, borough: Borough) -> list[MeasureTrend]:
    """Each measure's quarterly results for one borough, with its rolling year and the force's quarter."""
    method = survey_method()
    mine = {
        (r.measure, r.quarter): Counts(r.positive, r.sample_size)
        for r in SurveyResult.objects.filter(borough=borough)
    }
    force = {
        (r["measure"], FinancialQuarter.from_start(r["quarter_start"])): Counts(r["positive"], r["sample"])
        for r in SurveyResult.objects.filter(borough__force_id=borough.force_id)
        .values("measure", "quarter_start")
        .annotate(positive=Sum("positive"), sample=Sum("sample_size"))
    }
    trends = []
    for measure in MEASURES:
        quarters = sorted(q for m, q in mine if m == measure.value)
        points = []
        for quarter in quarters:
            parts = [mine.get((measure.value, q)) for q in quarter.last_four()]
            force_counts = force.get((measure.value, quarter))
            points.append(
                TrendPoint(
                    quarter=quarter,
                    counts=mine[(measure.value, quarter)],
                    interval=method.interval(mine[(measure.value, quarter)]),
                    rolling=None if None in parts else method.interval(pooled(parts)),
                    force=method.interval(force_counts) if force_counts else None,
                )
            )
        trends.append(MeasureTrend(measure=measure, points=points))
    return trends
