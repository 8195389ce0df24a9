"""Survey results made to order for tests."""

from sn.performance.models import SurveyResult
from sn.performance.quarters import FinancialQuarter

LAST_YEAR = [FinancialQuarter(2010, n) for n in (1, 2, 3, 4)]
YEAR_BEFORE = [FinancialQuarter(2009, n) for n in (1, 2, 3, 4)]
END = FinancialQuarter(2010, 4)


def add_results(borough, measure: str, quarters, share: float, sample: int = 500) -> None:
    for quarter in quarters:
        SurveyResult.objects.create(
            borough=borough,
            quarter_start=quarter.start,
            measure=measure,
            sample_size=sample,
            positive=round(share * sample),
        )


def a_declining_borough_a(world) -> None:
    """Borough A: confidence falls from 60% to 45% and worry about ASB stays at 30%; borough B holds
    confidence at 60% and its worry falls from 30% to 20%. Both are seen as safe by day (97%)."""
    a, b = world.boroughs["a"], world.boroughs["b"]
    add_results(a, "confidence", YEAR_BEFORE, 0.60)
    add_results(a, "confidence", LAST_YEAR, 0.45)
    add_results(b, "confidence", YEAR_BEFORE + LAST_YEAR, 0.60)
    add_results(a, "worry-asb", YEAR_BEFORE + LAST_YEAR, 0.30)
    add_results(b, "worry-asb", YEAR_BEFORE, 0.30)
    add_results(b, "worry-asb", LAST_YEAR, 0.20)
    add_results(a, "safe-day", YEAR_BEFORE + LAST_YEAR, 0.97)
    add_results(b, "safe-day", YEAR_BEFORE + LAST_YEAR, 0.97)
