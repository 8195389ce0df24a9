"""An abstraction report as `Table`s (the page, the CSV and workbook, and the monthly reports' section
all show the same ones) and as the data of its trend chart."""

import json
from decimal import Decimal

from sn.core.exports import NumberFormat
from sn.core.registries import Table
from sn.workforce.abstraction.selectors import AbstractionReport, Level, Line

# Seed 003's force rate was 1.6%: a whole per cent would round it to 2% and hide the target's margin.
RATE = NumberFormat("0.0%", ".1%")
HOURS = NumberFormat("#,##0", ",.0f")

_LINE_HEADERS = [
    "Rostered hours",
    "Hours abstracted (counted)",
    "Hours abstracted (exempt)",
    "Rate",
    "Target",
]
_LINE_FORMATS = {0: HOURS, 1: HOURS, 2: HOURS, 3: RATE, 4: RATE}


def fraction(target: Decimal | None) -> float | None:
    """A target held in per cent (2.00) as the fraction the rates are (0.02)."""
    return None if target is None else float(target) / 100


def _figures(line_tally, target: Decimal | None) -> list:
    return [
        round(line_tally.rostered_hours, 1),
        round(line_tally.counted_hours, 1),
        round(line_tally.exempt_hours, 1),
        line_tally.rate,
        fraction(target),
    ]


def _shifted(formats: dict[int, NumberFormat], by: int) -> dict[int, NumberFormat]:
    return {index + by: fmt for index, fmt in formats.items()}


def reasons_table(report: AbstractionReport) -> Table:
    rows = [[r.label, r.status, round(r.hours, 1), r.rate] for r in report.reasons]
    rows.append(
        ["All abstraction that counts", "Counts", round(report.tally.counted_hours, 1), report.tally.rate]
    )
    rows.append(
        [
            "All rostered hours",
            "",
            round(report.tally.rostered_hours, 1),
            1.0 if report.tally.rostered else None,
        ]
    )
    return Table(
        caption=f"{report.name}: abstraction by reason, {report.month:%B %Y}",
        headers=["Reason", "Against the target", "Hours", "Share of rostered hours"],
        rows=rows,
        numeric_from=2,
        sheet="Reasons",
        formats={2: HOURS, 3: RATE},
    )


def _over(line: Line) -> str:
    return "Over" if line.over_target else ""


def areas_table(report: AbstractionReport) -> Table | None:
    if not report.areas:
        return None
    kind = "Borough" if report.level is Level.FORCE else "Cluster"
    return Table(
        caption=f"{kind}s of {report.name}, {report.month:%B %Y}",
        headers=[kind, *_LINE_HEADERS, "Over the target"],
        rows=[[line.name, *_figures(line.tally, line.target), _over(line)] for line in report.areas],
        sheet=f"{kind}s",
        formats=_shifted(_LINE_FORMATS, 1),
    )


def teams_table(report: AbstractionReport, *, over_only: bool = False) -> Table | None:
    lines = report.teams_over if over_only else report.teams
    if not lines:
        return None
    which = "the teams over the target" if over_only else "those over the target first"
    return Table(
        caption=f"Teams of {report.name}, {report.month:%B %Y}, {which}",
        headers=["Team (ward)", "Borough and cluster", *_LINE_HEADERS, "Over the target"],
        rows=[[line.name, line.parent, *_figures(line.tally, line.target), _over(line)] for line in lines],
        numeric_from=2,
        sheet="Teams",
        formats=_shifted(_LINE_FORMATS, 2),
    )


def officers_table(report: AbstractionReport) -> Table | None:
    if not report.officers:
        return None
    return Table(
        caption=f"Officers of {report.name}, {report.month:%B %Y}, those over the target first",
        headers=["Officer", "Rank", *_LINE_HEADERS, "Over the target"],
        rows=[
            [line.name, line.parent, *_figures(line.tally, line.target), _over(line)]
            for line in report.officers
        ],
        numeric_from=2,
        sheet="Officers",
        formats=_shifted(_LINE_FORMATS, 2),
    )


def trend_table(report: AbstractionReport) -> Table:
    return Table(
        caption=f"{report.name}: abstraction month by month, the last {len(report.trend)} months with duties",
        headers=["Month", *_LINE_HEADERS],
        rows=[[f"{p.month:%B %Y}", *_figures(p.tally, p.target)] for p in report.trend],
        sheet="Trend",
        formats=_shifted(_LINE_FORMATS, 1),
    )


def report_tables(report: AbstractionReport, *, for_page: bool = False) -> list[Table]:
    """Every table of a report. The force's page lists only the teams over the target (hundreds of
    teams make a page too long to read); its downloads list them all."""
    over_only = for_page and report.level is Level.FORCE
    tables = [
        reasons_table(report),
        areas_table(report),
        teams_table(report, over_only=over_only),
        officers_table(report),
    ]
    return [t for t in tables if t is not None] + [trend_table(report)]


def chart_data(report: AbstractionReport) -> str:
    """The trend chart's data: the rate and the target each month, in per cent."""

    def percent(value: float | None) -> float | None:
        return None if value is None else round(value * 100, 2)

    return json.dumps(
        {
            "labels": [f"{p.month:%b %Y}" for p in report.trend],
            "rate": [percent(p.tally.rate) for p in report.trend],
            "target": [percent(fraction(p.target)) for p in report.trend],
        }
    )


def cell_text(value, number_format: NumberFormat | None) -> str:
    """A cell as the page shows it: the same text the report formats give it."""
    if value is None:
        return "–"
    if number_format is not None and isinstance(value, int | float):
        return number_format.text(value)
    return str(value)


def page_rows(table: Table) -> list[list[str]]:
    return [[cell_text(v, table.formats.get(i)) for i, v in enumerate(row)] for row in table.rows]


def headline(report: AbstractionReport) -> dict[str, str]:
    """The figures at the top of a page, as text."""
    tally = report.tally
    return {
        "rate": cell_text(tally.rate, RATE),
        "target": cell_text(fraction(report.target), RATE),
        "counted": cell_text(tally.counted_hours, HOURS),
        "rostered": cell_text(tally.rostered_hours, HOURS),
    }
