"""Demand rankings (force, borough and cluster) and crime profiles (ward, cluster and borough), with
downloads."""

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.gzip import gzip_page

from sn.accounts.scope import scope_for
from sn.core.access import access
from sn.core.exports import requested_format, table_response
from sn.core.months import RequestedMonth, requested_month
from sn.core.tables import ASCENDING, DESCENDING, Column, table
from sn.crime.demand import AreaDemand, DemandRanking, force_demand
from sn.crime.exports import DEMAND_HEADERS, demand_rows, series_headers, series_rows
from sn.crime.profile import CrimeProfile, borough_profile, cluster_profile, ward_profile
from sn.crime.selectors import borough_demand, cluster_demand, data_notes
from sn.crime.stats import SIGNIFICANCE_LEVEL
from sn.geography.models import Neighbourhood
from sn.geography.permissions import (
    VIEW_BOROUGH_OVERVIEW,
    VIEW_CLUSTER_OVERVIEW,
    VIEW_FORCE_OVERVIEW,
    VIEW_WARD,
)
from sn.geography.selectors import (
    feature_collection,
    get_borough_for_user,
    get_cluster_for_user,
    get_neighbourhood_for_user,
)

BUSIEST_SHOWN = 10
# 50 rows is a few screens on a phone; the force's 683 areas are 14 pages, and every row is in the download.
ROWS_PER_PAGE = 50
BUSIEST, QUIETEST = "busiest first", "quietest first"
HIGHEST_FIRST = {"first": DESCENDING}
ALPHABETICAL = {"ways": ("A to Z", "Z to A")}


def _demand_columns(rank: str, *, with_borough: bool) -> list[Column]:
    """The sortable columns of a demand table; `rank` is the AreaDemand field its first column shows."""
    columns = [
        Column("rank", "Rank", lambda a: getattr(a, rank), ways=(BUSIEST, QUIETEST)),
        Column("area", "Area", lambda a: a.name.casefold(), **ALPHABETICAL),
    ]
    if with_borough:
        columns.append(Column("borough", "Borough", lambda a: a.borough_name.casefold(), **ALPHABETICAL))
    return columns + [
        Column("crime", "Crime", lambda a: a.crime, **HIGHEST_FIRST),
        Column("asb", "ASB", lambda a: a.asb, **HIGHEST_FIRST),
        Column("demand", "Demand", lambda a: a.demand, **HIGHEST_FIRST),
        Column("crime_rate", "Crime per 1,000", lambda a: a.crime_rate, **HIGHEST_FIRST),
        Column("asb_rate", "ASB per 1,000", lambda a: a.asb_rate, **HIGHEST_FIRST),
        Column("demand_rate", "Demand per 1,000", lambda a: a.demand_rate, **HIGHEST_FIRST),
    ]


def _demand_notes(ranking: DemandRanking, areas: list[AreaDemand], whole_force: bool = False):
    return data_notes(
        start_month=ranking.start_month,
        end_month=ranking.end_month,
        has_asb=any(a.asb for a in areas),
        neighbourhood_ids=None if whole_force else [a.neighbourhood_id for a in areas],
    )


def _refused(request: HttpRequest, period: RequestedMonth, fmt: str | None) -> HttpResponse | None:
    """A page shows a bad ?month='s error in its period form and falls back to the latest; a download
    has no form to show it in, so it gets the 400 page naming the parameter."""
    return period.bad_request(request) if fmt and period.error else None


def _period_context(period: RequestedMonth) -> dict:
    # `query` carries the period into the page's links: map data, downloads, the other crime pages.
    return {"period": period, "query": period.query}


def _demand_map(neighbourhoods, by_id: dict[int, AreaDemand], user, total: int) -> str:
    scope = scope_for(user)

    def properties(area: Neighbourhood) -> dict:
        demand = by_id.get(area.id)
        return {
            "name": area.name,
            "url": reverse("crime:ward_profile", args=[area.code])
            if scope.covers_neighbourhood(area)
            else "",
            "quintile": demand.quintile if demand else None,
            "demand": demand.demand if demand else None,
            "rank": demand.force_rank if demand else None,
            "of": total,
        }

    return feature_collection(neighbourhoods, properties)


