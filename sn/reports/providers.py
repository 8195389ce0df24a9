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


def _change_row(label: str, change) -> list:
    percent = change.percent_change
    return [
        label,
        change.current,
        change.previous,
        None if percent is None else f"{percent:+.0f}%",
        "significant" if change.significant else "not significant",
    ]


@section(order=20)
def crime_section(area: Area, month: date) -> ReportSection | None:
    """Crime and ASB over the 12 months to the report month, against the same months a year earlier."""
    from sn.crime.profile import borough_profile, ward_profile

    end = month.replace(day=1)
    profile = (
        borough_profile(area, end_month=end)
        if isinstance(area, Borough)
        else ward_profile(area, end_month=end)
    )
    if not profile.has_data:
        return None
    rows = [_change_row("All crime (TNO)", profile.crime), _change_row("Anti-social behaviour", profile.asb)]
    rows += [
        _change_row(c.label, c.change) for c in profile.categories if c.change.current or c.change.previous
    ]
    monthly = [
        [m.strftime("%b %Y"), crime, asb]
        for m, crime, asb in zip(profile.months, profile.monthly_crime, profile.monthly_asb, strict=True)
    ]
    locations = [
        [f"{loc.location}{f' ({loc.area})' if loc.area else ''}", loc.count] for loc in profile.top_locations
    ]
    rate = profile.crime_rate
    summary = [
        f"{profile.crime.current:,} crimes and {profile.asb.current:,} ASB incidents from "
        f"{profile.start_month:%B %Y} to {profile.end_month:%B %Y}"
        + (f", {rate:.1f} crimes per 1,000 residents." if rate is not None else ".")
    ]
    tables = [
        Table(
            caption="Change on the same months a year earlier",
            headers=["Category", "This year", "A year earlier", "Change", "Exact test at 95%"],
            rows=rows,
        ),
        Table(caption="Month by month", headers=["Month", "Crime", "ASB"], rows=monthly),
    ]
    if locations:
        tables.append(Table(caption="Top locations", headers=["On or near", "Incidents"], rows=locations))
    return ReportSection(
        key="crime",
        title="Crime and anti-social behaviour",
        summary=summary,
        tables=tables,
        note="Changes are tested with the exact conditional binomial test for two counts over equal periods.",
    )


@section(order=30)
def demand_section(area: Area, month: date) -> ReportSection | None:
    """Where the area stands in the force's demand ranking for the 12 months to the report month."""
    from sn.crime.demand import force_demand

    ranking = force_demand(end_month=month.replace(day=1))
    if not any(a.demand for a in ranking.areas):
        return None
    if isinstance(area, Borough):
        areas = ranking.for_borough(area.id)
    else:
        areas = [a for a in ranking.areas if a.neighbourhood_id == area.id]
    rows = [
        [a.name, a.crime, a.asb, round(a.demand, 1), a.borough_rank, a.force_rank, a.quintile] for a in areas
    ]
    spread = ranking.spread()
    return ReportSection(
        key="demand",
        title="Demand",
        summary=[
            f"Ranked among the force's {len(ranking.areas)} team areas for the 12 months to "
            f"{ranking.end_month:%B %Y}; the busiest carries {spread.ratio:.1f} times the demand of "
            "the quietest."
            if spread.ratio
            else f"Ranked among the force's {len(ranking.areas)} team areas."
        ],
        tables=[
            Table(
                caption="Demand and rank (1 = busiest)",
                headers=[
                    "Area",
                    "Crime",
                    "ASB",
                    "Demand index",
                    "Rank in borough",
                    "Rank in force",
                    "Fifth (5 = busiest)",
                ],
                rows=rows,
            )
        ],
        note=f"Demand index = {ranking.weights.crime:g} x crime + {ranking.weights.asb:g} x ASB.",
    )
