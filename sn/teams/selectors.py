"""Shared reads for teams: active postings, the policy in force and staffing against establishment."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from sn.geography.models import Neighbourhood
from sn.teams.models import ESTABLISHED_RANKS, TEAM_RANKS, EstablishmentPolicy, Posting, Rank, Team


def active_postings(*, on: date) -> QuerySet[Posting]:
    return Posting.objects.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))


def policy_in_force(*, on: date | None = None) -> EstablishmentPolicy:
    on = on or timezone.localdate()
    policy = EstablishmentPolicy.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    if policy is not None:
        return policy
    default = settings.SN_DEFAULT_ESTABLISHMENT
    return EstablishmentPolicy(
        effective_from=date(2008, 4, 1),
        population_threshold=default["population_threshold"],
        standard_sergeants=default["standard"]["sergeant"],
        standard_pcs=default["standard"]["pc"],
        standard_pcsos=default["standard"]["pcso"],
        enhanced_sergeants=default["enhanced"]["sergeant"],
        enhanced_pcs=default["enhanced"]["pc"],
        enhanced_pcsos=default["enhanced"]["pcso"],
        note="Default from settings; no policy recorded yet",
    )


@dataclass
class Staffing:
    """Posts and people by rank for a team or any group of teams.

    A sergeant leading n teams counts as 1/n of a sergeant in each, so that summing teams gives the
    number of sergeants, and a shared sergeant shows as a part-filled post.
    """

    label: str
    key: str = ""
    teams: int = 0
    # Residents: a group's is its wards' only, since a non-ward area's residents live in wards too.
    population: int = 0
    establishment: dict[str, float] = field(default_factory=lambda: {r: 0 for r in ESTABLISHED_RANKS})
    strength: dict[str, float] = field(default_factory=lambda: {r: 0.0 for r in TEAM_RANKS})
    enhanced_teams: int = 0
    shared_sergeant_teams: int = 0
    # For one team: the establishment model it is on ("1-2-6"), the policy's population threshold and
    # the population figure that decided it, with its source and year.
    model_name: str = ""
    population_threshold: int = 0
    population_known: bool = True
    population_source: str = ""
    population_year: int | None = None
    overlay: bool = False  # a non-ward area's team (docs/adr/0005-non-ward-areas-are-overlays.md)

    def add(self, other: "Staffing") -> None:
        self.teams += other.teams
        if not other.overlay:
            self.population += other.population
        self.enhanced_teams += other.enhanced_teams
        self.shared_sergeant_teams += other.shared_sergeant_teams
        for rank in ESTABLISHED_RANKS:
            self.establishment[rank] += other.establishment[rank]
        for rank in TEAM_RANKS:
            self.strength[rank] += other.strength[rank]

    def vacancies(self, rank: str) -> float:
        return max(0.0, self.establishment[rank] - self.strength[rank])

    def over_strength(self, rank: str) -> float:
        return max(0.0, self.strength[rank] - self.establishment[rank])

    @property
    def establishment_basis(self) -> str:
        """Why one team has its establishment model, naming the population figure that decided it:
        "1-2-6 because population 15,234 ≥ 14,000 (ONS Census 2021, usual residents, 2021)"."""
        if not self.model_name:
            return ""
        if not self.population_known:
            return f"{self.model_name} because the population is not known"
        sign = "≥" if self.enhanced_teams else "<"
        figure = f"population {self.population:,} {sign} {self.population_threshold:,}"
        source = ", ".join(str(part) for part in (self.population_source, self.population_year) if part)
        return f"{self.model_name} because {figure}" + (f" ({source})" if source else "")

    @property
    def total_establishment(self) -> float:
        return sum(self.establishment.values())

    @property
    def total_strength(self) -> float:
        return sum(self.strength[r] for r in ESTABLISHED_RANKS)

    @property
    def total_vacancies(self) -> float:
        return sum(self.vacancies(r) for r in ESTABLISHED_RANKS)

    @property
    def fill_rate(self) -> float | None:
        if not self.total_establishment:
            return None
        established = sum(min(self.strength[r], self.establishment[r]) for r in ESTABLISHED_RANKS)
        return established / self.total_establishment

    def rows(self) -> list[dict]:
        return [
            {
                "rank": rank,
                "label": Rank(rank).label,
                "establishment": self.establishment.get(rank),
                "strength": self.strength[rank],
                "vacancies": self.vacancies(rank) if rank in ESTABLISHED_RANKS else None,
                "over_strength": self.over_strength(rank) if rank in ESTABLISHED_RANKS else None,
            }
            for rank in TEAM_RANKS
        ]


def team_staffing(teams: QuerySet[Team], *, on: date | None = None) -> dict[int, Staffing]:
    """Staffing per team id, in a fixed number of queries whatever the number of teams or officers."""
    on = on or timezone.localdate()
    policy = policy_in_force(on=on)
    team_rows = list(
        teams.values(
            "id",
            "name",
            "neighbourhood__code",
            "neighbourhood__kind",
            "neighbourhood__population",
            "neighbourhood__population_source",
            "neighbourhood__population_year",
        )
    )
    result: dict[int, Staffing] = {}
    for row in team_rows:
        population = row["neighbourhood__population"]
        staffing = Staffing(
            label=row["name"],
            key=row["neighbourhood__code"],
            teams=1,
            population=population or 0,
            establishment={r: float(n) for r, n in policy.posts_for(population).items()},
            enhanced_teams=int(population is not None and population >= policy.population_threshold),
            model_name=policy.model_name_for(population),
            population_threshold=policy.population_threshold,
            population_known=population is not None,
            population_source=row["neighbourhood__population_source"],
            population_year=row["neighbourhood__population_year"],
            overlay=row["neighbourhood__kind"] == Neighbourhood.Kind.NON_WARD,
        )
        result[row["id"]] = staffing
    postings = list(
        active_postings(on=on)
        .filter(team_id__in=teams.values("id"))
        .values_list("officer_id", "officer__rank", "team_id")
    )
    # A sergeant's share depends on every team they lead, including teams outside this selection.
    sergeant_ids = {officer_id for officer_id, rank, _ in postings if rank == Rank.SERGEANT}
    teams_per_sergeant = dict(
        active_postings(on=on)
        .filter(officer_id__in=sergeant_ids)
        .values_list("officer_id")
        .annotate(teams=Count("id"))
        .values_list("officer_id", "teams")
    )
    for officer_id, rank, team_id in postings:
        staffing = result.get(team_id)
        if staffing is None or rank not in TEAM_RANKS:
            continue
        if rank == Rank.SERGEANT:
            share = 1 / teams_per_sergeant[officer_id]
            staffing.strength[rank] += share
            if share < 1:
                staffing.shared_sergeant_teams = 1
        else:
            staffing.strength[rank] += 1
    return result


def staffing_summary(
    teams: QuerySet[Team], *, group_by: str, label_field: str, on: date | None = None
) -> tuple[list[Staffing], Staffing]:
    """Staffing rolled up by a team field path (e.g. neighbourhood__borough__code), with a total.
    Populations add up wards only; a group of non-ward teams alone (a row per team) shows theirs."""
    per_team = team_staffing(teams, on=on)
    keys = dict(teams.values_list("id", group_by))
    labels = dict(teams.values_list(group_by, label_field))
    groups: dict[str, Staffing] = {}
    members: dict[str, list[Staffing]] = {}
    total = Staffing(label="Total")
    for team_id, staffing in per_team.items():
        key = keys[team_id]
        group = groups.setdefault(key, Staffing(label=labels.get(key) or "Unassigned", key=key or ""))
        group.add(staffing)
        members.setdefault(key, []).append(staffing)
        total.add(staffing)
    for key, group in groups.items():
        if all(member.overlay for member in members[key]):
            group.overlay = True
            group.population = sum(member.population for member in members[key])
    return sorted(groups.values(), key=lambda g: g.label), total
