"""Which months and categories the data covers, and from which source: what decides whether two periods
can be compared (sn.crime.stats.CountChange.missing) and what a page says about where figures come from.

Read from the explicit coverage record the loads keep (sn.incidents.models.Coverage), never guessed from
counts: a category with no incidents in a month is covered, a month nobody loaded is not.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sn.incidents.models import CountSource
from sn.incidents.rollup import winning_coverage


@dataclass(frozen=True)
class SourceUse:
    """One source as a period uses it: its label, and the months and categories it supplies."""

    label: str
    months: tuple[date, ...]
    categories: tuple[str, ...]


@dataclass(frozen=True)
class PeriodCoverage:
    months: tuple[date, ...]
    covered: frozenset[tuple[date, str]]
    sources: tuple[SourceUse, ...]

    def missing(self, categories) -> tuple[date, ...]:
        """The months of the period that lack any of `categories`."""
        return tuple(m for m in self.months if any((m, c) not in self.covered for c in categories))

    def gaps(self, categories) -> dict[date, list[str]]:
        """Month -> the categories of `categories` it lacks, for the months that lack any."""
        found: dict[date, list[str]] = {}
        for month in self.months:
            lacking = [c for c in categories if (month, c) not in self.covered]
            if lacking:
                found[month] = lacking
        return found


def period_coverage(months, *, ward: bool = True) -> PeriodCoverage:
    """What the data covers over `months`, and which source each month and category is counted from
    (the first of PRECEDENCE that covers it, as the rollup chooses). Counts-only figures are per ward:
    for a non-ward area (`ward` False) they cover nothing, since its share of them is unknown."""
    months = tuple(sorted(set(months)))
    winner = winning_coverage(list(months), exclude=() if ward else (CountSource.COUNTS.value,))
    uses: dict[str, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    for (month, category), record in winner.items():
        label = record.label or record.source
        uses[label][0].add(month)
        uses[label][1].add(category)
    sources = tuple(
        SourceUse(label, tuple(sorted(ms)), tuple(sorted(cs)))
        for label, (ms, cs) in sorted(uses.items(), key=lambda item: (-len(item[1][0]), item[0]))
    )
    return PeriodCoverage(months=months, covered=frozenset(winner), sources=sources)
