import pytest
from django.core.management import call_command

from sn.geography.models import Borough, Force
from sn.performance.demo import demo_results, seed_survey
from sn.performance.models import Measure, SurveyResult
from sn.performance.quarters import FinancialQuarter
from sn.performance.selectors import performance_overview
from sn.performance.stats import Counts, pooled

LONDON = [(n, f"E090000{n:02d}") for n in range(2, 34)]  # the 32 boroughs the Met polices


def _force_year(rows, measure: Measure, year: int) -> float:
    chosen = [
        Counts(r.positive, r.sample_size) for r in rows if r.measure == measure and r.quarter.year == year
    ]
    return pooled(chosen).estimate


@pytest.mark.parametrize("seed", [1, 2026])
def test_the_force_figures_are_the_seed_documents(seed):
    rows = demo_results(LONDON, seed=seed)
    assert len(rows) == 32 * 6 * 20
    assert round(_force_year(rows, Measure.CONFIDENCE, 2007) * 100) == 56
    assert round(_force_year(rows, Measure.CONFIDENCE, 2010) * 100) == 66
    assert round(_force_year(rows, Measure.WORRY_ASB, 2007) * 100) == 40
    assert round(_force_year(rows, Measure.WORRY_ASB, 2010) * 100) == 25
    assert round(_force_year(rows, Measure.SAFE_DAY, 2007) * 100) == 97
    assert round(_force_year(rows, Measure.SAFE_AFTER_DARK, 2007) * 100) == 72
    assert round(_force_year(rows, Measure.UNDERSTAND_ISSUES, 2007) * 100) == 64
    assert round(_force_year(rows, Measure.DEALING_WITH_ISSUES, 2007) * 100) == 62
    q2 = [
        Counts(r.positive, r.sample_size)
        for r in rows
        if r.measure == "confidence" and r.quarter == FinancialQuarter(2007, 2)
    ]
    assert round(pooled(q2).estimate * 100) == 58  # "58% ... 4% up on quarter 1"


def test_samples_are_the_size_of_the_real_survey():
    rows = demo_results(LONDON, seed=7)
    assert all(140 <= r.sample_size <= 195 and 0 <= r.positive <= r.sample_size for r in rows)
    per_year = sum(r.sample_size for r in rows if r.measure == "confidence" and r.quarter.year == 2008)
    assert 20_000 <= per_year <= 24_000  # "22,000 people across London annually"


def test_the_same_seed_gives_the_same_results_and_another_seed_others():
    assert demo_results(LONDON, seed=5) == demo_results(LONDON, seed=5)
    assert demo_results(LONDON, seed=5) != demo_results(LONDON, seed=6)


def test_boroughs_spread_around_the_force():
    rows = demo_results(LONDON, seed=3)
    latest = {r.borough_id: r.positive / r.sample_size for r in rows
              if r.measure == "confidence" and r.quarter.year == 2010}  # fmt: skip
    assert max(latest.values()) - min(latest.values()) > 0.10


@pytest.mark.django_db
def test_seeding_fills_every_borough_and_leaves_some_for_support_visits():
    force = Force.objects.create(code="met", name="Metropolitan Police Service")
    for n, code in LONDON:
        Borough.objects.create(
            force=force, code=code, name=f"Borough {n}", boundary="{}", display_boundary="{}"
        )
    assert seed_survey(seed=2026) == 32 * 6 * 20
    assert seed_survey(seed=2026) == 0  # nothing new the second time
    overview = performance_overview(boroughs=Borough.objects.all(), end=FinancialQuarter(2010, 4))
    visits = overview.support_visits()
    assert 2 <= len(visits) <= 16
    assert any("a year earlier" in reason for v in visits for reason in v.reasons)


@pytest.mark.django_db
def test_the_seed_command_does_nothing_when_results_exist_and_asked_if_empty(world, capsys):
    call_command("seed-survey", "--seed", "4")
    assert SurveyResult.objects.count() == 2 * 6 * 20
    assert "240 survey results created" in capsys.readouterr().out
    call_command("seed-survey", "--if-empty")
    assert "already loaded" in capsys.readouterr().out
    assert SurveyResult.objects.count() == 240
