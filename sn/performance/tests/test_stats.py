"""The survey statistics: exact values on worked examples, and properties that must always hold."""

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from sn.performance.stats import (
    Z_95,
    Counts,
    Direction,
    Method,
    confidence_interval,
    difference_test,
    part_versus_whole,
    pooled,
)


def test_at_survey_sizes_the_interval_is_close_to_the_estimate_plus_or_minus_1_96_standard_errors():
    # The Wilson interval leans a little towards 50%, but at 1,000 respondents it is within a few
    # hundredths of a point of the normal approximation p ± 1.96·se the appendix describes.
    interval = confidence_interval(Counts(810, 1000))
    assert interval.estimate == pytest.approx(0.81)
    assert interval.half_width == pytest.approx(1.959964 * math.sqrt(0.81 * 0.19 / 1000), abs=5e-5)
    assert (interval.low, interval.high) == pytest.approx((0.784517, 0.833111), abs=1e-6)
    assert (interval.low, interval.high) == pytest.approx((0.785685, 0.834315), abs=1.5e-3)


def test_the_appendix_example_of_81_percent_of_1000_plus_or_minus_3_needs_its_design_effect():
    # Appendix 3: "81% from a sample of approximately 1,000 ... plus or minus 3". A simple random sample
    # gives ±2.4; the BCS weighting (a design effect of about 1.5) gives the ±3 quoted.
    assert round(confidence_interval(Counts(810, 1000)).half_width * 100, 1) == 2.4
    assert round(confidence_interval(Counts(810, 1000), design_effect=1.5).half_width * 100) == 3
    assert round(confidence_interval(Counts(810, 1000), design_effect=1.53).half_width * 100, 1) == 3.0


def test_about_four_points_separate_two_samples_of_1000_as_the_appendix_says():
    assert not difference_test(Counts(520, 1000), Counts(480, 1000)).significant  # 4.0 points
    assert difference_test(Counts(525, 1000), Counts(480, 1000)).significant  # 4.5 points


def test_the_difference_test_has_the_textbook_values():
    result = difference_test(Counts(580, 1000), Counts(520, 1000))
    se = math.sqrt(0.58 * 0.42 / 1000 + 0.52 * 0.48 / 1000)
    assert result.difference == pytest.approx(0.06)
    assert result.standard_error == pytest.approx(se)
    assert result.z == pytest.approx(0.06 / se)
    assert result.z == pytest.approx(2.7017, abs=1e-4)
    assert result.p_value == pytest.approx(0.0069, abs=1e-4)
    assert result.significant
    not_significant = difference_test(Counts(560, 1000), Counts(520, 1000))
    assert not_significant.z == pytest.approx(1.7961, abs=1e-4)
    assert not not_significant.significant


def test_a_borough_is_tested_against_the_rest_of_the_force_it_is_part_of():
    borough, force = Counts(60, 100), Counts(500, 1000)
    result = part_versus_whole(borough, force)
    against_rest = difference_test(borough, Counts(440, 900))
    assert result.difference == pytest.approx(0.60 - 0.50)
    assert result.z == pytest.approx(against_rest.z)
    assert result.significant == against_rest.significant
    assert result.standard_error == pytest.approx(against_rest.standard_error * 0.9)


def test_worry_about_asb_going_up_is_worse():
    rise = difference_test(Counts(450, 1000), Counts(350, 1000))
    assert rise.direction(higher_is_better=False) is Direction.WORSE
    assert rise.direction(higher_is_better=True) is Direction.BETTER


def test_pooling_adds_the_counts_of_each_quarter():
    assert pooled([Counts(50, 100), Counts(90, 200), Counts(0, 0)]) == Counts(140, 300)


def test_impossible_counts_are_refused():
    with pytest.raises(ValueError):
        Counts(11, 10)
    with pytest.raises(ValueError):
        Counts(-1, 10)
    with pytest.raises(ValueError):
        Counts(0, 0).estimate  # noqa: B018


def test_samples_with_no_spread_differ_significantly_only_if_they_differ():
    assert not difference_test(Counts(10, 10), Counts(20, 20)).significant
    assert difference_test(Counts(0, 10), Counts(20, 20)).significant


@st.composite
def counts(draw, min_sample=1, max_sample=5000):
    sample = draw(st.integers(min_sample, max_sample))
    return Counts(draw(st.integers(0, sample)), sample)


@given(counts())
def test_the_interval_contains_the_estimate_and_stays_within_0_and_1(c):
    interval = confidence_interval(c)
    assert 0 <= interval.low <= interval.estimate <= interval.high <= 1


@given(counts(max_sample=2000), st.integers(2, 50))
def test_the_interval_narrows_as_the_sample_grows(c, factor):
    bigger = Counts(c.positive * factor, c.sample * factor)
    small, large = confidence_interval(c), confidence_interval(bigger)
    assert large.estimate == pytest.approx(small.estimate)
    # Even at 0% and 100%: the interval no longer collapses to a point there.
    assert large.high - large.low < small.high - small.low


@given(counts(), counts())
def test_the_difference_test_is_symmetric(a, b):
    ab, ba = difference_test(a, b), difference_test(b, a)
    assert ab.difference == pytest.approx(-ba.difference)
    assert ab.method is ba.method
    assert (ab.z is None and ba.z is None) or ab.z == -ba.z
    assert ab.p_value == pytest.approx(ba.p_value)
    assert ab.significant == ba.significant


@given(counts(), counts(), st.booleans())
def test_better_one_way_is_worse_the_other(a, b, higher_is_better):
    forward = difference_test(a, b).direction(higher_is_better=higher_is_better)
    backward = difference_test(b, a).direction(higher_is_better=higher_is_better)
    flipped = difference_test(a, b).direction(higher_is_better=not higher_is_better)
    opposite = {Direction.BETTER: Direction.WORSE, Direction.WORSE: Direction.BETTER}
    opposite[Direction.SIMILAR] = Direction.SIMILAR
    assert backward is opposite[forward]
    assert flipped is opposite[forward]


@given(counts(), counts())
def test_a_significant_difference_exceeds_the_combined_margins(a, b):
    # The appendix: the test "takes into account" both confidence intervals. Where the z-test decides,
    # it is significant exactly when the difference exceeds the two normal-approximation margins
    # (1.96 standard errors each) combined in quadrature.
    result = difference_test(a, b)
    assume(result.method is Method.Z_TEST)
    combined = math.hypot(Z_95 * a.standard_error(), Z_95 * b.standard_error())
    assume(abs(abs(result.difference) - combined) > 1e-9)
    assert result.significant == (abs(result.difference) > combined)


@given(counts(max_sample=1000), counts(max_sample=5000))
def test_a_part_against_its_whole_is_the_part_against_the_rest(part, rest):
    whole = part + rest
    result = part_versus_whole(part, whole)
    against_rest = difference_test(part, rest)
    assert result.significant == against_rest.significant
    assert result.difference == pytest.approx((1 - part.sample / whole.sample) * against_rest.difference)
