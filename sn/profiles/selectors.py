"""Reads of the ward profile: the ward's demographic tables set against its borough and the force,
and what the team has recorded on its map.

A borough's or the force's figure is the sum over its wards that have the table (non-ward areas are
overlays, counted in the wards beneath: ADR 0005), so a comparison is always like with like: the same
measure, year and categories, summed over whole wards.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum

from sn.geography.models import Neighbourhood
from sn.profiles.demographics import (
    AGE,
    IMD_AREAS_IN_ENGLAND,
    IMD_AVERAGE_RANK,
    IMD_DECILE,
    IMD_OVERALL,
    SPECIAL_MEASURES,
    decile_label,
)
from sn.profiles.models import DemographicFigure, KeyLocation, RecurringEvent


def _share(part, whole) -> float | None:
    return float(part) / float(whole) if whole else None


def _ward_figures(neighbourhood: Neighbourhood, measure: str) -> list[DemographicFigure]:
    """The neighbourhood's figures of `measure` for the latest year it has, in table order."""
    figures = list(
        DemographicFigure.objects.filter(neighbourhood=neighbourhood, measure=measure).order_by(
            "-year", "position", "category"
        )
    )
    return [f for f in figures if f.year == figures[0].year] if figures else []


def _force_wards(neighbourhood: Neighbourhood):
    return Neighbourhood.objects.filter(
        kind=Neighbourhood.Kind.WARD, borough__force_id=neighbourhood.borough.force_id
    )


@dataclass
class Share:
    """One category of a table: the ward's figure and its share, beside the borough's and the force's."""

    category: str
    label: str
    ward: Decimal
    ward_share: float | None
    borough_share: float | None
    force_share: float | None


@dataclass
class AgeStructure:
    year: int
    source: str
    bands: list[Share]
    borough: str
    force: str
    borough_wards: int  # the borough's wards whose figures the borough's shares are summed from

    @property
    def total(self) -> int:
        return int(sum(b.ward for b in self.bands))

    def headline(self) -> str:
        """The band that sets the ward apart from its borough most, in words."""
        compared = [b for b in self.bands if b.ward_share is not None and b.borough_share is not None]
        if not compared:
            return ""
        largest = max(self.bands, key=lambda b: b.ward)
        apart = max(compared, key=lambda b: abs(b.ward_share - b.borough_share))
        text = f"The largest age group is {largest.label} ({largest.ward_share:.0%} of residents)."
        difference = apart.ward_share - apart.borough_share
        if abs(difference) >= 0.02:
            more = "more" if difference > 0 else "fewer"
            text += (
                f" Against {self.borough}, the ward has {more} people aged {apart.label}: "
                f"{apart.ward_share:.0%} against {apart.borough_share:.0%}."
            )
        else:
            text += f" Its age structure is close to {self.borough}'s."
        return text


def age_structure(neighbourhood: Neighbourhood) -> AgeStructure | None:
    figures = _ward_figures(neighbourhood, AGE)
    if not figures:
        return None
    year = figures[0].year
    wards = _force_wards(neighbourhood)
    sums = (
        DemographicFigure.objects.filter(measure=AGE, year=year, neighbourhood__in=wards)
        .values("neighbourhood__borough_id", "category")
        .annotate(total=Sum("value"))
    )
    borough: dict[str, Decimal] = defaultdict(Decimal)
    force: dict[str, Decimal] = defaultdict(Decimal)
    for row in sums:
        force[row["category"]] += row["total"]
        if row["neighbourhood__borough_id"] == neighbourhood.borough_id:
            borough[row["category"]] += row["total"]
    ward_total = sum(f.value for f in figures)
    borough_total, force_total = sum(borough.values()), sum(force.values())
    bands = [
        Share(
            category=f.category,
            label=f.category,
            ward=f.value,
            ward_share=_share(f.value, ward_total),
            borough_share=_share(borough.get(f.category, 0), borough_total),
            force_share=_share(force.get(f.category, 0), force_total),
        )
        for f in figures
    ]
    borough_wards = (
        DemographicFigure.objects.filter(measure=AGE, year=year, neighbourhood__in=wards)
        .filter(neighbourhood__borough_id=neighbourhood.borough_id)
        .values("neighbourhood_id")
        .distinct()
        .count()
    )
    return AgeStructure(
        year=year,
        source=figures[0].source,
        bands=bands,
        borough=neighbourhood.borough.name,
        force=neighbourhood.borough.force.name,
        borough_wards=borough_wards,
    )


@dataclass
class DomainRank:
    domain: str
    ward: float
    borough: float | None
    force: float | None


