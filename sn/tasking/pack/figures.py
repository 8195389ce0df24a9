"""The borough's figures in the pack: its latest public attitude survey measures (sn.performance), read
once per survey quarter for every borough asked."""

from datetime import date

from sn.core.exports import PERCENT
from sn.core.months import add_months
from sn.core.registries import ReportSection, Table
from sn.geography.models import Borough
from sn.performance.quarters import FinancialQuarter
from sn.performance.selectors import performance_overview, survey_quarters

SURVEY_HEADERS = [
    "Measure",
    "Estimate",
    "95% interval from",
    "95% interval to",
    "Against force",
    "Against a year earlier",
]


def survey_sections(
    boroughs: list[Borough], as_at: date, cache: dict | None = None
) -> dict[int, ReportSection]:
    cache = {} if cache is None else cache
    if "quarters" not in cache:
        cache["quarters"] = survey_quarters()
    limit = FinancialQuarter.containing(as_at)
    quarters = [q for q in cache["quarters"] if q <= limit]
    if not quarters:
        return {}
    end = quarters[-1]
    if end not in cache:
        force_id = boroughs[0].force_id
        cache[end] = performance_overview(boroughs=Borough.objects.filter(force_id=force_id), end=end)
    overview = cache[end]
    first_month, last_month = end.last_four()[0].start, add_months(end.start, 2)
    sections = {}
    for borough in boroughs:
        rows = []
        for row in overview.for_borough(borough):
            current = row.current
            rows.append(
                [
                    row.measure.label,
                    None if current is None else current.estimate,
                    None if current is None else current.low,
                    None if current is None else current.high,
                    *(c.direction.value if c else "–" for c in (row.vs_force, row.vs_year_ago)),
                ]
            )
        sections[borough.id] = ReportSection(
            key="survey",
            title="Public attitude survey",
            summary=[f"{borough.name}'s latest survey results on the pack's date."],
            tables=[
                Table(
                    caption="Survey measures with 95% confidence intervals",
                    headers=SURVEY_HEADERS,
                    rows=rows,
                    formats={1: PERCENT, 2: PERCENT, 3: PERCENT},
                )
            ],
            as_at=as_at,
            period=f"the rolling year {first_month:%B %Y} to {last_month:%B %Y} ({end})",
        )
    return sections
