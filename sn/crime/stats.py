"""Is a change in a count more than chance? An exact test for two Poisson counts, in pure Python.

The test used throughout the crime profiles is the conditional binomial test (the exact test of
Przyborowski and Wilenski, 1940; R's `poisson.test(c(x1, x2))` and `binom.test(x1, x1 + x2)`): if
two periods of equal length have the same underlying rate, then given their total n = x1 + x2 the
count in the first period is Binomial(n, 1/2). The two-sided p-value is twice the smaller tail,
capped at 1 (with p = 1/2 the distribution is symmetric, so this equals summing every outcome no
more likely than the one observed).
"""

import math
from dataclasses import dataclass
from datetime import date

SIGNIFICANCE_LEVEL = 0.05
# Terms of a tail sum smaller than this share of the running total no longer change a double.
_NEGLIGIBLE = 1e-17


def _log_binomial_half(n: int, k: int) -> float:
    """log P(X = k) for X ~ Binomial(n, 1/2)."""
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) - n * math.log(2)


def _lower_tail_half(n: int, k: int) -> float:
    """P(X <= k) for X ~ Binomial(n, 1/2), k <= n / 2, exact to double precision.

    Summed from k downwards as multiples of P(X = k), using P(X = i - 1) = P(X = i) * i / (n - i + 1),
    so that large counts neither overflow factorials nor underflow 0.5 ** n; below the mode the terms
    shrink at least geometrically, so the loop stops early for large n.
    """
    if k < 0:
        return 0.0
    relative, term = 1.0, 1.0
    for i in range(k, 0, -1):
        term *= i / (n - i + 1)
        relative += term
        if term < relative * _NEGLIGIBLE:
            break
    log_tail = _log_binomial_half(n, k) + math.log(relative)
    return math.exp(log_tail) if log_tail > -745 else 0.0


def poisson_counts_p_value(current: int, previous: int) -> float:
    """Two-sided exact p-value that two counts over equal exposure come from the same Poisson rate.

    Conditional binomial test: given n = current + previous, current ~ Binomial(n, 1/2) under the null
    hypothesis; p = min(1, 2 * P(X <= min(current, previous))). 0 against 0 is p = 1 (no evidence of
    anything). Examples: 30 against 15 gives p = 0.0357; 10 against 10 gives p = 1.
    """
    if current < 0 or previous < 0:
        raise ValueError("counts cannot be negative")
    n = current + previous
    if n == 0 or current == previous:
        return 1.0
    return min(1.0, 2.0 * _lower_tail_half(n, min(current, previous)))


@dataclass(frozen=True)
class CountChange:
    """A count against the same period a year earlier, with the exact test of the change. `missing` are
    the months of either period that the data does not cover for what is counted: with any missing, the
    two counts are not like for like, so the change is shown but never called significant."""

    current: int
    previous: int
    p_value: float
    missing: tuple[date, ...] = ()

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def change(self) -> int:
        return self.current - self.previous

    @property
    def percent_change(self) -> float | None:
        """None when the earlier count was 0: a percentage of nothing means nothing."""
        return None if self.previous == 0 else 100.0 * self.change / self.previous

    @property
    def significant(self) -> bool:
        return self.complete and self.p_value < SIGNIFICANCE_LEVEL

    @property
    def direction(self) -> str:
        """ "up", "down" or "same", whatever the significance."""
        return "up" if self.change > 0 else "down" if self.change < 0 else "same"


def count_change(current: int, previous: int, missing=()) -> CountChange:
    return CountChange(
        current=current,
        previous=previous,
        p_value=poisson_counts_p_value(current, previous),
        missing=tuple(sorted(set(missing))),
    )
