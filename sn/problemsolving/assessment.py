"""Did the response work? The difference-in-differences ratio of a case's counts against the rest of its
borough, with an exact interval and test, and the words that say it. Pure functions on counts: no
Django, no database (sn.problemsolving.services.assessment reads the counts and stores what this says).

The comparison. With a = the case's area and b = the rest of the borough, and counts before and after
the response,

    R = (a_after / a_before) / (b_after / b_before)

is how much more (R > 1) or less (R < 1) the area changed than the borough around it: the borough's
change stands for what would have happened anyway (seasons, recording changes, a city-wide trend).
The periods need not be the same length: the length ratio multiplies both changes and cancels.

Why the exact conditional method, not a log-normal (Wald) interval. R is the odds ratio of the 2x2
table [[a_after, a_before], [b_after, b_before]]. If the four counts are independent Poisson, the table
conditioned on its margins is Fisher's noncentral hypergeometric with odds R, whatever the four
rates: so Fisher's exact test (of R = 1), the conditional maximum-likelihood estimate of R and the
exact (Cornfield) interval are exact at any size. A case's area is often a few streets with a handful
of incidents a month, where the Wald interval's normal approximation is poor, and a zero (no burglary
at all after the response) makes log R infinite so Wald needs an arbitrary 0.5 added to every cell.
The exact method needs no fix: with a zero the interval is simply one-sided (0 to an upper bound).
It is R's fisher.test and scipy's fisher_exact with odds_ratio(kind="conditional"), which the tests
check this against. Its assumption to keep in mind: crime counts are more variable than Poisson
(repeat victims, one busy weekend), so the interval is, if anything, too narrow; the figures inform
the team's judgement, they do not replace it.

Written with numpy and math.lgamma rather than scipy, which is a test dependency only: the support of
the distribution is at most the area's total count, so the sums are short.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

CONFIDENCE = 0.95
SIGNIFICANCE_LEVEL = 0.05
# Outcomes within this relative distance of the observed one's probability count as "as extreme" in
# the two-sided test (as R's fisher.test does), so that rounding never drops an exact tie.
_TIE = 1 + 1e-7
_THETA_LIMIT = 50.0  # log odds beyond which an estimate or bound is as good as 0 or infinity


@dataclass(frozen=True)
class Comparison:
    """The area's counts and the rest's before and after, and what the exact method makes of them.

    `ratio` is R as counted (infinite when the area had none before); `estimate` the conditional
    maximum-likelihood estimate; `lower`/`upper` the exact interval (upper None: unbounded). All four
    and `p_value` are None when there is nothing to compare: the area or the rest had no incidents in
    either period, or there were none after (or none before) anywhere."""

    area_before: int
    area_after: int
    rest_before: int
    rest_after: int
    ratio: float | None
    estimate: float | None
    lower: float | None
    upper: float | None
    p_value: float | None
    confidence: float = CONFIDENCE

    @property
    def comparable(self) -> bool:
        return self.p_value is not None

    @property
    def significant(self) -> bool:
        return self.comparable and self.p_value < SIGNIFICANCE_LEVEL

    @property
    def direction(self) -> str:
        """ "down", "up" or "same": the area against the rest, whatever the significance."""
        if self.ratio is None or self.ratio == 1:
            return "same"
        return "down" if self.ratio < 1 else "up"

    def as_dict(self) -> dict:
        """JSON-safe (an unbounded ratio or upper bound is None, with `ratio_unbounded`)."""
        unbounded = self.ratio is not None and math.isinf(self.ratio)
        return {
            "area_before": self.area_before,
            "area_after": self.area_after,
            "rest_before": self.rest_before,
            "rest_after": self.rest_after,
            "ratio": None if unbounded else self.ratio,
            "ratio_unbounded": unbounded,
            "estimate": None if self.estimate is None or math.isinf(self.estimate) else self.estimate,
            "lower": self.lower,
            "upper": self.upper,
            "p_value": self.p_value,
            "confidence": self.confidence,
            "significant": self.significant,
            "direction": self.direction,
        }


class _FisherNoncentral:
    """The first cell x of a 2x2 table with row totals m, n and first column total k, given its margins:
    P(x) proportional to C(m, x) C(n, k - x) psi^x over max(0, k - n) <= x <= min(k, m)."""

    def __init__(self, m: int, n: int, k: int):
        self.low, self.high = max(0, k - n), min(k, m)
        self.support = np.arange(self.low, self.high + 1, dtype=float)
        x = self.support[:-1]
        # log C(m, x) + log C(n, k - x), built by ratios of successive terms from the first one, which
        # is exact enough for sums of a few thousand terms and avoids an lgamma per term.
        steps = np.log((m - x) / (x + 1)) + np.log((k - x) / (n - k + x + 1))
        first = _log_choose(m, self.low) + _log_choose(n, k - self.low)
        self.log_base = first + np.concatenate(([0.0], np.cumsum(steps)))

    def pmf(self, theta: float) -> np.ndarray:
        """Probabilities over the support for log odds `theta`."""
        log_weights = self.log_base + self.support * theta
        weights = np.exp(log_weights - log_weights.max())
        return weights / weights.sum()

    def mean(self, theta: float) -> float:
        return float(self.support @ self.pmf(theta))

    def at_least(self, x: int, theta: float) -> float:
        return float(self.pmf(theta)[x - self.low :].sum())

    def at_most(self, x: int, theta: float) -> float:
        return float(self.pmf(theta)[: x - self.low + 1].sum())


def _log_choose(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def _solve_increasing(f: Callable[[float], float], target: float, guess: float) -> float:
    """theta with f(theta) = target, for f increasing in theta: a bracket grown from `guess`, then
    regula falsi (Illinois), which converges in a dozen steps where bisection takes fifty."""
    step = 1.0
    low, high = guess - step, guess + step
    f_low, f_high = f(low) - target, f(high) - target
    while f_low > 0:
        if low < -_THETA_LIMIT:
            return -math.inf
        step *= 2
        high, f_high = low, f_low
        low = guess - step
        f_low = f(low) - target
    while f_high < 0:
        if high > _THETA_LIMIT:
            return math.inf
        step *= 2
        low, f_low = high, f_high
        high = guess + step
        f_high = f(high) - target
    side = 0
    for _ in range(200):
        if f_high == f_low:
            break
        middle = (low * f_high - high * f_low) / (f_high - f_low)
        f_middle = f(middle) - target
        if abs(f_middle) < 1e-13 or high - low < 1e-12:
            return middle
        if f_middle < 0:
            low, f_low = middle, f_middle
            if side == -1:
                f_high /= 2
            side = -1
        else:
            high, f_high = middle, f_middle
            if side == 1:
                f_low /= 2
            side = 1
    return (low + high) / 2


def _odds(theta: float) -> float:
    return math.exp(theta) if abs(theta) < 700 else (0.0 if theta < 0 else math.inf)


def fisher_exact_p(table: tuple[tuple[int, int], tuple[int, int]]) -> float:
    """Two-sided p-value of Fisher's exact test of a 2x2 table: the probability, given the margins and
    an odds ratio of 1, of every table no more likely than the one observed. 1 when a row or column
    total is 0."""
    (a, b), (c, d) = table
    if min(a, b, c, d) < 0:
        raise ValueError("counts cannot be negative")
    if 0 in (a + b, c + d, a + c, b + d):
        return 1.0
    distribution = _FisherNoncentral(a + b, c + d, a + c)
    probabilities = distribution.pmf(0.0)
    observed = probabilities[a - distribution.low]
    return min(1.0, float(probabilities[probabilities <= observed * _TIE].sum()))


def did_compare(
    *,
    area_before: int,
    area_after: int,
    rest_before: int,
    rest_after: int,
    confidence: float = CONFIDENCE,
    interval: bool = True,
) -> Comparison:
    """The difference-in-differences ratio of the area against the rest, its conditional estimate,
    exact interval and two-sided p-value (see the module's docstring). With `interval` False only the
    ratio and the test (the displacement check's table shows no more, and the solves are most of the
    work)."""
    counts = (area_before, area_after, rest_before, rest_after)
    if min(counts) < 0:
        raise ValueError("counts cannot be negative")
    if not 0 < confidence < 1:
        raise ValueError("the confidence level is a share between 0 and 1")
    if 0 in (area_before + area_after, rest_before + rest_after, area_after + rest_after):
        return Comparison(*counts, None, None, None, None, None, confidence)
    if area_before + rest_before == 0:
        return Comparison(*counts, None, None, None, None, None, confidence)
    denominator = area_before * rest_after
    ratio = area_after * rest_before / denominator if denominator else math.inf
    p_value = fisher_exact_p(((area_after, area_before), (rest_after, rest_before)))
    if not interval:
        return Comparison(*counts, ratio, None, None, None, p_value, confidence)
    m, n, k = area_after + area_before, rest_after + rest_before, area_after + rest_after
    distribution = _FisherNoncentral(m, n, k)
    x = area_after
    # A start near the answer: log R as counted, kept finite when a cell is zero.
    guess = math.log((area_after + 0.5) * (rest_before + 0.5) / ((area_before + 0.5) * (rest_after + 0.5)))
    alpha = (1 - confidence) / 2
    if x == distribution.low:
        estimate, lower = 0.0, 0.0
    else:
        estimate = _odds(_solve_increasing(distribution.mean, x, guess))
        lower = _odds(_solve_increasing(lambda t: distribution.at_least(x, t), alpha, guess))
    if x == distribution.high:
        estimate, upper = math.inf, None
    else:
        upper_odds = _odds(_solve_increasing(lambda t: -distribution.at_most(x, t), -alpha, guess))
        upper = None if math.isinf(upper_odds) else upper_odds
    return Comparison(*counts, ratio, estimate, lower, upper, p_value, confidence)


def _number(value: float) -> str:
    return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def chance_words(p_value: float) -> str:
    """How often chance alone would give a difference this large, in words."""
    for bound, words in ((0.001, "1,000"), (0.01, "100"), (0.05, "20")):
        if p_value < bound:
            return f"a change this large would happen by chance less than 1 time in {words}"
    if p_value > 0.5:
        return "chance alone gives a difference this large more often than not: no evidence of a change"
    return (
        f"a change this large would happen by chance about 1 time in {round(1 / p_value)}, "
        "so it is not clear evidence of a real change"
    )


def interval_words(comparison: Comparison) -> str:
    if comparison.lower is None:
        return "no interval computed"
    level = f"{comparison.confidence:.0%}"
    if comparison.upper is None:
        return f"{level} interval {_number(comparison.lower)} upwards"
    return f"{level} interval {_number(comparison.lower)} to {_number(comparison.upper)}"


def comparison_sentence(comparison: Comparison, *, what: str, area: str, rest: str) -> str:
    """The comparison in plain words, e.g. "Burglary in the case's area fell by 31% more than in the
    rest of Camden (ratio 0.69, 95% interval 0.52 to 0.91); a change this large would happen by chance
    less than 1 time in 100." `what` names the categories, `area` the case's place and `rest` the
    comparison ("the rest of Camden")."""
    c = comparison
    if not c.comparable:
        if c.area_before + c.area_after == 0:
            return f"No {what.lower()} was recorded in {area} in either period: there is nothing to compare."
        return f"{what} cannot be compared with {rest}: {rest} had none in one of the periods."
    meanwhile = f"while {rest} went from {c.rest_before:,} to {c.rest_after:,}"
    if c.area_after == 0:
        change = f"fell from {c.area_before:,} to none, {meanwhile}"
        figures = interval_words(c) if c.lower is not None else "ratio 0"
    elif c.area_before == 0:
        change = f"rose from none to {c.area_after:,}, {meanwhile}"
        figures = interval_words(c) if c.lower is not None else "no count before"
    else:
        percent = round(abs(1 - c.ratio) * 100)
        if percent == 0:
            change = f"changed in step with {rest}"
        elif c.ratio < 1:
            change = f"fell by {percent}% more than in {rest}"
        else:
            change = f"rose by {percent}% more than in {rest}"
        figures = f"ratio {_number(c.ratio)}" + (f", {interval_words(c)}" if c.lower is not None else "")
    return f"{what} in {area} {change} ({figures}); {chance_words(c.p_value)}."


def counts_sentence(comparison: Comparison, *, area: str, rest: str) -> str:
    """The four counts behind the ratio, so that a reader can check it."""
    c = comparison
    return (
        f"Before the response: {c.area_before:,} in {area}, {c.rest_before:,} in {rest}; "
        f"after: {c.area_after:,} and {c.rest_after:,}."
    )


@dataclass(frozen=True)
class NeighbourCheck:
    """A neighbouring ward against the rest of the borough (without the case's area or itself).
    `checked` is how many neighbours were tested together: a rise counts as significant below
    SIGNIFICANCE_LEVEL / checked (Bonferroni), since with six neighbours one of them would "rise
    significantly" by chance about one time in four."""

    key: int
    name: str
    comparison: Comparison
    checked: int = 1

    @property
    def displaced_into(self) -> bool:
        """A rise beyond chance, allowing for the wards checked: where the problem may have moved."""
        c = self.comparison
        return c.comparable and c.direction == "up" and c.p_value < SIGNIFICANCE_LEVEL / max(self.checked, 1)

    def as_dict(self) -> dict:
        return {"id": self.key, "name": self.name, **self.comparison.as_dict(), "rise": self.displaced_into}


def displacement_check(
    neighbours: list[tuple[int, str, int, int, int, int]], *, confidence: float = CONFIDENCE
) -> list[NeighbourCheck]:
    """Each neighbour, given as (id, name, before, after, rest before, rest after), compared as the case's
    area is; the rest excludes the case's area and that neighbour (the caller counts it so)."""
    return [
        NeighbourCheck(
            key,
            name,
            did_compare(
                area_before=before,
                area_after=after,
                rest_before=rest_before,
                rest_after=rest_after,
                confidence=confidence,
                interval=False,
            ),
            len(neighbours),
        )
        for key, name, before, after, rest_before, rest_after in neighbours
    ]


RESOLVED_BELOW = 0.5  # a fall to half of what the borough's trend implies, or less


def suggested_outcome(comparison: Comparison, neighbours: list[NeighbourCheck]) -> str:
    """What the figures alone suggest ("resolved", "reduced", "displaced", "no_change"): a significant
    fall is "reduced", or "resolved" when the ratio is at most RESOLVED_BELOW, or "displaced" when a
    neighbour rose significantly meanwhile. The team records its own judgement beside this."""
    if not (comparison.significant and comparison.direction == "down"):
        return "no_change"
    if any(n.displaced_into for n in neighbours):
        return "displaced"
    return "resolved" if comparison.ratio <= RESOLVED_BELOW else "reduced"