@dataclass
class Deprivation:
    year: int
    source: str
    deciles: list[Share]
    ranks: list[DomainRank]
    borough: str
    force: str

    @property
    def areas(self) -> int:
        return int(sum(d.ward for d in self.deciles))

    @property
    def most_deprived(self) -> int:
        """Small areas among the most deprived 20% in England (deciles 1 and 2)."""
        return self.count_in(1, 2)

    def count_in(self, *deciles: int) -> int:
        return int(sum(d.ward for d in self.deciles if d.category in {str(n) for n in deciles}))

    @property
    def overall(self) -> DomainRank | None:
        return next((r for r in self.ranks if r.domain == IMD_OVERALL), None)

    @property
    def most_deprived_domain(self) -> DomainRank | None:
        domains = [r for r in self.ranks if r.domain != IMD_OVERALL]
        return min(domains, key=lambda r: r.ward) if domains else None

    def summary(self) -> list[str]:
        """What the figures say, in words."""
        n = self.areas
        if not n:
            return []
        most, least = self.most_deprived, self.count_in(9, 10)
        lines = [
            f"Of the {n} small area{'s' if n != 1 else ''} (2011 LSOAs) whose population centre lies in "
            "the ward, "
            f"{most} {'is' if most == 1 else 'are'} among the 20% most deprived in England and {least} among "
            "the 20% least deprived."
        ]
        overall = self.overall
        if overall is not None:
            line = f"Their average rank is {overall.ward:,.0f} of {IMD_AREAS_IN_ENGLAND:,}"
            line += " (1 is the most deprived)"
            if overall.borough is not None:
                line += f", against {overall.borough:,.0f} across {self.borough}"
            lines.append(line + ".")
        worst = self.most_deprived_domain
        if worst is not None:
            lines.append(
                f"The ward is most deprived, relative to England, in {worst.domain.lower()} "
                f"(average rank {worst.ward:,.0f})."
            )
        return lines


def _by_borough(rows, borough_id: int, key: str, *fields: str) -> tuple[dict, dict]:
    """Sums per category of the force, and of one borough, from rows grouped by borough and category."""
    borough: dict[str, list] = defaultdict(lambda: [0] * len(fields))
    force: dict[str, list] = defaultdict(lambda: [0] * len(fields))
    for row in rows:
        for i, name in enumerate(fields):
            value = row[name] or 0
            force[row[key]][i] += value
            if row["neighbourhood__borough_id"] == borough_id:
                borough[row[key]][i] += value
    return borough, force


def _weighted_ranks(year: int, wards) -> list[dict]:
    """Each domain's summed rank and weight per borough, a ward's average rank weighing by its number
    of small areas, so that a borough's or the force's average is the mean over the areas themselves.
    Summed in the database: the force has some 700 wards of eight domains each."""
    areas = (
        DemographicFigure.objects.filter(
            measure=IMD_DECILE, year=year, neighbourhood=OuterRef("neighbourhood")
        )
        .values("neighbourhood")
        .annotate(n=Sum("value"))
        .values("n")
    )
    return list(
        DemographicFigure.objects.filter(measure=IMD_AVERAGE_RANK, year=year, neighbourhood__in=wards)
        .annotate(n=Subquery(areas))
        .values("neighbourhood__borough_id", "category")
        .annotate(weighted=Sum(F("value") * F("n")), weight=Sum("n"))
        .order_by()
    )


def _mean(sums: dict[str, list]) -> dict[str, float]:
    return {c: float(weighted) / float(weight) for c, (weighted, weight) in sums.items() if weight}


def deprivation(neighbourhood: Neighbourhood) -> Deprivation | None:
    deciles = _ward_figures(neighbourhood, IMD_DECILE)
    if not deciles:
        return None
    year = deciles[0].year
    ranks = [f for f in _ward_figures(neighbourhood, IMD_AVERAGE_RANK) if f.year == year]
    wards = _force_wards(neighbourhood)
    decile_rows = (
        DemographicFigure.objects.filter(measure=IMD_DECILE, year=year, neighbourhood__in=wards)
        .values("neighbourhood__borough_id", "category")
        .annotate(total=Sum("value"))
        .order_by()
    )
    borough_deciles, force_deciles = _by_borough(decile_rows, neighbourhood.borough_id, "category", "total")
    borough = {c: v[0] for c, v in borough_deciles.items()}
    force = {c: v[0] for c, v in force_deciles.items()}
    borough_sums, force_sums = _by_borough(
        _weighted_ranks(year, wards), neighbourhood.borough_id, "category", "weighted", "weight"
    )
    borough_ranks, force_ranks = _mean(borough_sums), _mean(force_sums)
    ward_total = sum(f.value for f in deciles)
    borough_total, force_total = sum(borough.values()), sum(force.values())
    return Deprivation(
        year=year,
        source=deciles[0].source,
        deciles=[
            Share(
                category=f.category,
                label=decile_label(int(f.category)) if f.category.isdigit() else f.category,
                ward=f.value,
                ward_share=_share(f.value, ward_total),
                borough_share=_share(borough.get(f.category, 0), borough_total),
                force_share=_share(force.get(f.category, 0), force_total),
            )
            for f in deciles
        ],
        ranks=[
            DomainRank(
                domain=f.category,
                ward=float(f.value),
                borough=borough_ranks.get(f.category),
                force=force_ranks.get(f.category),
            )
            for f in ranks
        ],
        borough=neighbourhood.borough.name,
        force=neighbourhood.borough.force.name,
    )


