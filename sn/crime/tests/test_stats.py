import math
from fractions import Fraction
from math import comb

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sn.crime.stats import count_change, poisson_counts_p_value


def exact_p(a: int, b: int) -> float:
    """The same test by exact rational arithmetic: an independent check for small counts."""
    n, k = a + b, min(a, b)
    if n == 0:
        return 1.0
    return float(min(Fraction(1), 2 * Fraction(sum(comb(n, i) for i in range(k + 1)), 2**n)))


def test_thirty_against_fifteen_is_significant_at_p_0_0357():
    # R: binom.test(30, 45)$p.value == poisson.test(c(30, 15))$p.value == 0.03569780
    assert poisson_counts_p_value(30, 15) == pytest.approx(0.0356978035551947, rel=1e-12)


def test_nothing_against_nothing_is_p_1():
    assert poisson_counts_p_value(0, 0) == 1.0


def test_five_against_none_is_two_halves_to_the_fifth():
    assert poisson_counts_p_value(5, 0) == pytest.approx(2 * 0.5**5)


def test_one_against_none_is_no_evidence():
    assert poisson_counts_p_value(1, 0) == 1.0


def test_large_counts_match_exact_arithmetic():
    assert poisson_counts_p_value(1000, 900) == pytest.approx(exact_p(1000, 900), rel=1e-9)
    assert poisson_counts_p_value(5000, 4800) == pytest.approx(0.04440414879984629, rel=1e-9)


def test_very_large_counts_neither_overflow_nor_lose_the_answer():
    assert poisson_counts_p_value(1_000_000, 1_000_000) == 1.0
    # Far in the tail the normal approximation (with continuity correction) is close to exact.
    z = (1_000_000 - 990_000 - 1) / math.sqrt(1_990_000)
    assert poisson_counts_p_value(1_000_000, 990_000) == pytest.approx(math.erfc(z / math.sqrt(2)), rel=0.05)
    assert 0.0 <= poisson_counts_p_value(10_000_000, 9_999_000) <= 1.0


def test_negative_counts_are_refused():
    with pytest.raises(ValueError, match="negative"):
        poisson_counts_p_value(-1, 3)


def test_count_change_reports_direction_percent_and_significance():
    change = count_change(30, 15)
    assert (change.change, change.percent_change, change.direction) == (15, 100.0, "up")
    assert change.significant
    assert count_change(0, 4).percent_change == -100.0
    assert count_change(4, 0).percent_change is None
    assert not count_change(12, 10).significant
    assert count_change(7, 7).direction == "same"


counts = st.integers(min_value=0, max_value=5000)


@given(counts, counts)
def test_p_is_a_probability(a, b):
    assert 0.0 <= poisson_counts_p_value(a, b) <= 1.0


@given(counts, counts)
def test_p_is_symmetric(a, b):
    assert poisson_counts_p_value(a, b) == poisson_counts_p_value(b, a)


@given(counts)
def test_equal_counts_are_never_significant(a):
    assert poisson_counts_p_value(a, a) == 1.0
    assert not count_change(a, a).significant


@given(st.integers(min_value=0, max_value=150), st.integers(min_value=0, max_value=150))
def test_p_matches_exact_rational_arithmetic(a, b):
    assert poisson_counts_p_value(a, b) == pytest.approx(exact_p(a, b), rel=1e-9, abs=1e-300)


@given(st.integers(min_value=0, max_value=2000), st.integers(min_value=0, max_value=2000))
def test_a_wider_gap_is_never_less_significant(a, b):
    low, high = sorted((a, b))
    assert poisson_counts_p_value(high + 1, low) <= poisson_counts_p_value(high, low) * (1 + 1e-9)
