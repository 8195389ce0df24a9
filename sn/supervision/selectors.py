"""Shared reads of supervision: the facts of an area (wards, neighbours, demand, staff, sergeants'
postings), today's arrangement, the figures of any arrangement, and proposals for a user."""

import hashlib
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet
from django.http import Http404

from sn.crime.demand import DemandRanking, force_demand
from sn.geography.models import Borough, Neighbourhood
from sn.geography.scope import scope_of
from sn.supervision.models import SupervisionGroup, SupervisionGroupWard, SupervisionProposal
from sn.teams.models import Officer, Posting, Rank
from sn.teams.selectors import active_postings

# Seed 000 paragraphs 38-44: 630 sergeants were found to be able to supervise as about 480.
SEED_SERGEANTS, SEED_SHARED_SERGEANTS = 630, 480


def seed_ratio_target(wards: int) -> int:
    """The seed's ratio applied to an area's teams: at least one sergeant."""
    return max(1, round(wards * SEED_SHARED_SERGEANTS / SEED_SERGEANTS))


@dataclass
class WardFacts:
    id: int
    code: str
    name: str
    cluster_id: int | None
    cluster_name: str
    borough_id: int
    team_id: int | None
    demand: float
    staff: int  # PCs and PCSOs posted


@dataclass
class SergeantPosting:
    posting_id: int
    officer_id: int
    ward_id: int
    team_id: int


@dataclass
class AreaFacts:
    """Everything the model and the pages need about an area on a day, in a fixed number of queries."""

    borough: Borough | None
    on: date
    wards: dict[int, WardFacts]
    neighbours: dict[int, set[int]]
    sergeant_postings: list[SergeantPosting]
    sergeants: dict[int, Officer]
    demand_start: date
    demand_end: date
    fingerprint: str

    def sergeants_of(self) -> dict[int, list[int]]:
        """Today's arrangement: each sergeant's wards in the area, by officer id."""
        wards: dict[int, list[int]] = defaultdict(list)
        for posting in self.sergeant_postings:
            wards[posting.officer_id].append(posting.ward_id)
        return {officer: sorted(ids, key=lambda i: self.wards[i].code) for officer, ids in wards.items()}

    def unsupervised(self) -> list[int]:
        supervised = {p.ward_id for p in self.sergeant_postings}
        return sorted((i for i in self.wards if i not in supervised), key=lambda i: self.wards[i].code)


def _area_neighbourhoods(borough: Borough | None) -> QuerySet[Neighbourhood]:
    queryset = Neighbourhood.objects.all()
    return queryset.filter(borough=borough) if borough is not None else queryset


def postings_fingerprint(borough: Borough | None, on: date) -> str:
    """What changes when any posting to the area's teams current on or after the day is made, ended or
    altered: a proposal made before it is stale."""
    rows = _current_postings(on).filter(team__neighbourhood__in=_area_neighbourhoods(borough))
    return _digest(row[1:] for row in rows)


def _current_postings(on: date):
    return (
        Posting.objects.filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
        .order_by("id")
        .values_list(
            "team__neighbourhood__borough_id", "id", "officer_id", "team_id", "start_date", "end_date"
        )
    )


def _digest(rows) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def facts_by_borough(force: AreaFacts) -> dict[int, AreaFacts]:
    """The force's facts split into each borough's, as area_facts would make them one by one (the same
    fingerprints), in one more query: for a caller making every borough's proposal at once."""
    rows: dict[int, list] = defaultdict(list)
    for row in _current_postings(force.on):
        rows[row[0]].append(row[1:])
    result = {}
    for borough in Borough.objects.filter(id__in={w.borough_id for w in force.wards.values()}):
        wards = {i: w for i, w in force.wards.items() if w.borough_id == borough.id}
        postings = [p for p in force.sergeant_postings if p.ward_id in wards]
        result[borough.id] = AreaFacts(
            borough=borough,
            on=force.on,
            wards=wards,
            neighbours={i: {j for j in force.neighbours[i] if j in wards} for i in wards},
            sergeant_postings=postings,
            sergeants={p.officer_id: force.sergeants[p.officer_id] for p in postings},
            demand_start=force.demand_start,
            demand_end=force.demand_end,
            fingerprint=_digest(rows.get(borough.id, [])),
        )
    return result