def _ranking_context(ranking: DemandRanking, period: RequestedMonth) -> dict:
    return {"ranking": ranking, **_period_context(period)}


@access(permission=VIEW_FORCE_OVERVIEW)
def force_demand_page(request: HttpRequest) -> HttpResponse:
    period = requested_month(request)
    ranking = force_demand(end_month=period.month)
    context = _ranking_context(ranking, period)
    context.update(
        {
            "spread": ranking.spread(),
            "busiest": ranking.areas[:BUSIEST_SHOWN],
            "notes": _demand_notes(ranking, ranking.areas, whole_force=True),
        }
    )
    return render(request, "crime/force_demand.html", context)


@access(permission=VIEW_FORCE_OVERVIEW)
@gzip_page
def force_demand_map(request: HttpRequest) -> HttpResponse:
    period = requested_month(request)
    if period.error:  # map data has no form to show it in
        return period.bad_request(request)
    ranking = force_demand(end_month=period.month)
    by_id = {a.neighbourhood_id: a for a in ranking.areas}
    neighbourhoods = scope_for(request.user).neighbourhoods().order_by("code")
    geojson = _demand_map(neighbourhoods, by_id, request.user, len(ranking.areas))
    return HttpResponse(geojson, content_type="application/geo+json")


@access(permission=VIEW_FORCE_OVERVIEW)
def force_demand_table(request: HttpRequest) -> HttpResponse:
    fmt = requested_format(request)
    period = requested_month(request)
    if refused := _refused(request, period, fmt):
        return refused
    ranking = force_demand(end_month=period.month)
    if fmt:
        filename = f"demand-force-{ranking.end_month:%Y-%m}"
        return table_response(filename, DEMAND_HEADERS, demand_rows(ranking.areas), fmt)
    rows = table(
        request,
        ranking.areas,
        columns=_demand_columns("force_rank", with_borough=True),
        default=("rank", ASCENDING),
        text=lambda a: f"{a.name} {a.borough_name}",
        per_page=ROWS_PER_PAGE,
    )
    if rows.error:
        return rows.bad_request(request)
    context = _ranking_context(ranking, period)
    context.update(
        {
            "areas": rows.rows,
            "table": rows,
            "spread": ranking.spread(),
            "areas_count": len(ranking.areas),
            "notes": _demand_notes(ranking, ranking.areas, whole_force=True),
            "demand_map_url": reverse("crime:force_demand") + (f"?{period.query}" if period.query else ""),
        }
    )
    return render(request, "crime/force_demand_table.html", context)


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_demand_page(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    return _demand_of_area(request, borough, borough_demand, "crime/borough_demand.html")


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster_demand_page(request: HttpRequest, code: str) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, code)
    return _demand_of_area(request, cluster, cluster_demand, "crime/cluster_demand.html")


def _demand_of_area(request, area, demand_of, template: str) -> HttpResponse:
    """A borough's or a cluster's demand: the page, or its table as a download."""
    fmt = requested_format(request)
    period = requested_month(request)
    if refused := _refused(request, period, fmt):
        return refused
    result = demand_of(area, end_month=period.month)
    if fmt:
        filename = f"demand-{area.code}-{result.ranking.end_month:%Y-%m}"
        return table_response(filename, DEMAND_HEADERS, demand_rows(result.areas), fmt)
    return _area_demand_page(request, result, period, area.neighbourhoods.order_by("code"), template)


