"""The borough's EPIC activity in the pack: its activity by family in the last complete month before the
pack's date, against the month before, with the borough's place among the force's boroughs. Read from
the force's EPIC report (sn.activity.selectors.epic_report), whose parts are the boroughs, so that one
report serves every borough's pack of the month (the demo builds hundreds of packs)."""

from datetime import date

from sn.activity.kinds import Family
from sn.activity.selectors import EpicReport, epic_report
from sn.core.months import add_months
from sn.core.registries import ReportSection, Table
from sn.geography.models import Borough


def epic_month(as_at: date) -> date:
    return add_months(as_at.replace(day=1), -1)


def force_report(as_at: date, cache: dict | None = None) -> EpicReport:
    month = epic_month(as_at)
    if cache is not None and month in cache:
        return cache[month]
    report = epic_report(area=None, month=month)
    if cache is not None:
        cache[month] = report
    return report


def epic_section(borough: Borough, report: EpicReport, as_at: date) -> ReportSection:
    month = report.month
    parts = sorted(report.parts, key=lambda p: -p.total)
    mine = next((p for p in parts if p.code == borough.code), None)
    period = f"{month:%B %Y}, against {add_months(month, -1):%B %Y}"
    if mine is None or not (mine.total or mine.previous_total):
        return ReportSection(
            key="epic",
            title="EPIC activity",
            summary=[
                f"No EPIC activity is recorded for {borough.name} in {month:%B %Y} or the month before."
            ],
            as_at=as_at,
            period=period,
        )
    rank = 1 + sum(1 for p in parts if p.total > mine.total)
    others = [p.total for p in parts if p.code != borough.code]
    average = sum(others) / len(others) if others else 0
    rows = [[Family(f).label, mine.families.get(str(f), 0)] for f in Family]
    rows.append(["All activity", mine.total])
    return ReportSection(
        key="epic",
        title="EPIC activity",
        summary=[
            f"{mine.total:,} activities recorded in {month:%B %Y} "
            f"(the month before: {mine.previous_total:,}); "
            f"{_ordinal(rank)} of the force's {len(parts)} boroughs, whose average is {average:,.0f}."
        ],
        tables=[
            Table(
                caption=f"Activity by EPIC family, {month:%B %Y}",
                headers=["Family", "Activities"],
                rows=rows,
            )
        ],
        as_at=as_at,
        period=period,
        note="Enforcement, Prevention, Intelligence and Communication, as the teams record them; the EPIC "
        "pages break them down by kind, stage and who delivered them.",
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
