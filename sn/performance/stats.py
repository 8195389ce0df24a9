"""Survey statistics for the performance framework: estimates, 95% confidence intervals and
significance tests, following the method of HMIC's Appendix 3 (docs/how-to/survey-statistics.md).

Pure functions on counts, no Django:
- an estimate is positive / sample, pooled over quarters by adding the counts;
- its 95% confidence interval is the Wilson score interval on the effective sample n / design effect,
  which keeps a width at 0% and 100% and stays within 0..1;
- two estimates are compared only when each has at least a minimum number of respondents (else "too
  few responses to compare"); they then differ significantly when an unpooled two-proportion z-test
  says so at 95% (the calculation "takes into account" both samples' spread), or, where an expected
  count under the pooled proportion is below 5 or a sample is unanimous, when Fisher's exact test does;
- whether a difference is better or worse depends on the measure: for worry about anti-social behaviour
  a lower figure is better.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

Z_95 = 1.959963984540054  # the two-sided 95% point of the standard normal distribution


class Direction(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SIMILAR = "similar"  # no significant difference
    TOO_FEW = "too few responses to compare"  # not tested, so neither better, worse nor similar


class Method(StrEnum):
    Z_TEST = "two-proportion z-test"
    FISHER = "Fisher's exact test"
    NOT_TESTED = "not tested"


@dataclass(frozen=True)
class Counts:
    """Survey answers: `positive` of `sample` respondents gave the answer the measure counts."""

    positive: int
    sample: int

    def __post_init__(self) -> None:
        if self.sample < 0 or self.positive < 0 or self.positive > self.sample:
            raise ValueError(f"impossible counts: {self.positive} of {self.sample}")

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(self.positive + other.positive, self.sample + other.sample)

    def __sub__(self, other: "Counts") -> "Counts":
        return Counts(self.positive - other.positive, self.sample - other.sample)

    @property
    def estimate(self) -> float:
        if self.sample == 0:
            raise ValueError("no respondents: there is no estimate")
        return self.positive / self.sample

    @property
    def unanimous(self) -> bool:
        return self.positive in (0, self.sample)

    def standard_error(self, design_effect: float = 1.0) -> float:
        p = self.estimate
        return math.sqrt(design_effect * p * (1 - p) / self.sample)

    def effective(self, design_effect: float) -> "Counts":
        """The counts a simple random sample as informative would have had: both divided by the design
        effect and rounded, for the exact test, which needs whole numbers."""
        if design_effect == 1.0:
            return self
        sample = max(1, round(self.sample / design_effect))
        return Counts(min(sample, round(self.positive / design_effect)), sample)


def _check_design_effect(design_effect: float) -> None:
    if not design_effect > 0:
        raise ValueError(f"a design effect must be positive, not {design_effect!r}")


def pooled(counts: Iterable[Counts]) -> Counts:
    """Several quarters (or boroughs) as one sample: add the respondents and the positive answers.
    Each quarter then weighs by its sample size, as one rolling survey would."""
    total = Counts(0, 0)
    for c in counts:
        total = total + c
    return total


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float
    sample: int
    effective_sample: float

    @property
    def half_width(self) -> float:
        # The Wilson interval leans towards 50%, so this is the average of the margins below and above.
        return (self.high - self.low) / 2


def confidence_interval(counts: Counts, *, z: float = Z_95, design_effect: float = 1.0) -> Interval:
    """The Wilson score interval on the effective sample n / design_effect.

    Unlike p ± z·se it never collapses to a point at 0% or 100% (where se is zero) and needs no clipping:
    it is every proportion the z-test would not reject, given what was seen.
    """
    _check_design_effect(design_effect)
    p = counts.estimate
    n = counts.sample / design_effect
    z2n = z * z / n
    centre = (p + z2n / 2) / (1 + z2n)
    margin = z * math.sqrt(p * (1 - p) / n + z2n / (4 * n)) / (1 + z2n)
    # At 0% and 100% the bound on that side is exactly the estimate; rounding error must not move it.
    low = 0.0 if counts.positive == 0 else min(p, max(0.0, centre - margin))
    high = 1.0 if counts.positive == counts.sample else max(p, min(1.0, centre + margin))
    return Interval(estimate=p, low=low, high=high, sample=counts.sample, effective_sample=n)


@dataclass(frozen=True)
class SampleRule:
    """When two samples may be compared at all, and when the z-test's normal approximation is trusted.

    min_sample is policy: a flag on fewer respondents would be too fragile to send a support visit on.
    min_expected is statistics: the usual condition for the normal approximation, below which the
    exact test is used instead.
    """

    min_sample: int = 1
    min_expected: float = 5.0


@dataclass(frozen=True)
class Difference:
    """a − b, with how it was tested and why, and the answer.

    `standard_error` is the z-test's (each sample's own spread, design effect applied); `z` is set only
    when the z-test decided, `p_value` whenever a test was made. `reason` says why the z-test was not
    used, or why nothing was tested; it is empty for the ordinary z-test.
    """

    difference: float
    standard_error: float
    z: float | None
    p_value: float | None
    significant: bool
    method: Method
    reason: str = ""

    def direction(self, *, higher_is_better: bool) -> Direction:
        if self.method is Method.NOT_TESTED:
            return Direction.TOO_FEW
        if not self.significant:
            return Direction.SIMILAR
        better = self.difference > 0 if higher_is_better else self.difference < 0
        return Direction.BETTER if better else Direction.WORSE


def fisher_exact_p(a: Counts, b: Counts) -> float:
    """The two-sided p-value of Fisher's exact test on the 2×2 table of a's and b's answers.

    Given both samples' sizes and the total of positive answers, the number in a is hypergeometric; the
    p-value sums the chances of every table no likelier than the one seen (R's fisher.test and scipy's
    method). Whole-number arithmetic makes "no likelier" exact, so the answer is the same whichever way
    round the samples or the answers are put.
    """
    margin = a.positive + b.positive
    if margin > (a.sample + b.sample) / 2:
        # The same test on the other answer, with fewer tables to sum.
        a, b = Counts(a.sample - a.positive, a.sample), Counts(b.sample - b.positive, b.sample)
        margin = a.positive + b.positive
    first, last = max(0, margin - b.sample), min(a.sample, margin)
    # C(n_a, k)·C(n_b, margin − k) for each k, each from the one before: the next is a whole number,
    # so the division is exact, and far cheaper than two binomial coefficients per table.
    weight = math.comb(a.sample, first) * math.comb(b.sample, margin - first)
    weights = []
    for k in range(first, last + 1):
        weights.append(weight)
        weight = weight * (a.sample - k) * (margin - k) // ((k + 1) * (b.sample - margin + k + 1))
    seen = weights[a.positive - first]
    no_likelier = sum(w for w in weights if w <= seen)
    return min(1.0, no_likelier / math.comb(a.sample + b.sample, margin))


def _smallest_expected(a: Counts, b: Counts) -> float:
    pooled_p = (a.positive + b.positive) / (a.sample + b.sample)
    return min(c.sample * q for c in (a, b) for q in (pooled_p, 1 - pooled_p))


def difference_test(
    a: Counts, b: Counts, *, z: float = Z_95, design_effect: float = 1.0, rule: SampleRule = SampleRule()
) -> Difference:
    """Two independent samples: is a's proportion different from b's at the level z stands for?

    Below rule.min_sample respondents on either side nothing is tested. Otherwise the z-test's standard
    error of the difference is √(se_a² + se_b²), each from its own proportion, so the test is significant
    exactly when the difference exceeds the two samples' normal-approximation margins combined in
    quadrature. That approximation fails where few answers of one kind are expected (under the pooled
    proportion, on the effective samples) or where a sample is unanimous and so has no spread to work
    from: there Fisher's exact test, on the effective counts, decides instead.
    """
    _check_design_effect(design_effect)
    difference = a.estimate - b.estimate
    se = math.sqrt(a.standard_error(design_effect) ** 2 + b.standard_error(design_effect) ** 2)
    if min(a.sample, b.sample) < rule.min_sample:
        reason = f"{a.sample:,} and {b.sample:,} respondents; each side needs at least {rule.min_sample:,}"
        return Difference(difference, se, None, None, False, Method.NOT_TESTED, reason)
    effective_a, effective_b = a.effective(design_effect), b.effective(design_effect)
    smallest = _smallest_expected(effective_a, effective_b)
    if smallest < rule.min_expected or a.unanimous or b.unanimous:
        if smallest < rule.min_expected:
            reason = (
                f"{smallest:.1f} answers of one kind expected in a sample, fewer than {rule.min_expected:g}"
            )
        else:
            reason = "every answer in one sample was the same"
        p_value = fisher_exact_p(effective_a, effective_b)
        alpha = math.erfc(z / math.sqrt(2))
        return Difference(difference, se, None, p_value, p_value < alpha, Method.FISHER, reason)
    statistic = difference / se
    p_value = math.erfc(abs(statistic) / math.sqrt(2))
    return Difference(difference, se, statistic, p_value, abs(statistic) > z, Method.Z_TEST)


def part_versus_whole(
    part: Counts,
    whole: Counts,
    *,
    z: float = Z_95,
    design_effect: float = 1.0,
    rule: SampleRule = SampleRule(),
) -> Difference:
    """A borough against the force it is part of.

    The borough's respondents are also in the force estimate, so the two are not independent samples.
    With p_F pooled from counts, p_b − p_F = (1 − w)(p_b − p_R), where R is the rest of the force and
    w = n_b / n_F; the factor (1 − w) is fixed, so the test of p_b − p_F is exactly the independent
    test of the borough against the rest of the force. The difference reported is p_b − p_F (what the
    page shows) with the standard error scaled by the same factor; the method, z and p-value are those
    of the test against the rest.
    """
    rest = whole - part
    if rest.sample == 0:
        raise ValueError("the part is the whole: nothing to compare with")
    against_rest = difference_test(part, rest, z=z, design_effect=design_effect, rule=rule)
    factor = 1 - part.sample / whole.sample
    return replace(
        against_rest,
        difference=part.estimate - whole.estimate,
        standard_error=against_rest.standard_error * factor,
    )
