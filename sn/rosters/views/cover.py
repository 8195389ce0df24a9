"""Cover by hour of the week against calls and residents' wishes: a ward's, a cluster's (with its
16-hour cover), a borough's clusters side by side."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sn.core.access import access, has_permission, require_permission
from sn.core.exports import requested_format, table_response
from sn.geography.models import Neighbourhood
from sn.geography.permissions import (
    VIEW_BOROUGH_OVERVIEW,
    VIEW_CLUSTER_OVERVIEW,
    get_borough_for_user,
    get_cluster_for_user,
    get_neighbourhood_for_user,
)
from sn.rosters.permissions import VIEW_SHIFT_COVER
from sn.rosters.plans import area_cover, cluster_plan, cluster_wards
from sn.rosters.selectors import (
    PERIOD_WEEKS,
    add,
    call_demand,
    duty_cover,
    figures,
    patterns_in_force,
    planned_patterns,
)
from sn.rosters.views.shared import (
    chart_data,
    common_context,
    heat_rows,
    hours_download,
    requested_period,
    shift_text,
    team_days,
)
from sn.workforce.working_time import DAY_NAMES


def gap_spans(gaps: list[int]) -> list[str]:
    """The gaps as "Monday 07:00 to 09:00" spans, one per run of hours within a day."""
    spans, run = [], []
    for hour in sorted(gaps):
        if run and (hour != run[-1] + 1 or hour // 24 != run[0] // 24):
            spans.append(run)
            run = []
        run.append(hour)
    if run:
        spans.append(run)
    return [f"{DAY_NAMES[r[0] // 24]} {r[0] % 24:02d}:00 to {(r[-1] % 24) + 1:02d}:00" for r in spans]


def _series(area) -> str:
    return chart_data(
        [
            ("Officers on duty", area.cover, 0),
            ("Calls for service", area.demand, 1),
            ("Residents wanting officers (share)", area.wishes.by_hour, 2),
        ]
    )


@access(permission=VIEW_SHIFT_COVER)
def ward_cover(request: HttpRequest, code: str) -> HttpResponse:
    ward = get_neighbourhood_for_user(request.user, code)
    period = requested_period(request)
    if isinstance(period, HttpResponse):
        return period
    area = area_cover([ward], period=period)
    fmt = requested_format(request)
    if fmt:
        return hours_download(ward.code, area, fmt)
    today = timezone.localdate()
    team = getattr(ward, "team", None)
    pattern = patterns_in_force([team], on=today).get(team.id) if team else None
    plan = cluster_plan(ward.cluster, on=today, demand_end=period.end) if team and ward.cluster else None
    proposal = plan.for_team(team.id) if plan else None
    return render(
        request,
        "rosters/ward.html",
        {
            **common_context(area),
            "area": ward,
            "ward": ward,
            "team": team,
            "pattern": pattern,
            "planned": planned_patterns([team], after=today).get(team.id, []) if team else [],
            "proposal": proposal,
            "team_days": team_days(pattern.days, proposal.after if proposal else None) if pattern else [],
            "plan": plan,
            "figures": area.figures,
            "cover_rows": heat_rows(area.cover),
            "demand_rows": heat_rows(area.demand),
            "chart_data": _series(area),
            "cluster_link": ward.cluster and has_permission(request.user, VIEW_CLUSTER_OVERVIEW),
        },
    )


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster_cover(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, VIEW_SHIFT_COVER)
    cluster = get_cluster_for_user(request.user, code)
    period = requested_period(request)
    if isinstance(period, HttpResponse):
        return period
    area = area_cover(cluster_wards(cluster), period=period)
    fmt = requested_format(request)
    if fmt:
        return hours_download(cluster.code, area, fmt)
    today = timezone.localdate()
    teams = [ward.team for ward in area.wards if hasattr(ward, "team")]
    patterns = patterns_in_force(teams, on=today)
    found = area.figures
    return render(
        request,
        "rosters/cluster.html",
        {
            **common_context(area),
            "area": cluster,
            "cluster": cluster,
            "figures": found,
            "gap_spans": gap_spans(found.gaps),
            "ward_figures": area.ward_figures(),
            "team_rows": [
                (team, [shift_text(d) for d in patterns[team.id].days] if team.id in patterns else [])
                for team in teams
            ],
            "days": DAY_NAMES,
            "cover_rows": heat_rows(area.cover, gaps=found.gaps),
            "demand_rows": heat_rows(area.demand),
            "chart_data": _series(area),
        },
    )


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_cover(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, VIEW_SHIFT_COVER)
    borough = get_borough_for_user(request.user, code)
    period = requested_period(request)
    if isinstance(period, HttpResponse):
        return period
    wards = list(
        Neighbourhood.objects.filter(borough=borough, kind=Neighbourhood.Kind.WARD).select_related("cluster")
    )
    ids = [ward.id for ward in wards]
    cover = duty_cover(neighbourhood_ids=ids, period=period)
    demand = call_demand(neighbourhood_ids=ids, end=period.end)
    rows = []
    for cluster in borough.clusters.order_by("name"):
        members = [ward.id for ward in wards if ward.cluster_id == cluster.id]
        if not members:
            continue
        found = figures(add(cover[i] for i in members))
        calls = sum(sum(demand.by_ward[i]) for i in members)
        rows.append((cluster, len(members), found, calls))
    fmt = requested_format(request)
    headers = [
        "cluster",
        "wards",
        "16-hour cover",
        "hours short",
        "evening officers",
        "weekend officers",
        "calls a week",
    ]
    table = [
        [
            c.name,
            n,
            "yes" if f.full_cover else "no",
            len(f.gaps),
            round(f.evening, 1),
            round(f.weekend, 1),
            round(calls, 1),
        ]
        for c, n, f, calls in rows
    ]
    if fmt:
        return table_response(f"shift-cover-{borough.code}-{period.start:%Y-%m-%d}", headers, table, fmt)
    return render(
        request,
        "rosters/borough.html",
        {
            "area": borough,
            "borough": borough,
            "rows": rows,
            "period": period,
            "demand": demand,
            "period_weeks": PERIOD_WEEKS,
        },
    )
