"""KIN compliance: how each team stands against seed 003's standards (at least 30 interviews a month,
every member interviewed every six months; both settings), and how clusters, boroughs and the force
add up. Counts only: no member is named here, so the figures can go to whoever oversees the area.

The whole force is three aggregate queries whatever its size (the teams, their interviews by month,
their members in date), never one per team or member: `team_compliance` takes any set of areas.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet

from sn.community.models import KinInterview, KinMember
from sn.community.standards import in_date_cutoff, interview_interval_months, interviews_per_month
from sn.core.months import add_months
from sn.geography.models import Neighbourhood

TREND_MONTHS = 12  # complete months shown before the current one


@dataclass
class TeamCompliance:
    neighbourhood_id: int
    code: str
    name: str
    kind: str
    borough_code: str
    borough_name: str
    cluster_code: str
    cluster_name: str
    months: list[date]  # TREND_MONTHS complete months and the current one, oldest first
    monthly: list[int]  # interviews in each of `months`
    members: int
    members_in_date: int
    standard: int

    @property
    def last_month(self) -> int:
        return self.monthly[-2]

    @property
    def this_month(self) -> int:
        return self.monthly[-1]

    @property
    def meets_standard(self) -> bool:
        return self.last_month >= self.standard

    @property
    def shortfall(self) -> int:
        return max(0, self.standard - self.last_month)

    @property
    def members_overdue(self) -> int:
        return self.members - self.members_in_date

    @property
    def in_date_share(self) -> float | None:
        return self.members_in_date / self.members if self.members else None

    def sort_key(self) -> tuple:
        """Worst first: short of the monthly standard, then by fewest members in date, then fewest
        interviews."""
        share = self.in_date_share
        return (self.meets_standard, 1.0 if share is None else share, self.last_month, self.name)


@dataclass
class AreaCompliance:
    """A cluster, borough or the force: its teams' figures added up."""

    code: str
    name: str
    months: list[date]
    standard: int
    teams: int = 0
    teams_meeting: int = 0
    members: int = 0
    members_in_date: int = 0
    monthly: list[int] = field(default_factory=list)
    meeting_by_month: list[int] = field(default_factory=list)  # teams meeting the standard each month

    def add(self, team: TeamCompliance) -> None:
        if not self.monthly:
            self.monthly = [0] * len(team.monthly)
            self.meeting_by_month = [0] * len(team.monthly)
        self.teams += 1
        self.teams_meeting += team.meets_standard
        self.members += team.members
        self.members_in_date += team.members_in_date
        for i, count in enumerate(team.monthly):
            self.monthly[i] += count
            self.meeting_by_month[i] += count >= self.standard

    @property
    def last_month(self) -> int:
        return self.monthly[-2] if self.monthly else 0

    @property
    def teams_meeting_share(self) -> float | None:
        return self.teams_meeting / self.teams if self.teams else None

    @property
    def in_date_share(self) -> float | None:
        return self.members_in_date / self.members if self.members else None

    @property
    def interviews_per_team(self) -> float | None:
        return self.last_month / self.teams if self.teams else None

    def sort_key(self) -> tuple:
        meeting, in_date = self.teams_meeting_share, self.in_date_share
        return (1.0 if meeting is None else meeting, 1.0 if in_date is None else in_date, self.name)

    @property
    def trend(self) -> list[tuple[date, int, int]]:
        """(month, interviews, teams meeting the standard) for each complete month, oldest first."""
        return list(zip(self.months[:-1], self.monthly[:-1], self.meeting_by_month[:-1], strict=True))


@dataclass
class Compliance:
    today: date
    standard: int
    interval_months: int
    teams: list[TeamCompliance]  # worst first
    total: AreaCompliance

    @property
    def last_month(self) -> date:
        return self.total.months[-2]

    @property
    def this_month(self) -> date:
        return self.total.months[-1]

    def groups(self, key: Callable[[TeamCompliance], tuple[str, str]]) -> list[AreaCompliance]:
        """The teams added up by `key(team)` -> (code, name), worst first."""
        groups: dict[str, AreaCompliance] = {}
        for team in self.teams:
            code, name = key(team)
            if code not in groups:
                groups[code] = AreaCompliance(code, name, self.total.months, self.standard)
            groups[code].add(team)
        return sorted(groups.values(), key=AreaCompliance.sort_key)


