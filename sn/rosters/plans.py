"""What the pages show, put together: an area's cover against demand and wishes, and a cluster's plan.

The planner's proposal for a cluster is kept in the cache for a day under a key made of everything it
depends on (the patterns in force, the teams' strength, the calls held and the settings), so the pages
solve it once, and a new pattern or a new calls file gives a new proposal."""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from sn.geography.models import Cluster, Neighbourhood
from sn.rosters.models import CallForService
from sn.rosters.planner import Proposal, TeamInput, planner_weights, propose
from sn.rosters.profiles import Wishes
from sn.rosters.selectors import (
    Demand,
    Figures,
    Period,
    add,
    call_demand,
    duty_cover,
    figures,
    patterns_in_force,
    residents_wishes,
    team_strength,
)
from sn.teams.models import Team

PLAN_SECONDS = 24 * 3600


@dataclass
class AreaCover:
    """Cover, demand and wishes by hour of the week for some wards together (one ward or a cluster)."""

    period: Period
    wards: list[Neighbourhood]
    cover: list[float]
    demand: list[float]
    demand_source: Demand
    wishes: Wishes
    by_ward: dict[int, list[float]] = field(default_factory=dict)

    @property
    def figures(self) -> Figures:
        return figures(self.cover)

    def ward_figures(self) -> list[tuple[Neighbourhood, Figures, float]]:
        """Each ward with its figures and its calls in an average week."""
        return [
            (ward, figures(self.by_ward[ward.id]), sum(self.demand_source.by_ward[ward.id]))
            for ward in self.wards
        ]


def area_cover(wards: list[Neighbourhood], *, period: Period) -> AreaCover:
    ids = [ward.id for ward in wards]
    by_ward = duty_cover(neighbourhood_ids=ids, period=period)
    demand = call_demand(neighbourhood_ids=ids, end=period.end)
    return AreaCover(
        period=period,
        wards=wards,
        cover=add(by_ward.values()),
        demand=add(demand.by_ward.values()),
        demand_source=demand,
        wishes=residents_wishes(neighbourhood_ids=ids),
        by_ward=by_ward,
    )


def cluster_wards(cluster: Cluster) -> list[Neighbourhood]:
    return list(cluster.neighbourhoods.filter(kind=Neighbourhood.Kind.WARD).order_by("name"))


@dataclass
class ClusterPlan:
    cluster: Cluster
    on: date
    teams: list[Team]
    inputs: list[TeamInput]
    without_pattern: list[Team]
    proposal: Proposal

    @property
    def before(self) -> Figures:
        return figures(self.proposal.cover_before)

    @property
    def after(self) -> Figures | None:
        return figures(self.proposal.cover_after) if self.proposal.found else None

    def for_team(self, team_id: int):
        return next((t for t in self.proposal.teams if t.team_id == team_id), None)


def _calls_stamp(ward_ids: list[int]) -> str:
    found = CallForService.objects.filter(neighbourhood_id__in=ward_ids).aggregate(
        n=Count("id"), last=Max("id")
    )
    return f"{found['n']}:{found['last']}"


def cluster_plan(cluster: Cluster, *, on: date, demand_end: date) -> ClusterPlan:
    """The planner's proposal for the cluster's teams, from the patterns in force on `on`, weighted by
    the calls of the year before `demand_end` and the residents' wishes."""
    wards = cluster_wards(cluster)
    teams = list(
        Team.objects.filter(neighbourhood__in=wards).select_related("neighbourhood").order_by("name")
    )
    patterns = patterns_in_force(teams, on=on)
    strength = team_strength(teams, on=on)
    with_pattern = [team for team in teams if team.id in patterns]
    inputs = [
        TeamInput(
            team_id=team.id, name=team.name, staff=strength.get(team.id, 0), days=patterns[team.id].days
        )
        for team in with_pattern
    ]
    ward_ids = [ward.id for ward in wards]
    key_parts = [
        cluster.id,
        str(demand_end),
        [(i.team_id, i.staff, i.days) for i in inputs],
        _calls_stamp(ward_ids),
        [getattr(settings, name, None) for name in ("SN_MAX_SHIFT_HOURS", "SN_MIN_REST_HOURS")],
        [getattr(settings, name, None) for name in ("SN_COVER_DAY_STARTS_HOUR", "SN_COVER_DAY_ENDS_HOUR")],
    ]
    key = "rosters:plan:" + hashlib.sha256(json.dumps(key_parts, default=str).encode()).hexdigest()
    proposal = cache.get(key)
    if proposal is None:
        demand = call_demand(neighbourhood_ids=ward_ids, end=demand_end)
        wishes = residents_wishes(neighbourhood_ids=ward_ids)
        proposal = propose(inputs, planner_weights(add(demand.by_ward.values()), wishes.by_hour))
        cache.set(key, proposal, PLAN_SECONDS)
    return ClusterPlan(
        cluster=cluster,
        on=on,
        teams=teams,
        inputs=inputs,
        without_pattern=[team for team in teams if team.id not in patterns],
        proposal=proposal,
    )
