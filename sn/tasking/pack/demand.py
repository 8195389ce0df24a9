"""Ward priorities near the borough's high-demand areas (seed 002, paragraph 17: teams near areas of high
street crime tackling youth ASB on nearby estates, whose work can be one strand of the borough's
strategy). The busiest wards are the borough's first SN_TASKING_HIGH_DEMAND_WARDS in the crime app's
demand ranking; the priorities listed are the active ones in those wards and in the borough's wards next
to them."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from sn.concerns.taxonomy import Topic
from sn.core.months import add_months
from sn.crime.demand import AreaDemand, DemandRanking, force_demand, force_demand_rankings
from sn.crime.months import default_end_month
from sn.tasking.pack.themes import active_on


@dataclass
class NearPriority:
    ward: str
    where: str  # "in X" or "next to X"
    topic: str
    wording: str
    since: date


@dataclass
class NearDemand:
    hot: list[AreaDemand] = field(default_factory=list)
    priorities: list[NearPriority] = field(default_factory=list)


def demand_end_month(as_at: date) -> date:
    """The last month of demand a pack dated `as_at` can know: the month before, or the latest with data."""
    return min(default_end_month(), add_months(as_at.replace(day=1), -1))


def ranking_for(as_at: date, cache: dict | None = None) -> DemandRanking:
    end = demand_end_month(as_at)
    if cache is not None and end in cache:
        return cache[end]
    ranking = force_demand(end_month=end)
    if cache is not None:
        cache[end] = ranking
    return ranking


def rankings_for(as_ats: list[date]) -> dict[date, DemandRanking]:
    """The force's demand rankings for the packs of many dates, by end month, from two queries (the demo
    assembles two years of packs)."""
    return force_demand_rankings(demand_end_month(d) for d in as_ats)


def near_high_demand(
    borough_ids: list[int],
    as_at: date,
    ranking: DemandRanking,
    edges: dict[int, set[int]],
    priorities: list[tuple],
) -> dict[int, NearDemand]:
    found: dict[int, NearDemand] = defaultdict(NearDemand)
    near_of: dict[int, tuple[str, str]] = {}  # ward id -> (its relation, the hot ward's name)
    for borough_id in borough_ids:
        ranked = [a for a in ranking.for_borough(borough_id) if a.kind == "ward" and a.demand > 0]
        hot = ranked[: settings.SN_TASKING_HIGH_DEMAND_WARDS]
        found[borough_id].hot = hot
        in_borough = {a.neighbourhood_id for a in ranking.for_borough(borough_id)}
        for area in reversed(hot):  # the busiest ward wins where a ward is next to two
            for neighbour in edges.get(area.neighbourhood_id, ()):
                if neighbour in in_borough:
                    near_of[neighbour] = ("next to", area.name)
        for area in hot:
            near_of[area.neighbourhood_id] = ("in", area.name)
    for ward_id, topic, ward, borough_id, _, since, _, wording in active_on(priorities, as_at):
        if ward_id not in near_of:
            continue
        relation, hot_name = near_of[ward_id]
        where = "one of the busiest wards" if relation == "in" else f"next to {hot_name}"
        found[borough_id].priorities.append(
            NearPriority(ward=ward, where=where, topic=Topic(topic).label, wording=wording, since=since)
        )
    return found