@dataclass
class FigureTable:
    """A table the force loaded that the profile has no special reading for."""

    measure: str
    year: int
    source: str
    rows: list[tuple[str, Decimal]] = field(default_factory=list)


def other_tables(neighbourhood: Neighbourhood) -> list[FigureTable]:
    tables: dict[tuple[str, int], FigureTable] = {}
    figures = (
        DemographicFigure.objects.filter(neighbourhood=neighbourhood)
        .exclude(measure__in=SPECIAL_MEASURES)
        .order_by("measure", "-year", "position", "category")
    )
    for f in figures:
        table = tables.setdefault((f.measure, f.year), FigureTable(f.measure, f.year, f.source))
        table.rows.append((f.category, f.value))
    return list(tables.values())


def key_locations(neighbourhood: Neighbourhood) -> list[KeyLocation]:
    return list(KeyLocation.objects.live().filter(neighbourhood=neighbourhood).order_by("kind", "name"))


def archived_places(neighbourhood: Neighbourhood) -> list[KeyLocation | RecurringEvent]:
    """What the team has archived, latest first: kept for the record, off the map and the profile."""
    places = [
        *KeyLocation.objects.archived().filter(neighbourhood=neighbourhood),
        *RecurringEvent.objects.archived().filter(neighbourhood=neighbourhood),
    ]
    return sorted(places, key=lambda p: p.archived_at, reverse=True)


def recurring_events(neighbourhood: Neighbourhood) -> list[RecurringEvent]:
    events = RecurringEvent.objects.live().filter(neighbourhood=neighbourhood)
    # Soonest first; one with no next date known comes last.
    return sorted(events, key=lambda e: (e.next_date is None, e.next_date or 0, e.name))


@dataclass(frozen=True)
class Headline:
    """The few figures the ward page's panel shows, from two queries whatever the ward holds."""

    age_year: int | None
    youngest: tuple[str, float | None] | None  # the first age band and its share of residents
    oldest: tuple[str, float | None] | None  # the last
    areas: int
    most_deprived: int
    imd_year: int | None
    key_locations: int
    recurring_events: int


def headline(neighbourhood: Neighbourhood) -> Headline:
    figures = list(
        DemographicFigure.objects.filter(neighbourhood=neighbourhood, measure__in=[AGE, IMD_DECILE])
        .order_by("measure", "-year", "position")
        .values_list("measure", "year", "category", "value")
    )
    latest = {}
    for measure, year, _, _ in figures:
        latest.setdefault(measure, year)
    age = [(c, v) for m, y, c, v in figures if m == AGE and y == latest.get(AGE)]
    imd = [(c, v) for m, y, c, v in figures if m == IMD_DECILE and y == latest.get(IMD_DECILE)]
    age_total = sum(v for _, v in age)
    counts = Neighbourhood.objects.filter(pk=neighbourhood.pk).aggregate(
        locations=Count("key_locations", filter=Q(key_locations__archived_at__isnull=True), distinct=True),
        events=Count("recurring_events", filter=Q(recurring_events__archived_at__isnull=True), distinct=True),
    )
    return Headline(
        age_year=latest.get(AGE),
        youngest=(age[0][0], _share(age[0][1], age_total)) if age else None,
        oldest=(age[-1][0], _share(age[-1][1], age_total)) if age else None,
        areas=int(sum(v for _, v in imd)),
        most_deprived=int(sum(v for c, v in imd if c in ("1", "2"))),
        imd_year=latest.get(IMD_DECILE),
        key_locations=counts["locations"],
        recurring_events=counts["events"],
    )


@dataclass(frozen=True)
class LoadedTable:
    measure: str
    year: int
    areas: int
    categories: int
    source: str


def loaded_tables(neighbourhoods) -> list[LoadedTable]:
    """The tables loaded for any of `neighbourhoods` (a queryset): what the upload page lists."""
    rows = (
        DemographicFigure.objects.filter(neighbourhood__in=neighbourhoods)
        .values("measure", "year")
        .annotate(
            areas=Count("neighbourhood", distinct=True),
            categories=Count("category", distinct=True),
        )
        .order_by("measure", "-year")
    )
    sources = dict(
        ((m, y), s)
        for m, y, s in DemographicFigure.objects.filter(neighbourhood__in=neighbourhoods)
        .order_by("measure", "year", "source")
        .values_list("measure", "year", "source")
        .distinct()
    )
    return [
        LoadedTable(
            r["measure"], r["year"], r["areas"], r["categories"], sources.get((r["measure"], r["year"]), "")
        )
        for r in rows
    ]
