"""Abstraction reports: one area's month (force, borough, cluster, team or officer) with its reasons,
the areas and teams under it, and its trend over the last 12 months that hold duties.

Every read is trimmed to the reader's scope first, so a page and its downloads hold only rows the
reader reaches. A report costs three or four GROUP BYs whatever the size of the area.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.db.models import Q, QuerySet
from django.utils import timezone

from sn.core.months import add_months, month_end
from sn.geography.scope import Scope
from sn.teams.models import Officer, Rank, Team
from sn.workforce.abstraction.memo import duties_version, remembered
from sn.workforce.abstraction.rates import Policy, Tally, policies, policy_on, reason_labels, tallies
from sn.workforce.models import Duty

TREND_MONTHS = 12
# How far back the trend looks for 12 months that hold duties: a gap of a year in an area's duties is
# a different story from a trend.
TREND_LOOKBACK = 24
_AREA = "team__neighbourhood"


class Level(StrEnum):
    FORCE = "force"
    BOROUGH = "borough"
    CLUSTER = "cluster"
    TEAM = "team"
    OFFICER = "officer"


@dataclass(frozen=True)
class AreaRef:
    key: str
    name: str
    parent: str


@dataclass
class Line:
    """One row of a report's list: an area, a team or an officer, in the report's month."""

    level: Level
    key: str  # the code of an area, the neighbourhood code of a team, the officer's pk
    name: str
    tally: Tally
    target: Decimal | None
    parent: str = ""  # the borough and cluster of a team, the rank of an officer
    area: dict[Level, AreaRef] = field(default_factory=dict)  # a team's borough and cluster

    @property
    def over_target(self) -> bool:
        rate = self.tally.rate
        return rate is not None and self.target is not None and rate * 100 > self.target


@dataclass(frozen=True)
class ReasonLine:
    reason_id: int
    label: str
    hours: float
    rate: float | None
    status: str  # "Counts", "Exempt", or how a change of policy in the month split it


@dataclass(frozen=True)
class MonthPoint:
    month: date
    tally: Tally
    target: Decimal | None


@dataclass
class AbstractionReport:
    level: Level
    name: str
    month: date
    tally: Tally
    policy: Policy | None  # in force at the end of the month
    changes: list[Policy]  # policies that came into force during the month
    reasons: list[ReasonLine]
    trend: list[MonthPoint]
    areas: list[Line] = field(default_factory=list)  # boroughs of the force, clusters of a borough
    teams: list[Line] = field(default_factory=list)  # over the target first
    officers: list[Line] = field(default_factory=list)

    @property
    def target(self) -> Decimal | None:
        return self.policy.target if self.policy else None

    @property
    def over_target(self) -> bool:
        rate = self.tally.rate
        return rate is not None and self.target is not None and rate * 100 > self.target

    @property
    def teams_over(self) -> list[Line]:
        return [t for t in self.teams if t.over_target]

    @property
    def has_duties(self) -> bool:
        return bool(self.trend) or self.tally.rostered > 0


def duties_in_scope(scope: Scope) -> QuerySet[Duty]:
    """Duties whose home team's ward the scope reaches: a team's rostered hours belong to its ward."""
    return Duty.objects.filter(scope.neighbourhood_q(_AREA)) if not scope.everything else Duty.objects.all()


def area_duties(level: Level, area, scope: Scope) -> QuerySet[Duty]:
    duties = duties_in_scope(scope)
    if level is Level.BOROUGH:
        return duties.filter(team__neighbourhood__borough=area)
    if level is Level.CLUSTER:
        return duties.filter(team__neighbourhood__cluster=area)
    if level is Level.TEAM:
        return duties.filter(team__neighbourhood=area)
    if level is Level.OFFICER:
        return duties.filter(officer=area)
    return duties


def _name(level: Level, area) -> str:
    if level is Level.FORCE:
        return "The force"
    if level is Level.OFFICER:
        return f"{area.full_name} ({area.collar_number})"
    return area.name


def _target(month: date, history: list[Policy]) -> Decimal | None:
    policy = policy_on(month_end(month), history)
    return policy.target if policy else None


def _reasons(tally: Tally, policy: Policy | None, labels: dict[int, tuple[str, int]]) -> list[ReasonLine]:
    lines = []
    for reason_id, (label, _) in sorted(labels.items(), key=lambda item: (item[1][1], item[1][0])):
        minutes = tally.by_reason.get(reason_id, 0)
        exempt = tally.exempt_by_reason.get(reason_id, 0)
        if minutes and exempt == minutes:
            status = "Exempt"
        elif minutes and exempt:
            status = "Exempt for part of the month (the policy changed)"
        elif minutes:
            status = "Counts"
        else:
            status = "Exempt" if policy and reason_id in policy.exempt else "Counts"
        lines.append(ReasonLine(reason_id, label, minutes / 60, tally.reason_rate(reason_id), status))
    return lines


@dataclass(frozen=True)
class _Reading:
    """What every query of one report shares: the duties, the policy history, the last day counted
    (duties are rostered weeks ahead: a month under way counts the hours worked so far, not those
    planned) and whether the duties are most of the table (the force), read in one pass."""

    duties: QuerySet[Duty]
    history: list[Policy]
    until: date
    scan: bool
    version: str = field(default_factory=duties_version)

    def tallies(self, key: str | None, first_month: date, last_month: date) -> dict[tuple, Tally]:
        def compute() -> dict[tuple, Tally]:
            return tallies(
                self.duties,
                key=key,
                first_month=first_month,
                last_month=last_month,
                history=self.history,
                until=self.until,
                scan=self.scan,
            )

        sql, params = self.duties.query.sql_with_params()
        parts = (self.version, sql, params, key, first_month, last_month, self.until, tuple(self.history))
        return remembered(parts, compute)


def _trend(reading: _Reading, month: date) -> tuple[Tally, list[MonthPoint]]:
    """The month's tally and the last 12 months up to it that hold duties."""
    by_month = reading.tallies(None, add_months(month, 1 - TREND_LOOKBACK), month)
    held = sorted(m for (_, m), tally in by_month.items() if tally.rostered)
    trend = [MonthPoint(m, by_month[(None, m)], _target(m, reading.history)) for m in held[-TREND_MONTHS:]]
    return by_month.get((None, month), Tally()), trend


