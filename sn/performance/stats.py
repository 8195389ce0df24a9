"""Survey statistics for the performance framework: estimates, 95% confidence intervals and
significance tests, following the method of HMIC's Appendix 3 (docs/how-to/survey-statistics.md).

Pure functions on counts, no Django:
- an estimate is positive / sample, pooled over quarters by adding the counts;
- its 95% confidence interval is the normal approximation p ± 1.96·√(p(1−p)/n), clipped to 0..1
  (the symmetric "plus or minus" interval of the appendix);
- two estimates differ significantly when |p₁ − p₂| > 1.96·√(se₁² + se₂²): the calculation "takes into
  account" both confidence intervals (an unpooled two-proportion z-test at 95%);
- whether a difference is better or worse depends on the measure: for worry about anti-social behaviour
  a lower figure is better.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

Z_95 = 1.959963984540054  # the two-sided 95% point of the standard normal distribution


class Direction(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SIMILAR = "similar"  # no significant difference


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

    def standard_error(self, design_effect: float = 1.0) -> float:
        p = self.estimate
        return math.sqrt(design_effect * p * (1 - p) / self.sample)


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

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2


def confidence_interval(counts: Counts, *, z: float = Z_95, design_effect: float = 1.0) -> Interval:
    """The normal-approximation interval p ± z·se, clipped to 0..1."""
    p = counts.estimate
    margin = z * counts.standard_error(design_effect)
    return Interval(estimate=p, low=max(0.0, p - margin), high=min(1.0, p + margin), sample=counts.sample)


@dataclass(frozen=True)
class Difference:
    """a − b, with its standard error, z statistic, two-sided p-value and whether it is significant."""

    difference: float
    standard_error: float
    z: float
    p_value: float
    significant: bool

    def direction(self, *, higher_is_better: bool) -> Direction:
        if not self.significant:
            return Direction.SIMILAR
        better = self.difference > 0 if higher_is_better else self.difference < 0
        return Direction.BETTER if better else Direction.WORSE


def difference_test(a: Counts, b: Counts, *, z: float = Z_95, design_effect: float = 1.0) -> Difference:
    """Two independent samples: is a's proportion different from b's at the level z stands for?

    The standard error of the difference is √(se_a² + se_b²) (each from its own proportion), so the
    test is significant exactly when the difference exceeds √(h_a² + h_b²), h being the half-widths of
    the two confidence intervals. Two samples with no spread at all (both 0% or both 100%) have a zero
    standard error: any difference between them is then taken as significant, none as not.
    """
    difference = a.estimate - b.estimate
    se = math.sqrt(a.standard_error(design_effect) ** 2 + b.standard_error(design_effect) ** 2)
    if se == 0:
        statistic = 0.0 if difference == 0 else math.copysign(math.inf, difference)
    else:
        statistic = difference / se
    p_value = math.erfc(abs(statistic) / math.sqrt(2))
    return Difference(
        difference=difference,
        standard_error=se,
        z=statistic,
        p_value=p_value,
        significant=abs(statistic) > z,
    )


def part_versus_whole(
    part: Counts, whole: Counts, *, z: float = Z_95, design_effect: float = 1.0
) -> Difference:
    """A borough against the force it is part of.

    The borough's respondents are also in the force estimate, so the two are not independent samples.
    With p_F pooled from counts, p_b − p_F = (1 − w)(p_b − p_R), where R is the rest of the force and
    w = n_b / n_F; the factor (1 − w) is fixed, so the test of p_b − p_F is exactly the independent
    test of the borough against the rest of the force. The difference reported is p_b − p_F (what the
    page shows) with the standard error scaled by the same factor; z and p-value are those of the test
    against the rest.
    """
    rest = whole - part
    if rest.sample == 0:
        raise ValueError("the part is the whole: nothing to compare with")
    against_rest = difference_test(part, rest, z=z, design_effect=design_effect)
    factor = 1 - part.sample / whole.sample
    return Difference(
        difference=part.estimate - whole.estimate,
        standard_error=against_rest.standard_error * factor,
        z=against_rest.z,
        p_value=against_rest.p_value,
        significant=against_rest.significant,
    )
