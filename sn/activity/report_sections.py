"""EPIC in the pages other apps own: the "epic" section of the monthly ward, cluster and borough reports,
form 301's "other significant operational activity" (the ward's last 12 months by family), and the ward
page's panel (registered in sn.activity.hooks)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from sn.activity.kinds import Family
from sn.activity.permissions import RECORD_ACTIVITY
from sn.activity.selectors import EpicReport, epic_report
from sn.activity.tables import (
    families_table,
    interventions_table,
    month_label,
    parts_table,
    priorities_table,
    series_table,
    stages_table,
)
from sn.core.access import has_permission
from sn.core.months import add_months
from sn.core.registries import ReportSection, Table


def _summary(report: EpicReport) -> list[str]:
    total = report.total
    lines = [
        f"{total.current:,} activities recorded in {report.records.current:,} records: "
        + ", ".join(f"{f.current:,} {f.label.lower()}" for f in report.families)
        + "."
    ]
    lines.append(
        f"{total.on_previous:+,} on the month before and {total.on_year_earlier:+,} on the same month a year "
        "earlier."
    )
    done = sum(i.done.current for i in report.interventions)
    open_ = sum(i.open_at_end for i in report.interventions)
    wards = len({p.ward_code for p in report.priorities})
    lines.append(
        f"{len(report.priorities)} priorities tackled by {wards} panels; {done} interventions done in the "
        f"month, {open_} open at its end."
    )
    return lines


def epic_section(area, day: date) -> ReportSection | None:
    """The month of the report: activity by family and stage, interventions, priorities and the parts."""
    report = epic_report(area=area, month=day)
    if not report.has_activity and not report.priorities:
        # An empty month is itself worth reporting: the report says so rather than leaving EPIC out.
        return ReportSection(
            key="epic",
            title="EPIC activity",
            summary=[
                f"No EPIC activity or priorities recorded for {report.name} in this month or the year before."
            ],
            period=month_label(report.month, day),
        )
    tables: list[Table] = [
        families_table(report),
        stages_table(report),
        interventions_table(report),
        priorities_table(report),
    ]
    parts = parts_table(report)
    if parts is not None:
        tables.append(parts)
    return ReportSection(
        key="epic",
        title="EPIC activity",
        summary=_summary(report),
        tables=tables,
        note="Enforcement, Prevention, Intelligence and Communication: the counts the team, its partners "
        "and the public recorded. Interventions are those of the area's problem-solving cases.",
        period=month_label(report.month, day),
    )


def activity_strategic_section(neighbourhood, day: date) -> ReportSection | None:
    """Form 301's "other significant operational activity": the ward's last 12 months by family."""
    report = epic_report(area=neighbourhood, month=day)
    if not report.has_activity:
        return None
    year = series_table(report, months=12)
    totals = {str(f): sum(report.series[str(f)][-12:]) for f in Family}
    return ReportSection(
        key="activity",
        title="Other significant operational activity (EPIC)",
        summary=[
            "Over the last 12 months: "
            + ", ".join(f"{totals[str(f)]:,} {f.label.lower()}" for f in Family)
            + " activities recorded."
        ],
        tables=[year],
        period=f"{add_months(report.month, -11):%B %Y} to {month_label(report.month, day)}",
    )


def activity_panel(user, neighbourhood) -> dict | None:
    """The ward page's EPIC panel: this month so far and the month before, by family."""
    today = timezone.localdate()
    report = epic_report(area=neighbourhood, month=today)
    return {
        "report": report,
        "families": report.families,
        "total": report.total,
        "list_url": reverse("activity:ward", args=[neighbourhood.code]),
        "report_url": reverse("activity:ward_report", args=[neighbourhood.code]),
        "new_url": reverse("activity:record_new", args=[neighbourhood.code])
        if has_permission(user, RECORD_ACTIVITY)
        else "",
    }