def area_facts(*, borough: Borough | None, on: date, ranking: DemandRanking | None = None) -> AreaFacts:
    """The facts of a borough (None: the force) on a day, with the demand of the latest 12 months (a
    caller making many areas' facts at once passes the force's `ranking` once)."""
    ranking = ranking or force_demand()
    demand = {a.neighbourhood_id: a.demand for a in ranking.areas}
    areas = _area_neighbourhoods(borough)
    staff: dict[int, int] = defaultdict(int)
    for ward_id in (
        active_postings(on=on)
        .filter(officer__rank__in=(Rank.PC, Rank.PCSO), team__neighbourhood__in=areas)
        .values_list("team__neighbourhood_id", flat=True)
    ):
        staff[ward_id] += 1
    wards = {
        row["id"]: WardFacts(
            id=row["id"],
            code=row["code"],
            name=row["name"],
            cluster_id=row["cluster_id"],
            cluster_name=row["cluster__name"] or "",
            borough_id=row["borough_id"],
            team_id=row["team__id"],
            demand=demand.get(row["id"], 0.0),
            staff=staff[row["id"]],
        )
        for row in areas.values("id", "code", "name", "cluster_id", "cluster__name", "borough_id", "team__id")
    }
    neighbours: dict[int, set[int]] = {ward_id: set() for ward_id in wards}
    for a, b in Neighbourhood.neighbours.through.objects.filter(from_neighbourhood__in=areas).values_list(
        "from_neighbourhood_id", "to_neighbourhood_id"
    ):
        if b in wards:
            neighbours[a].add(b)
    sergeant_postings = [
        SergeantPosting(posting_id=pk, officer_id=officer, ward_id=ward, team_id=team)
        for pk, officer, ward, team in active_postings(on=on)
        .filter(officer__rank=Rank.SERGEANT, team__neighbourhood__in=areas)
        .order_by("id")
        .values_list("id", "officer_id", "team__neighbourhood_id", "team_id")
    ]
    sergeants = Officer.objects.in_bulk({p.officer_id for p in sergeant_postings})
    return AreaFacts(
        borough=borough,
        on=on,
        wards=wards,
        neighbours=neighbours,
        sergeant_postings=sergeant_postings,
        sergeants=sergeants,
        demand_start=ranking.start_month,
        demand_end=ranking.end_month,
        fingerprint=postings_fingerprint(borough, on),
    )


def _spread(values: list[float]) -> dict:
    if not values:
        return {"min": None, "median": None, "max": None}
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def figures_of(loads: list[tuple[float, float]], *, unsupervised: int = 0) -> dict:
    """Sergeants, PCs and PCSOs per sergeant, and demand and staff per sergeant (min, median, max), of an
    arrangement given as (demand, staff) per sergeant."""
    count = len(loads)
    staff = sum(s for _, s in loads)
    return {
        "sergeants": count,
        "officers_per_sergeant": round(staff / count, 2) if count else None,
        "demand": {k: None if v is None else round(v, 1) for k, v in _spread([d for d, _ in loads]).items()},
        "staff": {k: None if v is None else round(v, 1) for k, v in _spread([s for _, s in loads]).items()},
        "unsupervised_wards": unsupervised,
    }


def today_loads(facts: AreaFacts) -> list[tuple[float, float]]:
    """(demand, staff) per sergeant today; a ward two sergeants share counts half to each."""
    per_ward: dict[int, int] = defaultdict(int)
    for posting in facts.sergeant_postings:
        per_ward[posting.ward_id] += 1
    loads = []
    for ward_ids in facts.sergeants_of().values():
        loads.append(
            (
                sum(facts.wards[i].demand / per_ward[i] for i in ward_ids),
                sum(facts.wards[i].staff / per_ward[i] for i in ward_ids),
            )
        )
    return loads


def today_figures(facts: AreaFacts) -> dict:
    return figures_of(today_loads(facts), unsupervised=len(facts.unsupervised()))


# --- Proposals for a user.


def proposals_for_user(user) -> QuerySet[SupervisionProposal]:
    """The proposals whose area is in the user's scope: a borough's for those who reach the borough or
    one of its clusters, the force's for force-wide roles."""
    scope = scope_of(user)
    queryset = SupervisionProposal.objects.select_related("borough", "created_by", "adopted_by")
    if scope.everything:
        return queryset
    return queryset.filter(borough__in=scope.boroughs())


def get_proposal_for_user(user, pk: int) -> SupervisionProposal:
    proposal = proposals_for_user(user).filter(pk=pk).first()
    if proposal is None:
        raise Http404("No such proposal in your area")
    return proposal


def latest_proposal(borough: Borough | None) -> SupervisionProposal | None:
    """The newest proposal that is not superseded: an adopted one stands until a newer one is made."""
    return (
        SupervisionProposal.objects.filter(borough=borough)
        .exclude(status=SupervisionProposal.Status.SUPERSEDED)
        .select_related("borough", "created_by", "adopted_by")
        .first()
    )


@dataclass
class GroupView:
    number: int
    ward_ids: list[int]
    kept_sergeant: Officer | None
    demand: float
    staff: int
    cluster_id: int | None = None
    wards: list = field(default_factory=list)


def proposal_groups(proposal: SupervisionProposal) -> list[GroupView]:
    """The proposal's groups with their wards, in two queries."""
    groups = {
        g.id: GroupView(
            number=g.number,
            ward_ids=[],
            kept_sergeant=g.kept_sergeant,
            demand=g.demand,
            staff=g.staff,
            cluster_id=g.cluster_id,
        )
        for g in SupervisionGroup.objects.filter(proposal=proposal).select_related("kept_sergeant")
    }
    for group_id, ward_id in (
        SupervisionGroupWard.objects.filter(group__proposal=proposal)
        .order_by("neighbourhood__code")
        .values_list("group_id", "neighbourhood_id")
    ):
        groups[group_id].ward_ids.append(ward_id)
    return sorted(groups.values(), key=lambda g: g.number)
