"""The assessment's statistics against a reference implementation (scipy's fisher_exact and conditional
odds ratio), and on generated data with a planted effect: the interval covers the planted ratio about
95% of the time, and a big effect on large counts is found."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import fisher_exact
from scipy.stats.contingency import odds_ratio

from sn.problemsolving.assessment import (
    comparison_sentence,
    did_compare,
    displacement_check,
    fisher_exact_p,
    suggested_outcome,
)


def reference(area_before, area_after, rest_before, rest_after):
    table = [[area_after, area_before], [rest_after, rest_before]]
    conditional = odds_ratio(table, kind="conditional")
    interval = conditional.confidence_interval(0.95)
    return fisher_exact(table).pvalue, conditional.statistic, interval.low, interval.high


def close(ours, theirs, rel=1e-7):
    if ours is None:
        return math.isinf(theirs)
    if math.isinf(theirs) or math.isinf(ours):
        return ours == theirs
    return ours == pytest.approx(theirs, rel=rel, abs=1e-12)


def assert_matches_reference(area_before, area_after, rest_before, rest_after):
    ours = did_compare(
        area_before=area_before, area_after=area_after, rest_before=rest_before, rest_after=rest_after
    )
    p_value, estimate, low, high = reference(area_before, area_after, rest_before, rest_after)
    assert close(ours.p_value, p_value, rel=1e-6)
    assert close(ours.estimate, estimate)
    assert close(ours.lower, low, rel=1e-6)
    assert close(ours.upper, high, rel=1e-6)


def test_the_ratio_is_the_areas_change_over_the_rests():
    comparison = did_compare(area_before=50, area_after=30, rest_before=1000, rest_after=1200)

    assert comparison.ratio == pytest.approx((30 / 50) / (1200 / 1000))
    assert comparison.direction == "down"
    assert comparison.lower < comparison.estimate < comparison.upper


def test_counts_drawn_like_a_boroughs_match_scipy():
    rng = np.random.default_rng(2026)
    for _ in range(200):
        means = [rng.uniform(0, 80), rng.uniform(0, 80), rng.uniform(100, 5000), rng.uniform(100, 5000)]
        counts = [int(n) for n in rng.poisson(means)]
        if counts[0] + counts[1] == 0:
            continue
        assert_matches_reference(*counts)


@settings(deadline=None, max_examples=150)
@given(
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_small_tables_with_zeros_match_scipy(area_before, area_after, rest_before, rest_after):
    comparison = did_compare(
        area_before=area_before, area_after=area_after, rest_before=rest_before, rest_after=rest_after
    )
    if not comparison.comparable:
        # scipy gives nan for a table with an empty row or column: nothing to compare.
        assert 0 in (area_before + area_after, rest_before + rest_after, area_after + rest_after) or (
            area_before + rest_before == 0
        )
        return
    assert_matches_reference(area_before, area_after, rest_before, rest_after)


def test_fisher_p_value_is_one_for_an_empty_margin_and_matches_scipy_otherwise():
    assert fisher_exact_p(((0, 0), (3, 4))) == 1.0
    assert fisher_exact_p(((3, 1), (1, 3))) == pytest.approx(fisher_exact([[3, 1], [1, 3]]).pvalue)
    with pytest.raises(ValueError):
        fisher_exact_p(((-1, 0), (3, 4)))


def planted(rng, *, ratio, area_rate, rest_rate, rest_trend=1.1):
    """One draw of the four counts with the area's change `ratio` times the rest's."""
    return [
        int(n)
        for n in rng.poisson([area_rate, area_rate * rest_trend * ratio, rest_rate, rest_rate * rest_trend])
    ]


@pytest.mark.parametrize(("ratio", "area_rate"), [(0.7, 40), (1.0, 25), (1.5, 12)])
def test_the_interval_covers_a_planted_ratio_about_95_times_in_100(ratio, area_rate):
    rng = np.random.default_rng(17)
    draws = 600
    covered = 0
    for _ in range(draws):
        before, after, rest_before, rest_after = planted(
            rng, ratio=ratio, area_rate=area_rate, rest_rate=1500
        )
        c = did_compare(area_before=before, area_after=after, rest_before=rest_before, rest_after=rest_after)
        covered += c.lower <= ratio <= (c.upper if c.upper is not None else math.inf)
    # Exact intervals are conservative (at least 95%); 600 draws put the share within about 2 points.
    assert 0.93 <= covered / draws <= 0.995


def compared(draw):
    before, after, rest_before, rest_after = draw
    return did_compare(area_before=before, area_after=after, rest_before=rest_before, rest_after=rest_after)


def test_a_big_effect_on_large_counts_is_significant_and_no_effect_rarely_is():
    rng = np.random.default_rng(5)
    found = [compared(planted(rng, ratio=0.5, area_rate=150, rest_rate=3000)).p_value for _ in range(100)]
    assert all(p < 0.05 for p in found)
    assert sum(p < 0.001 for p in found) >= 90
    null = [compared(planted(rng, ratio=1.0, area_rate=60, rest_rate=3000)).significant for _ in range(400)]
    assert sum(null) / len(null) <= 0.07


def test_the_sentence_says_it_in_plain_words():
    comparison = did_compare(area_before=200, area_after=138, rest_before=3000, rest_after=3000)

    sentence = comparison_sentence(
        comparison, what="Burglary", area="the case's area", rest="the rest of Camden"
    )

    assert sentence.startswith(
        "Burglary in the case's area fell by 31% more than in the rest of Camden (ratio 0.69, 95% interval 0."
    )
    assert sentence.endswith("a change this large would happen by chance less than 1 time in 100.")


def test_a_rise_and_no_clear_change_are_said_as_such():
    rise = did_compare(area_before=20, area_after=26, rest_before=1000, rest_after=1000)
    sentence = comparison_sentence(rise, what="Robbery", area="Elm Street", rest="the rest of Camden")

    assert "Robbery in Elm Street rose by 30% more than in the rest of Camden (ratio 1.30" in sentence
    assert "not clear evidence of a real change" in sentence


def test_zero_counts_give_a_one_sided_interval_and_nothing_at_all_gives_no_comparison():
    none_after = did_compare(area_before=14, area_after=0, rest_before=900, rest_after=880)
    assert none_after.ratio == 0 and none_after.lower == 0 and none_after.upper < 1
    assert "fell from 14 to none" in comparison_sentence(none_after, what="Burglary", area="x", rest="y")

    none_before = did_compare(area_before=0, area_after=9, rest_before=900, rest_after=880)
    assert math.isinf(none_before.ratio) and none_before.upper is None and none_before.lower > 1
    assert none_before.as_dict()["ratio"] is None and none_before.as_dict()["ratio_unbounded"]
    assert "upwards" in comparison_sentence(none_before, what="Burglary", area="x", rest="y")

    nothing = did_compare(area_before=0, area_after=0, rest_before=900, rest_after=880)
    assert not nothing.comparable and not nothing.significant
    assert "nothing to compare" in comparison_sentence(nothing, what="Burglary", area="x", rest="y")


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        did_compare(area_before=-1, area_after=0, rest_before=1, rest_after=1)


def test_the_suggested_outcome_reads_the_area_and_its_neighbours():
    fell = did_compare(area_before=200, area_after=80, rest_before=3000, rest_after=3000)
    halved = did_compare(area_before=200, area_after=150, rest_before=3000, rest_after=3000)
    flat = did_compare(area_before=200, area_after=195, rest_before=3000, rest_after=3000)
    quiet = displacement_check([(1, "North", 100, 104, 2800, 2810)])
    rising = displacement_check([(1, "North", 100, 104, 2800, 2810), (2, "South", 80, 160, 2800, 2810)])

    assert suggested_outcome(fell, quiet) == "resolved"
    assert suggested_outcome(halved, quiet) == "reduced"
    assert suggested_outcome(flat, quiet) == "no_change"
    assert suggested_outcome(fell, rising) == "displaced"
    assert [n.displaced_into for n in rising] == [False, True]


def test_without_the_interval_the_ratio_and_test_are_the_same():
    full = did_compare(area_before=40, area_after=22, rest_before=900, rest_after=950)
    quick = did_compare(area_before=40, area_after=22, rest_before=900, rest_after=950, interval=False)

    assert (quick.ratio, quick.p_value) == (full.ratio, full.p_value)
    assert quick.lower is None and quick.upper is None and quick.estimate is None


def test_a_neighbours_rise_allows_for_the_number_of_wards_checked():
    # p is about 0.02: significant alone, not among five neighbours (0.05 / 5 = 0.01).
    alone = displacement_check([(1, "North", 30, 52, 2000, 2000)])
    among_five = displacement_check([(i, f"Ward {i}", 30, 52, 2000, 2000) for i in range(5)])

    assert 0.01 < alone[0].comparison.p_value < 0.05
    assert alone[0].displaced_into and not any(n.displaced_into for n in among_five)
