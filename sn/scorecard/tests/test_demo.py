"""The demo step: twelve months of snapshots, and the flag the demo build reads."""

import pytest

from sn.core.registries import SCORECARD_MEASURES, MeasureUnit, ScorecardMeasure
from sn.scorecard.demo import scorecard_demo_load, scorecard_demo_present
from sn.scorecard.models import ScorecardMonth

pytestmark = pytest.mark.django_db


def test_the_demo_builds_twelve_months_and_says_so(world):
    a1 = world.wards["a1"].pk
    entry = ScorecardMeasure(
        "t_demo", "Demo", "Counted", "Tests", MeasureUnit.COUNT, 1, lambda s, e: {a1: (3, 0)}
    )
    assert not scorecard_demo_present()
    with SCORECARD_MEASURES.isolated([entry]):
        summary = scorecard_demo_load(seed=1, progress=lambda *_: None)
    assert ScorecardMonth.objects.count() == 12
    assert "12 months" in summary and "(12 ward figures)" in summary
    assert scorecard_demo_present()
