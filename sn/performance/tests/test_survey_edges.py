"""Survey comparisons at the edges on the pages' data (issue 8, item 7): the settings, a borough with
too few respondents to compare, the flags and downloads that say why there is no flag, and the demo
force whose flags must not move."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django.test import override_settings

from sn.geography.models import Borough, Force
from sn.performance import stats
from sn.performance.demo import seed_survey
from sn.performance.models import Measure
from sn.performance.presentation import OVERVIEW_HEADERS, overview_rows
from sn.performance.quarters import FinancialQuarter
from sn.performance.selectors import Comparison, performance_overview
from sn.performance.stats import Counts, confidence_interval
from sn.performance.tests.helpers import END, LAST_YEAR, YEAR_BEFORE, add_results

pytestmark = pytest.mark.django_db


def _row(overview, measure, borough):
    return next(
        r for m in overview.measures if m.measure == measure for r in m.rows if r.borough.id == borough.id
    )


def a_tiny_borough_a(world) -> None:
    """Borough A: 20 respondents a quarter (80 a year), far below borough B on confidence."""
    add_results(world.boroughs["a"], "confidence", YEAR_BEFORE + LAST_YEAR, 0.20, sample=20)
    add_results(world.boroughs["b"], "confidence", YEAR_BEFORE, 0.60)
    add_results(world.boroughs["b"], "confidence", LAST_YEAR, 0.70)


def _flag(comparison, kind="force") -> str:
    template = Template("{% load performance_tags %}{% flag comparison kind %}")
    return template.render(Context({"comparison": comparison, "kind": kind}))


def test_the_survey_settings_have_their_defaults():
    assert settings.SN_SURVEY_DESIGN_EFFECT == 1.0
    assert settings.SN_SURVEY_MIN_SAMPLE == 100
    assert settings.SN_SURVEY_MIN_EXPECTED == 5
    assert settings.SN_SURVEY_MIN_SAMPLE_PER_ROW == 2


def test_a_borough_with_too_few_respondents_is_too_few_to_compare_every_way(world):
    a_tiny_borough_a(world)
    row = _row(performance_overview(boroughs=Borough.objects.all(), end=END), Measure.CONFIDENCE,
               world.boroughs["a"])  # fmt: skip
    assert row.current.sample == 80
    for comparison in (row.vs_force, row.vs_group, row.vs_year_ago):
        assert comparison.direction is stats.Direction.TOO_FEW
        assert comparison.test.method is stats.Method.NOT_TESTED
        assert "80" in comparison.test.reason and "100" in comparison.test.reason


def test_a_borough_with_too_few_respondents_is_not_sent_a_support_visit(world):
    a_tiny_borough_a(world)
    assert performance_overview(boroughs=Borough.objects.all(), end=END).support_visits() == []


@override_settings(SN_SURVEY_MIN_SAMPLE=50)
def test_the_minimum_sample_is_a_setting(world):
    a_tiny_borough_a(world)
    overview = performance_overview(boroughs=Borough.objects.all(), end=END)
    row = _row(overview, Measure.CONFIDENCE, world.boroughs["a"])
    assert row.vs_force.direction is stats.Direction.WORSE
    assert [v.borough for v in overview.support_visits()] == [world.boroughs["a"]]


def test_the_design_effect_setting_widens_every_interval_and_comparison(world):
    a_tiny_borough_a(world)
    b = world.boroughs["b"]
    plain = _row(performance_overview(boroughs=Borough.objects.all(), end=END), Measure.CONFIDENCE, b)
    with override_settings(SN_SURVEY_DESIGN_EFFECT=1.53):
        weighted = _row(performance_overview(boroughs=Borough.objects.all(), end=END), Measure.CONFIDENCE, b)
    expected = confidence_interval(Counts(1400, 2000), design_effect=1.53)
    assert (weighted.current.low, weighted.current.high) == (expected.low, expected.high)
    assert weighted.current.half_width > plain.current.half_width
    assert weighted.vs_year_ago.test.standard_error == pytest.approx(
        plain.vs_year_ago.test.standard_error * 1.53**0.5
    )


@pytest.mark.parametrize("design_effect", [0, -1.0])
def test_a_design_effect_that_is_not_positive_is_refused(world, design_effect):
    a_tiny_borough_a(world)
    with override_settings(SN_SURVEY_DESIGN_EFFECT=design_effect), pytest.raises(ImproperlyConfigured):
        performance_overview(boroughs=Borough.objects.all(), end=END)


def test_a_borough_where_everyone_feels_safe_has_an_interval_below_100_percent(world):
    add_results(world.boroughs["a"], "safe-day", LAST_YEAR, 1.0)
    add_results(world.boroughs["b"], "safe-day", LAST_YEAR, 0.97)
    row = _row(performance_overview(boroughs=Borough.objects.all(), end=END), Measure.SAFE_DAY,
               world.boroughs["a"])  # fmt: skip
    # Wilson's lower bound at 100% is n / (n + z²): 2,000 of 2,000 still leaves room for 99.81%.
    assert row.current.high == 1.0
    assert row.current.low == pytest.approx(2000 / (2000 + stats.Z_95**2))
    assert row.vs_force.test.method is stats.Method.FISHER  # everyone answered the same


def test_the_flag_says_too_few_responses_and_why(world):
    a_tiny_borough_a(world)
    row = _row(performance_overview(boroughs=Borough.objects.all(), end=END), Measure.CONFIDENCE,
               world.boroughs["a"])  # fmt: skip
    html = _flag(row.vs_force)
    assert "Too few responses to compare" in html and "govuk-tag--grey" in html
    assert "80" in html and "100" in html
    assert "Better" not in html and "Worse" not in html and "No difference" not in html
    assert "Too few responses to compare" in _flag(row.vs_year_ago, "year")


def test_a_flag_from_the_exact_test_names_it():
    result = stats.difference_test(Counts(100, 100), Counts(95, 100))
    comparison = Comparison(
        against="the force",
        other=confidence_interval(Counts(95, 100)),
        test=result,
        direction=result.direction(higher_is_better=True),
    )
    html = _flag(comparison)
    assert "No difference" in html
    assert "Fisher’s exact test" in html or "Fisher&#x27;s exact test" in html
    assert "2.5 answers of one kind expected" in html


def test_the_download_says_how_each_comparison_was_tested(world):
    a_tiny_borough_a(world)
    overview = performance_overview(boroughs=Borough.objects.all(), end=END)
    table = overview_rows(overview.measures[0].rows, END)
    rows = [dict(zip(OVERVIEW_HEADERS, r, strict=True)) for r in table]
    tiny = next(r for r in rows if r["Borough"] == "Borough A")
    assert tiny["Against force"] == "too few responses to compare"
    assert tiny["How tested against force"].startswith("not tested: ")
    big = next(r for r in rows if r["Borough"] == "Borough B")
    assert big["How tested against a year earlier"] == "two-proportion z-test"


def test_the_demo_force_keeps_its_significant_changes_and_tests_everything_by_z():
    force = Force.objects.create(code="met", name="Metropolitan Police Service")
    for n in range(2, 34):
        Borough.objects.create(
            force=force, code=f"E090000{n:02d}", name=f"Borough {n}", boundary="{}", display_boundary="{}"
        )
    seed_survey(seed=2026)
    overview = performance_overview(boroughs=Borough.objects.all(), end=FinancialQuarter(2010, 4))
    by_measure = {m.measure: m for m in overview.measures}
    # Confidence rises to 66% and worry about ASB falls to 25%: both improvements, as before.
    assert by_measure[Measure.CONFIDENCE].force_year_ago.direction is stats.Direction.BETTER
    assert by_measure[Measure.WORRY_ASB].force_year_ago.direction is stats.Direction.BETTER
    comparisons = [
        c for m in overview.measures for r in m.rows for c in (r.vs_force, r.vs_group, r.vs_year_ago) if c
    ]
    assert len(comparisons) == 32 * 6 * 3
    assert {c.test.method for c in comparisons} == {stats.Method.Z_TEST}
    assert overview.support_visits()
