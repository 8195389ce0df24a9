"""The demo's modelled figures after the real data ends, and the assessments computed from them: labelled
as not real, deterministic, no real figure changed, a case's effect visible in its ward's counts."""

from datetime import date

import pytest

from sn.core.months import month_span
from sn.crime.coverage import period_coverage
from sn.incidents.models import IncidentMonthly
from sn.incidents.rollup import counts_load
from sn.problemsolving.demo_counts import MODELLED_LABEL, demo_assessments_create, modelled_counts_load
from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.tests.factories import case_for_ward

pytestmark = pytest.mark.django_db

REAL = month_span(date(2023, 12, 1), 12)
TODAY = date(2024, 9, 15)
MODELLED = month_span(date(2024, 8, 1), 8)  # January to August 2024
CATEGORIES = ("burglary", "robbery")


def load_real(world):
    counts = [
        (ward.pk, month, category, 40 if category == "burglary" else 10)
        for ward in world.wards.values()
        for month in REAL
        for category in CATEGORIES
    ]
    counts_load(counts=counts, cells={(m, c) for m in REAL for c in CATEGORIES}, label="Real counts")


def rows():
    return set(IncidentMonthly.objects.values_list("neighbourhood_id", "month", "category", "count"))


def test_every_month_to_last_month_is_modelled_labelled_and_real_figures_are_untouched(world):
    load_real(world)
    real = rows()

    summary = modelled_counts_load(seed=7, today=TODAY, effects={})

    assert "2024-01..2024-08" in summary
    assert {r for r in rows() if r[1] in REAL} == real
    coverage = period_coverage(MODELLED)
    assert not coverage.gaps(CATEGORIES)
    assert [use.label for use in coverage.sources] == [MODELLED_LABEL]
    burglary = [r[3] for r in rows() if r[1] in MODELLED and r[2] == "burglary"]
    assert 30 < sum(burglary) / len(burglary) < 50  # around the real year's 40 a month


def test_the_figures_are_the_same_for_a_seed_and_replaced_on_a_second_run(world):
    load_real(world)
    modelled_counts_load(seed=7, today=TODAY)
    first = rows()

    modelled_counts_load(seed=7, today=TODAY)

    assert rows() == first


def test_an_effect_lowers_a_wards_counts_from_its_month_and_the_assessment_finds_it(world):
    load_real(world)
    a1 = world.wards["a1"]
    effects = {(a1.pk, "burglary"): [(date(2024, 3, 1), 0.3)]}
    modelled_counts_load(seed=7, today=TODAY, effects=effects)
    after = IncidentMonthly.objects.filter(neighbourhood=a1, category="burglary", month__gte=date(2024, 3, 1))
    assert sum(after.values_list("count", flat=True)) < 0.5 * 40 * 6

    case = case_for_ward(
        a1, owner=world.officers["pc_a"], response_started_on=date(2024, 3, 5), category_codes=",burglary,"
    )
    unstarted = case_for_ward(world.wards["a2"], owner=world.officers["pc_a"])
    created = demo_assessments_create(cases=[case, unstarted], seed=7, today=TODAY)

    assert created == 1
    assessment = Assessment.objects.get(case=case)
    assert (assessment.before_start, assessment.after_start) == (date(2023, 9, 1), date(2024, 4, 1))
    assert assessment.after_end == date(2024, 8, 1)
    assert assessment.outcome in ("resolved", "reduced") and assessment.figures["significant"]
    assert assessment.evidence and assessment.figures["sentence"].startswith(f"Burglary in {a1.name} fell")
    assert {row["name"] for row in assessment.displacement} == {w.name for w in a1.neighbours.all()}
    assert not Assessment.objects.filter(case__stage=Case.Stage.SCANNING, case=unstarted).exists()
