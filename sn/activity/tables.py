"""The EPIC report as tables: what the pages show, the downloads carry (CSV and XLSX) and the monthly
reports and form 301 print. One place decides the columns, so every format says the same."""

import csv
import io
from collections.abc import Sequence
from datetime import date

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from sn.activity.kinds import DeliveredBy, Family
from sn.activity.selectors import EpicReport, Figure
from sn.core.exports import BOM, download_response, safe_cell, sheet_title, xlsx_row
from sn.core.months import month_end
from sn.core.registries import Table


def compared_headers(report: EpicReport, first: str) -> list[str]:
    return [
        first,
        f"{report.month:%B %Y}",
        f"{report.previous_month:%B %Y}",
        "Change on the month before",
        f"{report.year_earlier_month:%B %Y}",
        "Change on a year earlier",
    ]


def compared_row(figure: Figure, label: str | None = None) -> list:
    return [
        label or figure.label,
        figure.current,
        figure.previous,
        figure.on_previous,
        figure.year_earlier,
        figure.on_year_earlier,
    ]


def families_table(report: EpicReport) -> Table:
    rows = [compared_row(f) for f in report.families] + [compared_row(report.total)]
    return Table("Activity by family", compared_headers(report, "Family"), rows, sheet="By family")


def kinds_table(report: EpicReport) -> Table:
    rows = [[Family(k.family).label, *compared_row(k)] for k in report.kinds if k.any]
    headers = ["Family", *compared_headers(report, "Kind")]
    return Table("Activity by kind", headers, rows, numeric_from=2, sheet="By kind")


def stages_table(report: EpicReport) -> Table:
    rows = [compared_row(s) for s in report.stages]
    return Table(
        "Activity by stage of the seven-stage model",
        compared_headers(report, "Stage"),
        rows,
        sheet="By stage",
    )


def delivered_table(report: EpicReport) -> Table:
    rows = [compared_row(d) for d in report.delivered] + [compared_row(report.records)]
    return Table(
        "Activity by who delivered it", compared_headers(report, "Delivered by"), rows, sheet="By deliverer"
    )


def interventions_table(report: EpicReport) -> Table:
    headers = [
        "Delivered by",
        f"Done in {report.month:%B %Y}",
        f"Done in {report.previous_month:%B %Y}",
        f"Done in {report.year_earlier_month:%B %Y}",
        "Open at the month's end",
    ]
    rows = [
        [i.label, i.done.current, i.done.previous, i.done.year_earlier, i.open_at_end]
        for i in report.interventions
    ]
    return Table("Interventions by police, partners and the public", headers, rows, sheet="Interventions")


def priorities_table(report: EpicReport) -> Table:
    who = list(DeliveredBy)
    headers = [
        "Ward",
        "Priority",
        "Topic",
        "Status",
        "Activity in the month",
        *(f"Done: {d.label.lower()}" for d in who),
        *(f"Open: {d.label.lower()}" for d in who),
    ]
    rows = [
        [
            p.ward_name,
            p.wording,
            p.topic,
            p.status,
            p.activity,
            *(p.done.get(str(d), 0) for d in who),
            *(p.open.get(str(d), 0) for d in who),
        ]
        for p in report.priorities
    ]
    return Table("Priorities the panels are tackling", headers, rows, numeric_from=4, sheet="Priorities")


# Above this many priorities (a borough's or the force's month) the page shows them by topic; the
# downloads keep every priority.
PRIORITIES_LISTED_ON_A_PAGE = 40


def priority_topics_table(report: EpicReport) -> Table:
    """The priorities of the month by topic: how many teams tackle each and what was done on them."""
    who = list(DeliveredBy)
    by_topic: dict[str, list] = {}
    for p in report.priorities:
        row = by_topic.setdefault(p.topic, [p.topic, set(), 0, 0, *(0 for _ in who)])
        row[1].add(p.ward_name)
        row[2] += 1
        row[3] += p.activity
        for i, d in enumerate(who):
            row[4 + i] += p.done.get(str(d), 0)
    rows = sorted(
        (
            [topic, len(wards), count, activity, *done]
            for topic, wards, count, activity, *done in by_topic.values()
        ),
        key=lambda r: (-r[2], r[0]),
    )
    headers = [
        "Topic",
        "Wards",
        "Priorities",
        "Activity in the month",
        *(f"Done: {d.label.lower()}" for d in who),
    ]
    return Table(
        "Priorities the panels are tackling, by topic (every priority is in the downloads)",
        headers,
        rows,
        sheet="Priorities by topic",
    )


def parts_table(report: EpicReport) -> Table | None:
    if not report.parts:
        return None
    headers = [
        report.parts_label,
        *(f.label for f in Family),
        "All activity",
        f"{report.previous_month:%B %Y}",
    ]
    rows = [[p.name, *(p.families[str(f)] for f in Family), p.total, p.previous_total] for p in report.parts]
    return Table(f"By {report.parts_label.lower()}, {report.month:%B %Y}", headers, rows, sheet="By area")


def series_table(report: EpicReport, months: int | None = None) -> Table:
    shown = report.months[-months:] if months else report.months
    offset = len(report.months) - len(shown)
    rows = []
    for i, month in enumerate(shown, start=offset):
        values = [report.series[str(f)][i] for f in Family]
        rows.append([f"{month:%b %Y}", *values, sum(values)])
    headers = ["Month", *(f.label for f in Family), "All activity"]
    return Table("Activity month by month", headers, rows, sheet="By month")


def report_tables(report: EpicReport, *, for_page: bool = False) -> list[Table]:
    summarise = for_page and len(report.priorities) > PRIORITIES_LISTED_ON_A_PAGE
    tables = [
        families_table(report),
        kinds_table(report),
        stages_table(report),
        delivered_table(report),
        interventions_table(report),
        priority_topics_table(report) if summarise else priorities_table(report),
    ]
    parts = parts_table(report)
    if parts is not None:
        tables.append(parts)
    tables.append(series_table(report))
    return tables


def tables_response(filename: str, title: str, tables: Sequence[Table], fmt: str) -> HttpResponse:
    """Several tables as one download: a workbook with a sheet each, or a CSV with each table under its
    caption, a blank line between."""
    if fmt == "xlsx":
        workbook = Workbook()
        workbook.remove(workbook.active)
        used: set[str] = set()
        for table in tables:
            sheet = workbook.create_sheet(sheet_title(table.sheet or table.caption, used))
            xlsx_row(sheet, [f"{title}: {table.caption}"], font=Font(bold=True))
            xlsx_row(sheet, table.headers, font=Font(bold=True))
            for row in table.rows:
                xlsx_row(sheet, row, formats=table.formats)
        buffer = io.BytesIO()
        workbook.save(buffer)
        return download_response(buffer.getvalue(), filename=filename, fmt=fmt)
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([safe_cell(f"{title}: {table.caption}")])
        writer.writerow([safe_cell(h) for h in table.headers])
        writer.writerows([safe_cell(v) for v in row] for row in table.rows)
    return download_response(buffer.getvalue(), filename=filename, fmt=fmt)


def month_label(month: date, day: date | None = None) -> str:
    """The month as a period: "October 2024", or "1 to 12 November 2024" while it is under way."""
    if day is not None and (day.year, day.month) == (month.year, month.month) and day < month_end(month):
        return f"1 to {day.day} {month:%B %Y} (the month so far)"
    return f"{month:%B %Y}"
