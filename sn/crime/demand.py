"""Demand on Safer Neighbourhoods teams: rolling 12-month crime and ASB per area, weighted and ranked.

The demand index of an area is `w_crime * crime + w_asb * asb`, where crime is the total notifiable
offences (every police.uk category but ASB) and asb the anti-social behaviour incidents over the
period. The weights come from the setting SN_DEMAND_WEIGHTS, by default {"crime": 1.0, "asb": 0.5}:
ASB is core Safer Neighbourhoods business, so it counts, but an ASB incident is on average less work
for a team than a notifiable offence (no crime investigation, often a single call), so it counts at
half. The SN review (2011) ranked London's wards on TNO and ASB together in the same spirit.

Ranks are competition ranks ("1, 2, 2, 4"): areas with equal demand share a rank, the next rank
skips, and the order among equals is by name, then code, so that the same data always gives the
same table. The spread is the busiest area's demand as a multiple of the quietest's, leaving out
areas with no demand at all (a multiple of nothing is not a number).
"""

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Q, Sum

from sn.core.months import add_months
from sn.crime.months import default_end_month
from sn.geography.models import Neighbourhood
from sn.incidents.categories import Category
from sn.incidents.models import IncidentMonthly

DEFAULT_WEIGHTS = {"crime": 1.0, "asb": 0.5}
QUINTILES = 5
# Demand is compared after rounding, so that float arithmetic cannot split a genuine tie.
_TIE_DIGITS = 6


@dataclass(frozen=True)
class DemandWeights:
    crime: float = DEFAULT_WEIGHTS["crime"]
    asb: float = DEFAULT_WEIGHTS["asb"]

    def index(self, crime: int, asb: int) -> float:
        return round(self.crime * crime + self.asb * asb, _TIE_DIGITS)


def demand_weights() -> DemandWeights:
    """The weights in force: SN_DEMAND_WEIGHTS (keys "crime" and "asb"), else the defaults."""
    configured = {**DEFAULT_WEIGHTS, **getattr(settings, "SN_DEMAND_WEIGHTS", {})}
    return DemandWeights(crime=float(configured["crime"]), asb=float(configured["asb"]))


def per_thousand(value: float, population: int | None) -> float | None:
    """A count per 1,000 residents; None when the population is unknown or zero."""
    return None if not population else 1000.0 * value / population


@dataclass
class AreaDemand:
    """One team area's demand over the period, with its ranks (1 = busiest)."""

    neighbourhood_id: int
    code: str
    name: str
    kind: str
    borough_id: int
    borough_code: str
    borough_name: str
    population: int | None
    crime: int
    asb: int
    demand: float
    force_rank: int = 0
    borough_rank: int = 0
    quintile: int = 0  # 1 (quietest fifth of the force) to 5 (busiest fifth), by position in the ranking

    @property
    def crime_rate(self) -> float | None:
        return per_thousand(self.crime, self.population)

    @property
    def asb_rate(self) -> float | None:
        return per_thousand(self.asb, self.population)

    @property
    def demand_rate(self) -> float | None:
        return per_thousand(self.demand, self.population)


@dataclass(frozen=True)
class Spread:
    """The busiest ward's demand as a multiple of the quietest ward's with any demand.

    Wards only, as the 2011 review compared them ("16.6 times"): a non-ward area is a small piece laid
    over wards (a town centre, say), and setting it against whole wards would measure its size, not
    its busyness.
    """

    busiest: AreaDemand | None
    quietest: AreaDemand | None
    ratio: float | None
    zero_demand: int  # areas left out of the denominator because their demand is 0


def spread(areas: list[AreaDemand]) -> Spread:
    wards = [a for a in areas if a.kind == WARD]
    zero = sum(1 for a in wards if a.demand == 0)
    with_demand = [a for a in wards if a.demand > 0]
    if not with_demand:
        return Spread(busiest=None, quietest=None, ratio=None, zero_demand=zero)
    busiest = min(with_demand, key=_display_order)
    quietest = max(with_demand, key=_display_order)
    return Spread(
        busiest=busiest, quietest=quietest, ratio=busiest.demand / quietest.demand, zero_demand=zero
    )


WARD = "ward"


def _display_order(area: AreaDemand) -> tuple:
    return (-area.demand, area.name, area.code)


def competition_ranks(demands: list[float]) -> list[int]:
    """Rank 1 for the highest; equal values share a rank and the next rank skips ("1, 2, 2, 4")."""
    ordered = sorted(demands, reverse=True)
    first_position = {}
    for position, value in enumerate(ordered, start=1):
        first_position.setdefault(value, position)
    return [first_position[value] for value in demands]


def quintile(position: float, count: int) -> int:
    """5 for the busiest fifth by position in the ranking (1 = busiest), 1 for the quietest."""
    return QUINTILES - math.floor(QUINTILES * (position - 1) / count)


@dataclass
class DemandRanking:
    """Every area of the force ranked by demand over `months` months ending with `end_month`."""

    start_month: date
    end_month: date
    months: int
    weights: DemandWeights
    areas: list[AreaDemand] = field(default_factory=list)  # busiest first

    def spread(self) -> Spread:
        return spread(self.areas)

    def for_borough(self, borough_id: int) -> list[AreaDemand]:
        return [a for a in self.areas if a.borough_id == borough_id]


