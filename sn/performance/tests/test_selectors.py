import pytest

from sn.geography.models import Borough
from sn.performance.grouping import INNER_LONDON, OTHER, OUTER_LONDON, default_group
from sn.performance.models import Measure
from sn.performance.quarters import FinancialQuarter
from sn.performance.selectors import (
    borough_trends,
    comparison_groups,
    performance_overview,
    survey_quarters,
)
from sn.performance.stats import Direction
from sn.performance.tests.factories import ComparisonMembershipFactory
from sn.performance.tests.helpers import END, LAST_YEAR, a_declining_borough_a, add_results

pytestmark = pytest.mark.django_db


def _row(overview, measure, borough):
    return next(
        r for m in overview.measures if m.measure == measure for r in m.rows if r.borough.id == borough.id
    )


def test_a_borough_falling_behind_is_flagged_against_force_group_and_its_own_past(world):
    a_declining_borough_a(world)
    overview = performance_overview(boroughs=Borough.objects.all(), end=END)
    row = _row(overview, Measure.CONFIDENCE, world.boroughs["a"])
    assert row.current.estimate == pytest.approx(0.45)
    assert row.current.sample == 2000
    assert row.vs_force.direction is Direction.WORSE
    assert row.vs_force.other.estimate == pytest.approx(0.525)  # both boroughs pooled
    assert row.vs_group.direction is Direction.WORSE
    assert row.vs_group.other.estimate == pytest.approx(0.60)  # the other boroughs of the group only
    assert row.vs_year_ago.direction is Direction.WORSE
    assert row.vs_year_ago.test.difference == pytest.approx(-0.15)
    other = _row(overview, Measure.CONFIDENCE, world.boroughs["b"])
    assert other.vs_force.direction is Direction.BETTER
    assert other.vs_year_ago.direction is Direction.SIMILAR


def test_less_worry_about_asb_is_better_and_more_is_worse(world):
    a_declining_borough_a(world)
    overview = performance_overview(boroughs=Borough.objects.all(), end=END)
    improving = _row(overview, Measure.WORRY_ASB, world.boroughs["b"])
    assert improving.vs_year_ago.direction is Direction.BETTER
    assert improving.vs_force.direction is Direction.BETTER
    assert _row(overview, Measure.WORRY_ASB, world.boroughs["a"]).vs_force.direction is Direction.WORSE


def test_equal_boroughs_are_not_flagged(world):
    a_declining_borough_a(world)
    overview = performance_overview(boroughs=Borough.objects.all(), end=END)
    row = _row(overview, Measure.SAFE_DAY, world.boroughs["a"])
    assert (row.vs_force.direction, row.vs_group.direction, row.vs_year_ago.direction) == (
        Direction.SIMILAR,
        Direction.SIMILAR,
        Direction.SIMILAR,
    )


def test_the_support_list_names_the_weaker_borough_with_its_reasons(world):
    a_declining_borough_a(world)
    visits = performance_overview(boroughs=Borough.objects.all(), end=END).support_visits()
    assert [v.borough for v in visits] == [world.boroughs["a"]]
    assert visits[0].reasons == [
        "Confidence in local police: significantly worse than the force (45.0% against 52.5%)",
        "Confidence in local police: significantly worse than its comparison group (Other boroughs) "
        "(45.0% against 60.0%)",
        "Confidence in local police: significantly worse than a year earlier (45.0% against 60.0%)",
        "Worry about anti-social behaviour: significantly worse than the force (30.0% against 25.0%)",
        "Worry about anti-social behaviour: significantly worse than its comparison group (Other boroughs) "
        "(30.0% against 20.0%)",
    ]


def test_a_borough_missing_a_quarter_has_no_rolling_estimate_and_no_flags(world):
    add_results(world.boroughs["a"], "confidence", LAST_YEAR[1:], 0.5)
    add_results(world.boroughs["b"], "confidence", LAST_YEAR, 0.5)
    overview = performance_overview(boroughs=Borough.objects.all(), end=END)
    row = _row(overview, Measure.CONFIDENCE, world.boroughs["a"])
    assert row.current is None and row.vs_force is None and row.vs_group is None
    assert _row(overview, Measure.CONFIDENCE, world.boroughs["b"]).vs_year_ago is None
    assert overview.support_visits() == []


def test_a_configured_comparison_group_replaces_the_default(world):
    a, b = world.boroughs["a"], world.boroughs["b"]
    assert comparison_groups([a, b]) == {a.id: OTHER, b.id: OTHER}
    ComparisonMembershipFactory(borough=a, group__name="Solo")
    assert comparison_groups([a, b]) == {a.id: "Solo", b.id: OTHER}
    a_declining_borough_a(world)
    overview = performance_overview(boroughs=Borough.objects.all(), end=END)
    assert _row(overview, Measure.CONFIDENCE, a).vs_group is None  # alone in its group


def test_the_default_groups_are_inner_and_outer_london():
    assert default_group("E09000028") == INNER_LONDON  # Southwark
    assert default_group("E09000025") == INNER_LONDON  # Newham, inner for statistics
    assert default_group("E09000011") == OUTER_LONDON  # Greenwich, outer for statistics
    assert default_group("E09000003") == OUTER_LONDON  # Barnet
    assert default_group("W06000015") == OTHER


def test_the_quarters_surveyed_are_listed_in_order(world):
    a_declining_borough_a(world)
    quarters = survey_quarters()
    assert quarters[0] == FinancialQuarter(2009, 1) and quarters[-1] == END and len(quarters) == 8


def test_a_borough_trend_has_each_quarter_with_its_interval_rolling_year_and_force(world):
    a_declining_borough_a(world)
    trends = {t.measure: t for t in borough_trends(borough=world.boroughs["a"])}
    points = trends[Measure.CONFIDENCE].points
    assert [p.quarter for p in points][-4:] == LAST_YEAR
    assert points[0].rolling is None  # the first three quarters have no full year behind them
    assert points[3].rolling.estimate == pytest.approx(0.60)
    assert points[-1].rolling.estimate == pytest.approx(0.45)
    assert points[-1].force.estimate == pytest.approx(0.525)
    assert points[-1].interval.low < 0.45 < points[-1].interval.high
    assert trends[Measure.UNDERSTAND_ISSUES].points == []


def test_no_results_give_an_empty_overview(world):
    overview = performance_overview(boroughs=Borough.objects.all(), end=None)
    assert overview.measures == [] and overview.support_visits() == []