def _lines(reading: _Reading, key: str, month: date, level: Level) -> list[Line]:
    by_key = {k: tally for (k, _), tally in reading.tallies(key, month, month).items()}
    history = reading.history
    target = _target(month, history)
    if level is Level.TEAM:
        # Only the names: a ward's row holds its boundary, far larger than everything else here.
        teams = Team.objects.filter(pk__in=by_key).values_list("pk", *_TEAM_NAMES)
        return [_team_line(row[1:], by_key[row[0]], target) for row in teams]
    officers = Officer.objects.filter(pk__in=by_key).values_list(
        "pk", "first_name", "last_name", "collar_number", "rank"
    )
    ranks = dict(Rank.choices)
    return [
        Line(level, str(pk), f"{first} {last} ({collar})", by_key[pk], target, ranks.get(rank, rank))
        for pk, first, last, collar, rank in officers
    ]


_TEAM_NAMES = (
    "neighbourhood__code",
    "neighbourhood__name",
    "neighbourhood__borough__code",
    "neighbourhood__borough__name",
    "neighbourhood__cluster__code",
    "neighbourhood__cluster__name",
)


def _team_line(names: tuple, tally: Tally, target: Decimal | None) -> Line:
    code, name, borough_code, borough_name, cluster_code, cluster_name = names
    cluster = (
        AreaRef(cluster_code, cluster_name, borough_name)
        if cluster_code
        else AreaRef("", "Wards outside any cluster", borough_name)
    )
    return Line(
        Level.TEAM,
        code,
        name,
        tally,
        target,
        f"{borough_name}, {cluster_name or 'no cluster'}",
        area={Level.BOROUGH: AreaRef(borough_code, borough_name, ""), Level.CLUSTER: cluster},
    )


def over_target_first(lines: list[Line]) -> list[Line]:
    """Teams over the target first, the furthest over at the top; then the rest, highest rate first."""
    return sorted(lines, key=lambda line: (not line.over_target, -(line.tally.rate or 0), line.name))


def abstraction_report(
    *, level: Level, area, month: date, scope: Scope, today: date | None = None
) -> AbstractionReport:
    """`area` is None for the force, else the Borough, Cluster, Neighbourhood (a team's ward) or Officer."""
    history = policies()
    reading = _Reading(
        area_duties(level, area, scope), history, today or timezone.localdate(), scan=level is Level.FORCE
    )
    tally, trend = _trend(reading, month)
    policy = policy_on(month_end(month), history)
    report = AbstractionReport(
        level=level,
        name=_name(level, area),
        month=month,
        tally=tally,
        policy=policy,
        changes=[p for p in history if month < p.effective_from <= month_end(month)],
        reasons=_reasons(tally, policy, reason_labels()),
        trend=trend,
    )
    if level in (Level.FORCE, Level.BOROUGH, Level.CLUSTER, Level.OFFICER):
        report.teams = over_target_first(_lines(reading, "team_id", month, Level.TEAM))
    if level in (Level.FORCE, Level.BOROUGH):
        report.areas = _areas(report.teams, Level.BOROUGH if level is Level.FORCE else Level.CLUSTER)
    if level is Level.TEAM:
        report.officers = over_target_first(_lines(reading, "officer_id", month, Level.OFFICER))
    return report


def _areas(teams: list[Line], level: Level) -> list[Line]:
    """The boroughs or clusters the teams make up, each the sum of its teams (one query fewer than
    grouping the duties again, and the same sums by construction)."""
    areas: dict[str, Line] = {}
    for team in teams:
        area = team.area[level]
        if area.key not in areas:
            areas[area.key] = Line(level, area.key, area.name, Tally(), team.target, area.parent)
        areas[area.key].tally.merge(team.tally)
    return sorted(areas.values(), key=lambda line: line.name)


def teams_over_target(*, scope: Scope, month: date, today: date | None = None) -> list[Line]:
    """The teams in scope over the target in a month, the furthest over first (the work items)."""
    reading = _Reading(
        duties_in_scope(scope), policies(), today or timezone.localdate(), scan=scope.everything
    )
    lines = _lines(reading, "team_id", month, Level.TEAM)
    return [line for line in over_target_first(lines) if line.over_target]


def officer_in_scope(officer: Officer, scope: Scope, *, on: date) -> bool:
    """Whether a reader reaches an officer: posted in scope on the day, or with duties in scope."""
    if scope.everything:
        return True
    posted = officer.postings.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on
    ).filter(scope.neighbourhood_q("team__neighbourhood"))
    return posted.exists() or duties_in_scope(scope).filter(officer=officer).exists()
