"""The sections every monthly report has. Other apps register theirs the same way."""

from datetime import date

from sn.geography.models import Borough, Neighbourhood
from sn.reports.sections import Area, ReportSection, Table, section
from sn.teams.models import ESTABLISHED_RANKS, TEAM_RANKS, Rank, Team
from sn.teams.selectors import team_staffing


def _teams_of(area: Area):
    if isinstance(area, Borough):
        return Team.objects.filter(neighbourhood__borough=area)
    return Team.objects.filter(neighbourhood=area)


@section(order=10)
def staffing_section(area: Area, month: date) -> ReportSection | None:
    per_team = team_staffing(_teams_of(area), on=month)
    if not per_team:
        return None
    rows = []
    for staffing in sorted(per_team.values(), key=lambda s: s.label):
        rows.append(
            [staffing.label]
            + [round(staffing.establishment[r], 1) for r in ESTABLISHED_RANKS]
            + [round(staffing.strength[r], 1) for r in TEAM_RANKS]
            + [round(staffing.total_vacancies, 1)]
        )
    posts = sum(s.total_establishment for s in per_team.values())
    vacant = sum(s.total_vacancies for s in per_team.values())
    headers = (
        ["Team"]
        + [f"{Rank(r).label} posts" for r in ESTABLISHED_RANKS]
        + [f"{Rank(r).label} in post" for r in TEAM_RANKS]
        + ["Vacant posts"]
    )
    what = "team" if isinstance(area, Neighbourhood) else f"{len(per_team)} teams"
    return ReportSection(
        key="staffing",
        title="Staffing against establishment",
        summary=[f"On {month:%d %B %Y} the {what} had {posts - vacant:,.1f} of {posts:,.0f} posts filled."],
        tables=[Table(caption="Posts and officers in post by team", headers=headers, rows=rows)],
        note="A sergeant who leads several teams counts as a share of a sergeant in each.",
    )


@section(order=40)
def survey_section(area: Area, month: date) -> ReportSection | None:
    """The borough's public attitude survey measures for the latest rolling year ending by the month
    (a ward report shows its borough's: the survey is not sampled by ward)."""
    from sn.performance.quarters import FinancialQuarter
    from sn.performance.selectors import performance_overview, survey_quarters

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
                None if current is None else f"{current.estimate:.0%}",
                None if current is None else f"{current.low:.0%} to {current.high:.0%}",
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
                    "95% interval",
                    "Against force",
                    "Against group",
                    "Against a year earlier",
                ],
                rows=rows,
            )
        ],
        note="Differences are tested at the 95% level; see the performance pages for the method.",
    )