def _area_demand_page(request, result, period: RequestedMonth, neighbourhoods, template: str) -> HttpResponse:
    """The demand page of a borough or a cluster (`result`: BoroughDemand or ClusterDemand)."""
    rows = table(
        request,
        result.areas,
        columns=_demand_columns("borough_rank", with_borough=False),
        default=("rank", ASCENDING),
    )
    if rows.error:
        return rows.bad_request(request)
    by_id = {a.neighbourhood_id: a for a in result.areas}
    context = _ranking_context(result.ranking, period)
    context.update(
        {
            "borough": getattr(result, "borough", None) or result.cluster.borough,
            "cluster": getattr(result, "cluster", None),
            "areas": rows.rows,
            "table": rows,
            "spread": result.spread,
            "areas_count": len(result.areas),
            "area_map": _demand_map(neighbourhoods, by_id, request.user, len(result.ranking.areas)),
            "notes": _demand_notes(result.ranking, result.areas),
        }
    )
    return render(request, template, context)


def _chart_data(profile: CrimeProfile) -> str:
    """What static/crime/profile_chart.js draws: a stacked bar per month, a series per category."""
    return json.dumps(
        {
            "labels": [m.strftime("%b %Y") for m in profile.months],
            "datasets": [
                # `colour` is the category's place in police.uk's order, so a category keeps its colour
                # on every page whichever categories are empty.
                {"label": c.label, "colour": i, "data": list(c.monthly)}
                for i, c in enumerate(profile.categories)
                if c.total
            ],
        }
    )


def _month_rows(profile: CrimeProfile, shown) -> list[tuple]:
    """(month, counts of the categories shown, crime, ASB, all) for the table under the chart."""
    crime, asb, total = profile.monthly_crime, profile.monthly_asb, profile.monthly_all
    return [
        (month, [c.monthly[i] for c in shown], crime[i], asb[i], total[i])
        for i, month in enumerate(profile.months)
    ]


def _profile_page(
    request: HttpRequest, profile_for, area, template: str, filename: str, context: dict, area_ids: list[int]
):
    fmt = requested_format(request)
    period = requested_month(request)
    if refused := _refused(request, period, fmt):
        return refused
    profile = profile_for(area, end_month=period.month)
    if fmt:
        name = f"{filename}-{profile.end_month:%Y-%m}"
        return table_response(name, series_headers(profile), series_rows(profile), fmt)
    shown = [c for c in profile.categories if c.total]
    notes = data_notes(
        start_month=profile.start_month,
        end_month=profile.end_month,
        has_asb=bool(profile.asb.current or profile.asb.previous),
        neighbourhood_ids=area_ids,
    )
    context.update(
        {
            "profile": profile,
            "notes": notes,
            "chart_data": _chart_data(profile),
            **_period_context(period),
            "significance_level": SIGNIFICANCE_LEVEL,
            "shown_categories": shown,
            "month_rows": _month_rows(profile, shown),
        }
    )
    return render(request, template, context)


@access(permission=VIEW_WARD)
def ward_profile_page(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    return _profile_page(
        request,
        ward_profile,
        neighbourhood,
        "crime/ward_profile.html",
        f"crime-{neighbourhood.code}",
        {
            "neighbourhood": neighbourhood,
            "links": [(reverse("pages:ward", args=[neighbourhood.code]), "Ward page")],
        },
        [neighbourhood.id],
    )


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_profile_page(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    links = [(reverse("crime:borough_demand", args=[borough.code]), "Demand by ward")]
    return _profile_page(
        request,
        borough_profile,
        borough,
        "crime/borough_profile.html",
        f"crime-{borough.code}",
        {"borough": borough, "links": links},
        list(borough.neighbourhoods.values_list("id", flat=True)),
    )


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster_profile_page(request: HttpRequest, code: str) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, code)
    links = [
        (reverse("crime:cluster_demand", args=[cluster.code]), "Demand by ward"),
        (reverse("pages:cluster", args=[cluster.code]), "Cluster page"),
    ]
    return _profile_page(
        request,
        cluster_profile,
        cluster,
        "crime/cluster_profile.html",
        f"crime-{cluster.code}",
        {"cluster": cluster, "borough": cluster.borough, "links": links},
        list(cluster.neighbourhoods.values_list("id", flat=True)),
    )
