"""Crime and ASB profiles of a ward, a cluster or a borough: stage 1 of the seven-stage cycle reads these.

A profile covers the `months` months ending with `end_month` (default: the latest month with data):
the monthly series per police.uk category (zero-filled), the change on the same months a year
earlier per category and in total, tested with the exact conditional binomial test for two Poisson
counts over equal exposure (sn.crime.stats), the top categories, and the top locations (police.uk's
anonymised "On or near ..." points). Counts come from the IncidentMonthly rollup in one query;
only the top locations read Incident rows, which hold the location.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum

from sn.core.months import add_months, month_span, span_words
from sn.crime.coverage import PeriodCoverage, period_coverage
from sn.crime.demand import per_thousand
from sn.crime.months import default_end_month
from sn.crime.stats import CountChange, count_change
from sn.geography.models import Borough, Cluster, Neighbourhood
from sn.incidents.categories import TNO_CATEGORIES, Category
from sn.incidents.models import Incident, IncidentMonthly

TOP_LOCATIONS = 10
ASB = Category.ANTI_SOCIAL_BEHAVIOUR.value


@dataclass(frozen=True)
class CategorySeries:
    """One category over the profile's months, and its change on the same months a year earlier."""

    category: str
    label: str
    monthly: tuple[int, ...]
    change: CountChange

    @property
    def total(self) -> int:
        return self.change.current


@dataclass(frozen=True)
class LocationCount:
    location: str
    count: int
    area: str = ""  # the ward, on a borough profile (one street name can lie in several wards)


@dataclass(frozen=True, kw_only=True)
class CrimeProfile:
    """What a ward or borough profile shows; `categories` follow police.uk's order."""

    name: str
    code: str
    population: int | None
    months: list[date]
    categories: list[CategorySeries]
    top_locations: list[LocationCount]
    coverage: PeriodCoverage | None = None  # both periods': what is missing, where figures come from

    @property
    def start_month(self) -> date:
        return self.months[0]

    @property
    def end_month(self) -> date:
        return self.months[-1]

    def _sum_changes(self, categories) -> CountChange:
        return combined_change([c for c in self.categories if c.category in categories])

    @property
    def gaps(self) -> list[tuple[date, list[str]]]:
        """The months of this period or the year before that lack some category, with their labels."""
        if self.coverage is None:
            return []
        labels = dict(Category.choices)
        found = self.coverage.gaps(Category.values)
        return [(month, [labels[c] for c in lacking]) for month, lacking in found.items()]

    @property
    def gap_notes(self) -> list[str]:
        """Each run of incomplete months in words: "no burglary figures for December 2021", "no figures
        for January to November 2021" (consecutive months lacking the same categories go together)."""
        runs: list[tuple[date, date, list[str]]] = []
        for month, labels in self.gaps:
            if runs and runs[-1][2] == labels and add_months(runs[-1][1], 1) == month:
                runs[-1] = (runs[-1][0], month, labels)
            else:
                runs.append((month, month, labels))
        notes = []
        for first, last, labels in runs:
            every = len(labels) == len(Category.values)
            what = "no figures" if every else f"no {', '.join(labels).lower()} figures"
            notes.append(f"{what} for {span_words(first, last)}")
        return notes

    @property
    def sources(self) -> list[str]:
        """Where the period's figures come from, one line per source, largest first."""
        if self.coverage is None:
            return []
        labels = dict(Category.choices)
        lines = []
        for use in self.coverage.sources:
            span = f"{use.months[0]:%b %Y}" + (f" to {use.months[-1]:%b %Y}" if len(use.months) > 1 else "")
            what = (
                "every category"
                if len(use.categories) == len(Category.values)
                else ", ".join(labels[c].lower() for c in use.categories)
            )
            lines.append(
                f"{use.label}: {what}, {span} ({len(use.months)} month{'s' if len(use.months) != 1 else ''})"
            )
        return lines

    @property
    def crime(self) -> CountChange:
        """Total notifiable offences (every category but ASB) against a year earlier."""
        return self._sum_changes(TNO_CATEGORIES)

    @property
    def asb(self) -> CountChange:
        return self._sum_changes((ASB,))

    @property
    def total(self) -> CountChange:
        return self._sum_changes(Category.values)

    @property
    def crime_rate(self) -> float | None:
        """Crimes per 1,000 residents over the period."""
        return per_thousand(self.crime.current, self.population)

    def monthly_totals(self, categories=None) -> list[int]:
        """Per month, the sum over `categories` (default: all)."""
        rows = [c for c in self.categories if categories is None or c.category in categories]
        return [sum(c.monthly[i] for c in rows) for i in range(len(self.months))]

    @property
    def monthly_crime(self) -> list[int]:
        return self.monthly_totals(TNO_CATEGORIES)

    @property
    def monthly_asb(self) -> list[int]:
        return self.monthly_totals((ASB,))

    @property
    def monthly_all(self) -> list[int]:
        return self.monthly_totals()

    def top_categories(self, count: int = 5) -> list[tuple[CategorySeries, float]]:
        """The busiest categories with their share of all incidents, largest first (ties by name)."""
        total = self.total.current
        ranked = sorted((c for c in self.categories if c.total), key=lambda c: (-c.total, c.label))
        return [(c, c.total / total) for c in ranked[:count]]

    @property
    def has_data(self) -> bool:
        return any(c.change.current or c.change.previous for c in self.categories)


