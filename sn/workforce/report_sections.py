"""Abstraction in the pages other apps own: the "abstraction" section of the monthly ward, cluster and
borough reports, and the inspector's and borough lead's work items for teams over the target last
month (both registered in sn.workforce.hooks_abstraction)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from sn.core.months import add_months
from sn.core.registries import ReportSection, Table, WorkItem
from sn.core.roles import Role
from sn.geography.models import Borough, Cluster, Neighbourhood
from sn.geography.scope import Scope, scope_of
from sn.workforce.abstraction.selectors import AbstractionReport, Level, abstraction_report, teams_over_target
from sn.workforce.abstraction.tables import RATE, cell_text, fraction, reasons_table, teams_table, trend_table

EVERYTHING = Scope(everything=True)
# The roles that answer for a team's abstraction: the cluster's inspector and the borough lead. The
# central unit sees the force's list on its page; a work item per team of the force would bury the rest.
_WORK_ROLES = {Role.INSPECTOR, Role.BOROUGH_LEAD}


def _level(area) -> Level:
    if isinstance(area, Borough):
        return Level.BOROUGH
    if isinstance(area, Cluster):
        return Level.CLUSTER
    return Level.TEAM


def _summary(report: AbstractionReport) -> list[str]:
    tally = report.tally
    rate, target = cell_text(tally.rate, RATE), cell_text(fraction(report.target), RATE)
    verdict = "over" if report.over_target else "within"
    lines = [
        f"{rate} of {tally.rostered_hours:,.0f} rostered hours abstracted for reasons that count "
        f"({tally.counted_hours:,.0f} hours), {verdict} the target of {target}."
    ]
    shares = [
        f"{r.label.lower()} {cell_text(r.rate, RATE)} ({r.status.lower()})" for r in report.reasons if r.hours
    ]
    if shares:
        lines.append("By reason: " + "; ".join(shares) + ".")
    if report.teams:
        over = report.teams_over
        names = ", ".join(t.name for t in over[:5]) + (" and others" if len(over) > 5 else "")
        lines.append(
            f"{len(over)} of {len(report.teams)} teams over the target" + (f": {names}." if over else ".")
        )
    return lines


def abstraction_section(area: Borough | Cluster | Neighbourhood, day: date) -> ReportSection:
    """The report's month: the rate, the target, the reasons, the teams over the target and the trend.
    A month without duties says so: a missing section would read as no abstraction at all."""
    month = day.replace(day=1)
    report = abstraction_report(level=_level(area), area=area, month=month, scope=EVERYTHING)
    if not report.has_duties:
        return ReportSection(
            key="abstraction",
            title="Abstraction",
            summary=[
                f"No duties are recorded for {area.name} in {month:%B %Y}, so its abstraction cannot be "
                "worked out. Duties come from the duty system's file (sn import-duties) or are recorded "
                "by the team's sergeant."
            ],
            period=f"{month:%B %Y}",
        )
    tables: list[Table] = [reasons_table(report)]
    teams = teams_table(report)
    if teams is not None:
        tables.append(teams)
    tables.append(trend_table(report))
    return ReportSection(
        key="abstraction",
        title="Abstraction",
        summary=_summary(report),
        tables=tables,
        note="Hours abstracted for reasons that count over all hours rostered to the officers' home teams. "
        "Exempt reasons are shown but not counted; a change of policy applies from its date.",
        period=f"{month:%B %Y}",
    )


def teams_over_target_items(user) -> list[WorkItem]:
    """Last month's teams over the target in the inspector's cluster or the borough lead's borough."""
    if getattr(user, "role", None) not in _WORK_ROLES:
        return []
    month = add_months(timezone.localdate().replace(day=1), -1)
    query = f"?month={month:%Y-%m}"
    return [
        WorkItem(
            title=f"{line.name}: {cell_text(line.tally.rate, RATE)} abstracted in {month:%B %Y}, "
            f"over the target of {cell_text(fraction(line.target), RATE)}",
            url=reverse("workforce:abstraction_ward", args=[line.key]) + query,
            area=line.parent,
            detail=f"{line.tally.counted_hours:,.0f} of {line.tally.rostered_hours:,.0f} rostered hours",
            urgency=round((line.tally.rate or 0) * 1000),
        )
        for line in teams_over_target(scope=scope_of(user), month=month)
    ]
