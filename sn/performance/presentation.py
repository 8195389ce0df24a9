"""Survey figures shaped for pages, charts and downloads (percentages, rounded)."""

from sn.performance.selectors import BoroughMeasure, Comparison, MeasureTrend


def _pct(value: float | None) -> float | None:
    return None if value is None else round(value * 100, 1)


def _comparison_cells(comparison: Comparison | None) -> list:
    if comparison is None:
        return [None, None, ""]
    return [_pct(comparison.other.estimate), _pct(comparison.test.difference), comparison.direction.value]


def _how_tested(comparison: Comparison | None) -> str:
    """The test that decided, and why it was not the usual z-test or why nothing was tested, so a
    reader of the file can tell "similar" from "too few to tell"."""
    if comparison is None:
        return ""
    test = comparison.test
    return f"{test.method}: {test.reason}" if test.reason else str(test.method)


OVERVIEW_HEADERS = [
    "Measure", "Borough code", "Borough", "Rolling year to", "Respondents", "Estimate %", "95% CI low %",
    "95% CI high %", "Force %", "Difference from force (points)", "Against force", "Comparison group",
    "Group %", "Difference from group (points)", "Against group", "A year earlier %",
    "Change on a year earlier (points)", "Against a year earlier",
    # Appended, not interleaved, so the columns above keep their places for anyone reading by position.
    "How tested against force", "How tested against group", "How tested against a year earlier",
]  # fmt: skip


def overview_rows(rows: list[BoroughMeasure], end) -> list[list]:
    table = []
    for row in rows:
        current = row.current
        table.append(
            [row.measure.label, row.borough.code, row.borough.name, str(end)]
            + (
                [current.sample, _pct(current.estimate), _pct(current.low), _pct(current.high)]
                if current
                else [None, None, None, None]
            )
            + _comparison_cells(row.vs_force)
            + [row.group]
            + _comparison_cells(row.vs_group)
            + _comparison_cells(row.vs_year_ago)
            + [_how_tested(c) for c in (row.vs_force, row.vs_group, row.vs_year_ago)]
        )
    return table


TREND_HEADERS = [
    "Measure", "Quarter", "Months", "Respondents", "Positive", "Estimate %", "95% CI low %", "95% CI high %",
    "Rolling year %", "Rolling year CI low %", "Rolling year CI high %", "Force quarter %",
]  # fmt: skip


def trend_rows(trends: list[MeasureTrend]) -> list[list]:
    return [
        [
            trend.measure.label,
            str(p.quarter),
            p.quarter.months,
            p.counts.sample,
            p.counts.positive,
            _pct(p.interval.estimate),
            _pct(p.interval.low),
            _pct(p.interval.high),
            _pct(p.rolling.estimate if p.rolling else None),
            _pct(p.rolling.low if p.rolling else None),
            _pct(p.rolling.high if p.rolling else None),
            _pct(p.force.estimate if p.force else None),
        ]
        for trend in trends
        for p in trend.points
    ]


def chart_data(trends: list[MeasureTrend]) -> dict:
    """What static/performance/trend-chart.js draws: per measure, quarters and percentages."""
    return {
        "measures": [
            {
                "slug": t.measure.value,
                "label": t.measure.label,
                "higherIsBetter": t.measure.higher_is_better,
                "labels": [str(p.quarter) for p in t.points],
                "estimate": [_pct(p.interval.estimate) for p in t.points],
                "low": [_pct(p.interval.low) for p in t.points],
                "high": [_pct(p.interval.high) for p in t.points],
                "rolling": [_pct(p.rolling.estimate) if p.rolling else None for p in t.points],
                "force": [_pct(p.force.estimate) if p.force else None for p in t.points],
            }
            for t in trends
        ]
    }