def by_borough(team: TeamCompliance) -> tuple[str, str]:
    return team.borough_code, team.borough_name


def by_cluster(team: TeamCompliance) -> tuple[str, str]:
    return team.cluster_code or "-", team.cluster_name or "Not in a cluster"


def trend_months(today: date) -> list[date]:
    """The TREND_MONTHS complete months before today's and today's own, oldest first."""
    this_month = today.replace(day=1)
    return [add_months(this_month, -i) for i in range(TREND_MONTHS, -1, -1)]


def kin_compliance(areas: QuerySet[Neighbourhood], *, label: tuple[str, str], today: date) -> Compliance:
    """The compliance of every team among `areas` (any neighbourhood queryset: a cluster's, a borough's,
    the force's), in three queries."""
    standard = interviews_per_month()
    months = trend_months(today)
    rows = list(
        areas.filter(team__isnull=False)
        .order_by("code")
        .values(
            "id", "code", "name", "kind", "borough__code", "borough__name", "cluster__code", "cluster__name"
        )
    )
    ids = [row["id"] for row in rows]
    by_month = _interviews_by_month(ids, months)
    members = _members(ids, today)
    teams = []
    for row in rows:
        counts = by_month.get(row["id"], {})
        member_counts = members.get(row["id"], {})
        teams.append(
            TeamCompliance(
                neighbourhood_id=row["id"],
                code=row["code"],
                name=row["name"],
                kind=row["kind"],
                borough_code=row["borough__code"],
                borough_name=row["borough__name"],
                cluster_code=row["cluster__code"] or "",
                cluster_name=row["cluster__name"] or "",
                months=months,
                monthly=[counts.get(month, 0) for month in months],
                members=member_counts.get("members", 0),
                members_in_date=member_counts.get("in_date", 0),
                standard=standard,
            )
        )
    teams.sort(key=TeamCompliance.sort_key)
    total = AreaCompliance(label[0], label[1], months, standard)
    for team in teams:
        total.add(team)
    return Compliance(today, standard, interview_interval_months(), teams, total)


def _interviews_by_month(ids: list[int], months: list[date]) -> dict[int, dict[date, int]]:
    """Interviews per team and month: one grouped query read from the (month, ward) index alone."""
    if not ids:
        return {}
    rows = (
        _for_ids(KinInterview.objects.filter(month__gte=months[0]), ids)
        .values_list("neighbourhood_id", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts: dict[int, dict[date, int]] = {}
    for neighbourhood_id, month, n in rows:
        counts.setdefault(neighbourhood_id, {})[month] = n
    return counts


def _members(ids: list[int], today: date) -> dict[int, dict[str, int]]:
    if not ids:
        return {}
    cutoff = in_date_cutoff(today)
    in_date = Q(last_interviewed_on__gte=cutoff) | Q(last_interviewed_on__isnull=True, joined_on__gte=cutoff)
    rows = (
        _for_ids(KinMember.objects.filter(archived_at__isnull=True, erased_at__isnull=True), ids)
        .values("neighbourhood_id")
        .annotate(members=Count("id"), in_date=Count("id", filter=in_date))
    )
    return {row.pop("neighbourhood_id"): row for row in rows}


# Past this many areas, a filter on the ids is longer than reading every row and dropping the rest.
_LISTED_IDS = 200


def _for_ids(queryset: QuerySet, ids: Iterable[int]) -> QuerySet:
    ids = list(ids)
    if len(ids) > _LISTED_IDS:
        return queryset  # the force, or most of it: rows of other areas are dropped by the caller's lookup
    return queryset.filter(neighbourhood_id__in=ids)
