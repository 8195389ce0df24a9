"""The survey section of the monthly ward and borough reports (registered in sn.performance.hooks)."""

from datetime import date

from sn.core.exports import PERCENT
from sn.core.registries import ReportSection, Table
from sn.geography.models import Borough, Neighbourhood
from sn.performance.quarters import FinancialQuarter
from sn.performance.selectors import performance_overview, survey_quarters


def survey_section(area: Borough | Neighbourhood, month: date) -> ReportSection | None:
    """The borough's public attitude survey measures for the latest rolling year ending by the month
    (a ward report shows its borough's: the survey is not sampled by ward)."""
    borough = area if isinstance(area, Borough) else area.borough
    limit = FinancialQuarter.containing(month)
    quarters = [q for q in survey_quarters() if q <= limit]
    if not quarters:
        return None
    overview = performance_overview(
        boroughs=Borough.objects.filter(force_id=borough.force_id), end=quarters[-1]
    )
    rows = []
    for row in overview.for_borough(borough):
        current = row.current
        rows.append(
            [
                row.measure.label,
                None if current is None else current.estimate,
                None if current is None else current.low,
                None if current is None else current.high,
                *(
                    comparison.direction.value if comparison else "–"
                    for comparison in (row.vs_force, row.vs_group, row.vs_year_ago)
                ),
            ]
        )
    where = "" if isinstance(area, Borough) else f" ({borough.name}; the survey is not sampled by ward)"
    return ReportSection(
        key="survey",
        title="Public attitude survey",
        summary=[f"Rolling year to {quarters[-1]}{where}."],
        tables=[
            Table(
                caption="Survey measures with 95% confidence intervals and significance",
                headers=[
                    "Measure",
                    "Estimate",
                    "95% interval from",
                    "95% interval to",
                    "Against force",
                    "Against group",
                    "Against a year earlier",
                ],
                rows=rows,
                sheet="Survey measures",
                formats={1: PERCENT, 2: PERCENT, 3: PERCENT},
            )
        ],
        note="Differences are tested at the 95% level; see the performance pages for the method.",
    )