@dataclass(frozen=True, kw_only=True)
class WardProfile(CrimeProfile):
    neighbourhood: Neighbourhood


@dataclass(frozen=True, kw_only=True)
class BoroughProfile(CrimeProfile):
    borough: Borough


@dataclass(frozen=True, kw_only=True)
class ClusterProfile(CrimeProfile):
    cluster: Cluster


def combined_change(series: list[CategorySeries]) -> CountChange:
    """The change of several categories together: complete only when each of them is."""
    return count_change(
        sum(s.change.current for s in series),
        sum(s.change.previous for s in series),
        missing=[m for s in series for m in s.change.missing],
    )


def _period(end_month: date | None, months: int) -> tuple[list[date], list[date]]:
    if months < 1:
        raise ValueError("a profile covers at least one month")
    current = month_span(end_month or default_end_month(), months)
    return current, [add_months(m, -12) for m in current]


def _categories(
    area: Q, current: list[date], previous: list[date], coverage: PeriodCoverage
) -> list[CategorySeries]:
    """Zero-filled monthly series per category and year-on-year changes, from one aggregate query. A
    category's change names the months of either period the data does not cover for it."""
    counts: dict[tuple[date, str], int] = defaultdict(int)
    rows = (
        IncidentMonthly.objects.filter(area, month__in=sorted({*current, *previous}))
        .values("month", "category")
        .annotate(n=Sum("count"))
        .order_by()
    )
    for row in rows:
        counts[row["month"], row["category"]] = row["n"]
    series = []
    for category, label in Category.choices:
        monthly = tuple(counts[m, category] for m in current)
        earlier = sum(counts[m, category] for m in previous)
        missing = coverage.missing((category,))
        series.append(CategorySeries(category, label, monthly, count_change(sum(monthly), earlier, missing)))
    return series


def _top_locations(
    area: Q, current: list[date], area_names: dict[int, str] | None = None
) -> list[LocationCount]:
    """The most frequent "On or near" locations over the period; with `area_names` ({neighbourhood id:
    name}), counted per ward and named, since one street name can lie in several wards. Grouped by id,
    not by name, so that the count needs no join."""
    fields = ["location", "neighbourhood_id"] if area_names is not None else ["location"]
    rows = (
        Incident.objects.filter(area, month__gte=current[0], month__lte=current[-1])
        .exclude(location="")
        .values(*fields)
        .annotate(n=Count("id"))
        .order_by("-n", *fields)[:TOP_LOCATIONS]
    )
    names = area_names or {}
    return [LocationCount(r["location"], r["n"], names.get(r.get("neighbourhood_id"), "")) for r in rows]


def ward_profile(
    neighbourhood: Neighbourhood, *, end_month: date | None = None, months: int = 12
) -> WardProfile:
    """The crime and ASB profile of one team area over `months` months ending with `end_month`
    (default: the latest month with data). Three queries: the coverage, the monthly rollup and the top
    locations."""
    current, previous = _period(end_month, months)
    area = Q(neighbourhood_id=neighbourhood.id)
    coverage = period_coverage([*previous, *current], ward=neighbourhood.is_ward)
    return WardProfile(
        name=neighbourhood.name,
        code=neighbourhood.code,
        population=neighbourhood.population,
        months=current,
        categories=_categories(area, current, previous, coverage),
        top_locations=_top_locations(area, current),
        coverage=coverage,
        neighbourhood=neighbourhood,
    )


def _group_profile(neighbourhoods, end_month: date | None, months: int) -> dict:
    """What a profile of several team areas together holds; the top locations name their ward. Four
    queries: the areas, the coverage, the monthly rollup, the top locations."""
    current, previous = _period(end_month, months)
    # The areas by id, so that both reads below use the (neighbourhood, month) indexes rather than
    # joining every month's rows of the force to the neighbourhood table.
    members = list(neighbourhoods.values_list("id", "name", "population"))
    area = Q(neighbourhood_id__in=[id_ for id_, _, _ in members])
    coverage = period_coverage([*previous, *current])
    return {
        "population": sum(p for _, _, p in members if p) or None,
        "months": current,
        "categories": _categories(area, current, previous, coverage),
        "top_locations": _top_locations(area, current, {id_: name for id_, name, _ in members}),
        "coverage": coverage,
    }


def borough_profile(borough: Borough, *, end_month: date | None = None, months: int = 12) -> BoroughProfile:
    """The crime and ASB profile of a borough (its wards together), like ward_profile. Non-ward areas
    are overlays on the wards: their incidents are already the wards', so they are not added again."""
    members = Neighbourhood.objects.filter(borough_id=borough.id, kind=Neighbourhood.Kind.WARD)
    return BoroughProfile(
        name=borough.name, code=borough.code, borough=borough, **_group_profile(members, end_month, months)
    )


def cluster_profile(cluster: Cluster, *, end_month: date | None = None, months: int = 12) -> ClusterProfile:
    """The crime and ASB profile of an inspector's cluster of wards, like borough_profile."""
    members = Neighbourhood.objects.filter(cluster_id=cluster.id, kind=Neighbourhood.Kind.WARD)
    return ClusterProfile(
        name=cluster.name, code=cluster.code, cluster=cluster, **_group_profile(members, end_month, months)
    )