def rank_areas(areas: list[AreaDemand]) -> list[AreaDemand]:
    """Sort busiest first and set force ranks, quintiles and ranks within each borough."""
    areas = sorted(areas, key=_display_order)
    tied = Counter(a.demand for a in areas)
    for area, rank in zip(areas, competition_ranks([a.demand for a in areas]), strict=True):
        area.force_rank = rank
        # Equal areas take the fifth of their middle position, so that a block of ties (say, areas
        # with no incidents yet) is not coloured by the busiest place it shares.
        area.quintile = quintile(rank + (tied[area.demand] - 1) / 2, len(areas))
    by_borough: dict[int, list[AreaDemand]] = {}
    for area in areas:
        by_borough.setdefault(area.borough_id, []).append(area)
    for members in by_borough.values():
        for area, rank in zip(members, competition_ranks([a.demand for a in members]), strict=True):
            area.borough_rank = rank
    return areas


def demand_counts(start_month: date, end_month: date) -> dict[int, tuple[int, int]]:
    """{neighbourhood id: (crime, asb)} over the months, in one aggregate query for the whole force."""
    asb = Q(category=Category.ANTI_SOCIAL_BEHAVIOUR)
    rows = (
        IncidentMonthly.objects.filter(month__gte=start_month, month__lte=end_month)
        .values("neighbourhood_id")
        .annotate(crime=Sum("count", filter=~asb), asb=Sum("count", filter=asb))
        .order_by()
    )
    return {r["neighbourhood_id"]: (r["crime"] or 0, r["asb"] or 0) for r in rows}


AREA_FIELDS = ("id", "code", "name", "kind", "population", "borough_id", "borough__code", "borough__name")


def _ranking(
    areas: list[dict],
    counts: dict[int, tuple[int, int]],
    start_month: date,
    end_month: date,
    months: int,
    weights: DemandWeights,
) -> DemandRanking:
    """Every area (rows of AREA_FIELDS) ranked by the demand of its counts; none counted is zero."""
    ranked = []
    for n in areas:
        crime, asb = counts.get(n["id"], (0, 0))
        ranked.append(
            AreaDemand(
                neighbourhood_id=n["id"],
                code=n["code"],
                name=n["name"],
                kind=n["kind"],
                borough_id=n["borough_id"],
                borough_code=n["borough__code"],
                borough_name=n["borough__name"],
                population=n["population"],
                crime=crime,
                asb=asb,
                demand=weights.index(crime, asb),
            )
        )
    return DemandRanking(
        start_month=start_month, end_month=end_month, months=months, weights=weights, areas=rank_areas(ranked)
    )


def force_demand(
    *, end_month: date | None = None, months: int = 12, weights: DemandWeights | None = None
) -> DemandRanking:
    """Every team area of the force ranked by demand over the `months` months ending with `end_month`
    (default: the latest month with data, else last calendar month). Areas with no incidents are
    included with zero demand. Two queries (three when the end month is looked up)."""
    weights = weights or demand_weights()
    end_month = (end_month or default_end_month()).replace(day=1)
    start_month = add_months(end_month, -(months - 1))
    counts = demand_counts(start_month, end_month)
    areas = list(Neighbourhood.objects.values(*AREA_FIELDS).order_by())
    return _ranking(areas, counts, start_month, end_month, months, weights)


def force_demand_rankings(
    end_months: Iterable[date], *, months: int = 12, weights: DemandWeights | None = None
) -> dict[date, DemandRanking]:
    """`force_demand` for each of many end months (first days), from two queries however many there are
    (the tasking packs of two years read one ranking a month)."""
    ends = sorted({end.replace(day=1) for end in end_months})
    if not ends:
        return {}
    weights = weights or demand_weights()
    asb = Q(category=Category.ANTI_SOCIAL_BEHAVIOUR)
    monthly: dict[date, dict[int, tuple[int, int]]] = defaultdict(dict)
    for row in (
        IncidentMonthly.objects.filter(month__gte=add_months(ends[0], -(months - 1)), month__lte=ends[-1])
        .values("month", "neighbourhood_id")
        .annotate(crime=Sum("count", filter=~asb), asb=Sum("count", filter=asb))
        .order_by()
    ):
        monthly[row["month"]][row["neighbourhood_id"]] = (row["crime"] or 0, row["asb"] or 0)
    areas = list(Neighbourhood.objects.values(*AREA_FIELDS).order_by())
    rankings = {}
    for end in ends:
        start = add_months(end, -(months - 1))
        counts: dict[int, tuple[int, int]] = {}
        for i in range(months):
            for ward_id, (crime, asb_count) in monthly.get(add_months(start, i), {}).items():
                total_crime, total_asb = counts.get(ward_id, (0, 0))
                counts[ward_id] = (total_crime + crime, total_asb + asb_count)
        rankings[end] = _ranking(areas, counts, start, end, months, weights)
    return rankings
