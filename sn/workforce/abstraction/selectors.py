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

from sn.core.months import add_months, month_end
from sn.geography.models import Borough, Cluster, Neighbourhood
from sn.geography.scope import Scope
from sn.teams.models import Officer, Team
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


@dataclass
class Line:
    """One row of a report's list: an area, a team or an officer, in the report's month."""

    level: Level
    key: str  # the code of an area, the neighbourhood code of a team, the officer's pk
    name: str
    tally: Tally
    target: Decimal | None
    parent: str = ""  # the borough of a team in a force list, the cluster of one in a borough's

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


def _trend(duties: QuerySet[Duty], month: date, history: list[Policy]) -> tuple[Tally, list[MonthPoint]]:
    """The month's tally and the last 12 months up to it that hold duties."""
    by_month = tallies(
        duties, key=None, first_month=add_months(month, 1 - TREND_LOOKBACK), last_month=month, history=history
    )
    held = sorted(m for (_, m), tally in by_month.items() if tally.rostered)
    trend = [MonthPoint(m, by_month[(None, m)], _target(m, history)) for m in held[-TREND_MONTHS:]]
    return by_month.get((None, month), Tally()), trend


def _lines(duties: QuerySet[Duty], key: str, month: date, history: list[Policy], level: Level) -> list[Line]:
    by_key = {
        k: tally
        for (k, _), tally in tallies(
            duties, key=key, first_month=month, last_month=month, history=history
        ).items()
    }
    target = _target(month, history)
    if level is Level.BOROUGH:
        names = {b.pk: (b.code, b.name, "") for b in Borough.objects.filter(pk__in=by_key)}
    elif level is Level.CLUSTER:
        names = {
            c.pk: (c.code, c.name, c.borough.name)
            for c in Cluster.objects.filter(pk__in=by_key).select_related("borough")
        }
        names[None] = ("", "Wards outside any cluster", "")
    elif level is Level.TEAM:
        names = {
            t.pk: (t.neighbourhood.code, t.neighbourhood.name, _team_parent(t.neighbourhood))
            for t in Team.objects.filter(pk__in=by_key).select_related(
                "neighbourhood__borough", "neighbourhood__cluster"
            )
        }
    else:
        names = {
            o.pk: (str(o.pk), f"{o.full_name} ({o.collar_number})", o.get_rank_display())
            for o in Officer.objects.filter(pk__in=by_key)
        }
    return [
        Line(level, code, name, by_key[k], target, parent)
        for k, (code, name, parent) in names.items()
        if k in by_key
    ]


def _team_parent(neighbourhood: Neighbourhood) -> str:
    cluster = neighbourhood.cluster.name if neighbourhood.cluster else "no cluster"
    return f"{neighbourhood.borough.name}, {cluster}"


def over_target_first(lines: list[Line]) -> list[Line]:
    """Teams over the target first, the furthest over at the top; then the rest, highest rate first."""
    return sorted(lines, key=lambda line: (not line.over_target, -(line.tally.rate or 0), line.name))


def abstraction_report(*, level: Level, area, month: date, scope: Scope) -> AbstractionReport:
    """`area` is None for the force, else the Borough, Cluster, Neighbourhood (a team's ward) or Officer."""
    history = policies()
    duties = area_duties(level, area, scope)
    tally, trend = _trend(duties, month, history)
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
    if level is Level.FORCE:
        report.areas = sorted(
            _lines(duties, f"{_AREA}__borough_id", month, history, Level.BOROUGH), key=_by_name
        )
    elif level is Level.BOROUGH:
        report.areas = sorted(
            _lines(duties, f"{_AREA}__cluster_id", month, history, Level.CLUSTER), key=_by_name
        )
    if level in (Level.FORCE, Level.BOROUGH, Level.CLUSTER, Level.OFFICER):
        report.teams = over_target_first(_lines(duties, "team_id", month, history, Level.TEAM))
    if level is Level.TEAM:
        report.officers = over_target_first(_lines(duties, "officer_id", month, history, Level.OFFICER))
    return report


def _by_name(line: Line) -> str:
    return line.name


def teams_over_target(*, scope: Scope, month: date) -> list[Line]:
    """The teams in scope over the target in a month, the furthest over first (the work items)."""
    history = policies()
    lines = _lines(duties_in_scope(scope), "team_id", month, history, Level.TEAM)
    return [line for line in over_target_first(lines) if line.over_target]


def officer_in_scope(officer: Officer, scope: Scope, *, on: date) -> bool:
    """Whether a reader reaches an officer: posted in scope on the day, or with duties in scope."""
    if scope.everything:
        return True
    posted = officer.postings.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=on), start_date__lte=on
    ).filter(scope.neighbourhood_q("team__neighbourhood"))
    return posted.exists() or duties_in_scope(scope).filter(officer=officer).exists()
