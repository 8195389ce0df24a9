"""Demo survey results: six measures for every borough, each quarter from 2006/07 to 2010/11.

The force's figures follow the seed documents: confidence in local police 56% in 2006/07 and 2007/08
(54% in Q1 and 58% in Q2 of 2007/08, "4% up on quarter 1") rising to 66% in 2010/11; feeling safe by
day 96% then 97%; after dark 74% then 72%; police understand the issues 61% then 64%; police deal
with what matters 60% then 62%; worry about anti-social behaviour 36% then 40%, falling to 25% by
2010/11. Between those the path is invented but plausible.

About 22,000 people are interviewed a year across London (seed 001, para 47): some 172 per borough a
quarter, so each borough-quarter draws 150-195 respondents, and a measure loses a few to "don't know".
Boroughs spread around the force (a general strength and a per-measure twist); a few are clearly weaker
and two decline over the last year, so the support list is not empty. Each quarter the boroughs are
re-centred so that the force figure is the seed's whatever the random draws: the same seed gives the
same results.
"""

import math
import random
from collections.abc import Sequence

from sn.geography.models import Borough
from sn.performance.grouping import INNER_LONDON, default_group
from sn.performance.importing import SurveyRow
from sn.performance.models import Measure, SurveyResult
from sn.performance.quarters import FinancialQuarter
from sn.performance.services import survey_results_save

FIRST_YEAR, LAST_YEAR = 2006, 2010
# Force figures (%) per financial year starting in 2006..2010.
ANCHORS: dict[Measure, tuple[float, ...]] = {
    Measure.CONFIDENCE: (56, 56, 59, 63, 66),
    Measure.SAFE_DAY: (96, 97, 97, 97, 97.5),
    Measure.SAFE_AFTER_DARK: (74, 72, 73, 75, 76),
    Measure.UNDERSTAND_ISSUES: (61, 64, 66, 68, 70),
    Measure.DEALING_WITH_ISSUES: (60, 62, 64, 66, 68),
    Measure.WORRY_ASB: (36, 40, 35, 30, 25),
}
# 2007/08 by quarter: confidence was 54% in Q1 and 58% in Q2 (seed 003), 56% for the year.
QUARTER_OVERRIDES = {
    (Measure.CONFIDENCE, FinancialQuarter(2007, 1)): 54,
    (Measure.CONFIDENCE, FinancialQuarter(2007, 2)): 58,
    (Measure.CONFIDENCE, FinancialQuarter(2007, 3)): 56,
    (Measure.CONFIDENCE, FinancialQuarter(2007, 4)): 56,
}
INNER_LONDON_SHIFT = {Measure.SAFE_AFTER_DARK: -3.0, Measure.WORRY_ASB: 3.0}
DECLINE_MEASURES = frozenset(set(Measure) - {Measure.SAFE_DAY})
SPREAD = 1.8  # percentage points of a borough's general strength (one standard deviation, at p = 0.5)


def quarters() -> list[FinancialQuarter]:
    return [FinancialQuarter(y, n) for y in range(FIRST_YEAR, LAST_YEAR + 1) for n in (1, 2, 3, 4)]


def force_target(measure: Measure, quarter: FinancialQuarter) -> float:
    """The force figure (0..1) for a quarter: the year's anchor, tilted towards the neighbouring years
    so that the four quarters still average to the anchor."""
    if (measure, quarter) in QUARTER_OVERRIDES:
        return QUARTER_OVERRIDES[(measure, quarter)] / 100
    anchors = ANCHORS[measure]
    i = quarter.year - FIRST_YEAR
    before, after = anchors[max(i - 1, 0)], anchors[min(i + 1, len(anchors) - 1)]
    slope = (after - before) / (8 if 0 < i < len(anchors) - 1 else 4)
    return (anchors[i] + slope * (quarter.number - 2.5)) / 100


def _scale(p: float) -> float:
    return math.sqrt(p * (1 - p)) / 0.5  # spreads shrink near 0% and 100%


def demo_results(boroughs: Sequence[tuple[int, str]], *, seed: int) -> list[SurveyRow]:
    """Results for (borough id, GSS code) pairs: pure, the same for the same seed."""
    rng = random.Random(seed)
    ids = [pk for pk, _ in boroughs]
    strength = {pk: rng.gauss(0, 1) for pk in ids}
    shuffled = rng.sample(ids, len(ids))
    weaker = shuffled[: round(len(ids) * 3 / 32)]
    declining = shuffled[len(weaker) : len(weaker) + round(len(ids) * 2 / 32)]
    for pk in weaker:
        strength[pk] = -4.0
    inner = {pk for pk, code in boroughs if default_group(code) == INNER_LONDON}
    twist = {(pk, m): rng.gauss(0, 0.5) for pk in ids for m in Measure}
    all_quarters = quarters()
    rows: list[SurveyRow] = []
    for qi, quarter in enumerate(all_quarters):
        base = {pk: rng.randint(150, 195) for pk in ids}
        decline_step = max(0, qi - (len(all_quarters) - 6))  # the last five quarters slide
        for measure in Measure:
            target = force_target(measure, quarter)
            sign = 1 if measure.higher_is_better else -1
            n = {pk: base[pk] - rng.randint(0, 8) for pk in ids}
            p = {}
            for pk in ids:
                points = SPREAD * (strength[pk] + twist[(pk, measure)]) * sign
                points += INNER_LONDON_SHIFT.get(measure, 0.0) if pk in inner else 0.0
                if pk in declining and measure in DECLINE_MEASURES:
                    points -= 2.4 * decline_step * sign
                noise = rng.gauss(0, math.sqrt(target * (1 - target) / n[pk]))
                p[pk] = target + points / 100 * _scale(target) + noise
            # Re-centre so that the force (all boroughs pooled) is the target.
            mean = sum(p[pk] * n[pk] for pk in ids) / sum(n.values())
            for pk in ids:
                share = min(0.995, max(0.005, p[pk] + target - mean))
                rows.append(SurveyRow(0, pk, quarter, measure.value, n[pk], round(share * n[pk])))
    return rows


def seed_survey(*, seed: int) -> int:
    """Demo survey results for every borough in the database; returns how many were created.
    Re-running with the same seed changes nothing."""
    boroughs = list(Borough.objects.order_by("code").values_list("id", "code"))
    if not boroughs:
        return 0
    rows = demo_results(boroughs, seed=seed)
    return survey_results_save(rows=rows, source=f"demo survey (seed {seed})").created


def survey_is_empty() -> bool:
    return not SurveyResult.objects.exists()
