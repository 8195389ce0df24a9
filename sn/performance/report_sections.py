"""The survey section of the monthly ward, cluster and borough reports (registered in
sn.performance.hooks)."""

from datetime import date

from sn.core.exports import PERCENT
from sn.core.months import add_months
from sn.core.registries import ReportSection, Table
from sn.geography.models import Borough, Cluster, Neighbourhood
from sn.performance.quarters import FinancialQuarter
from sn.performance.selectors import performance_overview, survey_quarters


def _age(months: int) -> str:
    years, months = divmod(months, 12)
    parts = [f"{years} year{'s' if years != 1 else ''}"] if years else []
    if months or not years:
        parts.append(f"{months} month{'s' if months != 1 else ''}")
    return " ".join(parts)


def survey_section(area: Borough | Cluster | Neighbourhood, day: date) -> ReportSection | None:
    """The borough's public attitude survey measures for the latest rolling year held on the report
    date (a ward or cluster report shows its borough's: the survey is sampled by borough), and how
    old it is: results can lag the report by years, and a reader must not take them for this month's."""
    borough = area if isinstance(area, Borough) else area.borough
    limit = FinancialQuarter.containing(day)
    quarters = [q for q in survey_quarters() if q <= limit]
    if not quarters:
        return None
    end = quarters[-1]
    overview = performance_overview(boroughs=Borough.objects.filter(force_id=borough.force_id), end=end)
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
    first_month, last_month = end.last_four()[0].start, add_months(end.start, 2)
    age = (day.year * 12 + day.month) - (last_month.year * 12 + last_month.month)
    summary = []
    if not isinstance(area, Borough):
        kind = "cluster" if isinstance(area, Cluster) else "ward"
        summary.append(f"{borough.name}'s results: the survey is not sampled by {kind}.")
    summary.append(
        "The survey's latest results at the report date; "
        + (f"they end {_age(age)} before it." if age > 0 else "they end in the report's month.")
    )
    return ReportSection(
        key="survey",
        title="Public attitude survey",
        summary=summary,
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
        period=f"the rolling year {first_month:%B %Y} to {last_month:%B %Y} ({end})",
    )
