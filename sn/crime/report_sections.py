"""The crime and demand sections of the monthly ward, cluster and borough reports (registered in
sn.crime.hooks)."""

from datetime import date

from sn.core.exports import CHANGE, ONE_DECIMAL
from sn.core.registries import ReportSection, Table
from sn.crime.demand import force_demand
from sn.crime.months import default_end_month
from sn.crime.profile import ASB, CrimeProfile, borough_profile, cluster_profile, ward_profile
from sn.geography.models import Borough, Cluster, Neighbourhood

Area = Borough | Cluster | Neighbourhood


def _end_month(day: date) -> date:
    """The last month the sections cover: the report's month, or the latest month published by then
    (police.uk publishes a month's data weeks after it ends, so this month's report ends earlier)."""
    return min(day.replace(day=1), default_end_month())


def _period(start: date, end: date, day: date) -> str:
    period = f"{start:%B %Y} to {end:%B %Y}"
    return period if end == day.replace(day=1) else f"{period}, the latest 12 months published"


def _profile(area: Area, end: date) -> CrimeProfile | None:
    if isinstance(area, Borough):
        return borough_profile(area, end_month=end)
    if isinstance(area, Cluster):
        return cluster_profile(area, end_month=end)
    return ward_profile(area, end_month=end)


def _change_row(label: str, change) -> list:
    percent = change.percent_change
    return [
        label,
        change.current,
        change.previous,
        None if percent is None else percent / 100,
        _verdict(change),
    ]


def _verdict(change) -> str:
    if not change.complete:
        months = ", ".join(f"{m:%b %Y}" for m in change.missing)
        return f"not tested: no data for {months}"
    return "significant" if change.significant else "not significant"


def crime_section(area: Area, day: date) -> ReportSection | None:
    """Crime and ASB over the 12 months to the report month, against the same months a year earlier."""
    profile = _profile(area, _end_month(day))
    if profile is None or not profile.has_data:
        return None
    # ASB has its own row beside all crime, so it is left out of the categories that follow.
    rows = [_change_row("All crime (TNO)", profile.crime), _change_row("Anti-social behaviour", profile.asb)]
    rows += [
        _change_row(c.label, c.change)
        for c in profile.categories
        if c.category != ASB and (c.change.current or c.change.previous)
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
        f"{profile.crime.current:,} crimes and {profile.asb.current:,} ASB incidents"
        + (f", {rate:.1f} crimes per 1,000 residents." if rate is not None else ".")
    ]
    summary += [
        f"Incomplete: no {', '.join(label.lower() for label in labels)} figures for {month:%B %Y}; "
        "changes that include this month are not tested."
        for month, labels in profile.gaps
    ]
    tables = [
        Table(
            caption="Change on the same months a year earlier",
            headers=["Category", "This year", "A year earlier", "Change", "Exact test at 95%"],
            rows=rows,
            sheet="Crime change",
            formats={3: CHANGE},
        ),
        Table(
            caption="Month by month", headers=["Month", "Crime", "ASB"], rows=monthly, sheet="Crime by month"
        ),
    ]
    if locations:
        tables.append(
            Table(
                caption="Top locations",
                headers=["On or near", "Incidents"],
                rows=locations,
                sheet="Top locations",
            )
        )
    return ReportSection(
        key="crime",
        title="Crime and anti-social behaviour",
        summary=summary,
        tables=tables,
        note="Changes are tested with the exact conditional binomial test for two counts over equal periods.",
        period=_period(profile.start_month, profile.end_month, day),
    )


def demand_section(area: Area, day: date) -> ReportSection | None:
    """Where the area's teams stand in the force's demand ranking for the 12 months to the report month."""
    ranking = force_demand(end_month=_end_month(day))
    if not any(a.demand for a in ranking.areas):
        return None
    if isinstance(area, Borough):
        areas = ranking.for_borough(area.id)
    elif isinstance(area, Cluster):
        members = set(area.neighbourhoods.values_list("id", flat=True))
        areas = [a for a in ranking.areas if a.neighbourhood_id in members]
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
            f"Ranked among the force's {len(ranking.areas)} team areas; the busiest carries "
            f"{spread.ratio:.1f} times the demand of the quietest."
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
                sheet="Demand",
                formats={3: ONE_DECIMAL},
            )
        ],
        note=f"Demand index = {ranking.weights.crime:g} x crime + {ranking.weights.asb:g} x ASB.",
        period=_period(ranking.start_month, ranking.end_month, day),
    )
