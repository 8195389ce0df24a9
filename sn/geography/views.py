"""Ward, cluster, borough and force pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.gzip import gzip_page

from sn.accounts.scope import scope_for
from sn.core.access import access, has_permission
from sn.geography.models import Neighbourhood
from sn.geography.selectors import (
    feature_collection,
    get_borough_for_user,
    get_cluster_for_user,
    get_neighbourhood_for_user,
)
from sn.teams.models import Team
from sn.teams.selectors import staffing_summary, team_staffing
from sn.teams.views_helpers import team_members


def _staffing_map(neighbourhoods, staffing_by_code, link_scope) -> str:
    def properties(area: Neighbourhood) -> dict:
        staffing = staffing_by_code.get(area.code)
        fill = staffing.fill_rate if staffing else None
        return {
            "name": area.name,
            "code": area.code,
            "url": reverse("geography:ward", args=[area.code])
            if link_scope.covers_neighbourhood(area)
            else "",
            "fill": None if fill is None else round(fill, 3),
            "vacancies": round(staffing.total_vacancies, 1) if staffing else None,
            "kind": area.kind,
        }

    return feature_collection(neighbourhoods, properties)


@access(permission="view_ward")
def ward_detail(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    team = getattr(neighbourhood, "team", None)
    members, shared_sergeants = team_members(team) if team else ([], {})
    staffing = None
    if team and has_permission(request.user, "view_staffing"):
        staffing = team_staffing(Team.objects.filter(id=team.id)).get(team.id)
    scope = scope_for(request.user)
    neighbours = list(neighbourhood.neighbours.select_related("borough").order_by("name"))
    ward_map = feature_collection(
        [neighbourhood], lambda a: {"name": a.name, "code": a.code, "url": "", "role": "focus"}
    )
    neighbour_map = feature_collection(
        neighbours, lambda a: {"name": a.name, "code": a.code, "role": "neighbour"}
    )
    return render(
        request,
        "geography/ward_detail.html",
        {
            "neighbourhood": neighbourhood,
            "team": team,
            "members": members,
            "shared_sergeants": shared_sergeants,
            "staffing": staffing,
            "neighbours": [(n, scope.covers_neighbourhood(n)) for n in neighbours],
            "ward_map": ward_map,
            "neighbour_map": neighbour_map,
            "can_see_history": has_permission(request.user, "view_audit_history"),
        },
    )


def _staffing_by_code(neighbourhoods: list[Neighbourhood]) -> dict:
    per_team = team_staffing(Team.objects.filter(neighbourhood__in=neighbourhoods))
    return {s.key: s for s in per_team.values()}


def _area_page(request, template: str, neighbourhoods, context: dict, embed_map: bool = True) -> HttpResponse:
    neighbourhoods = list(neighbourhoods.select_related("borough").order_by("name"))
    by_code = _staffing_by_code(neighbourhoods)
    context["neighbourhoods"] = [(n, by_code.get(n.code)) for n in neighbourhoods]
    if embed_map:
        context["area_map"] = _staffing_map(neighbourhoods, by_code, scope_for(request.user))
    return render(request, template, context)


@access(permission="view_cluster_overview")
def cluster_detail(request: HttpRequest, code: str) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, code)
    teams = Team.objects.filter(neighbourhood__cluster=cluster)
    _, total = staffing_summary(
        teams, group_by="neighbourhood__cluster__code", label_field="neighbourhood__cluster__name"
    )
    return _area_page(
        request,
        "geography/cluster_detail.html",
        cluster.neighbourhoods.all(),
        {"cluster": cluster, "total": total},
    )


@access(permission="view_borough_overview")
def borough_detail(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    teams = Team.objects.filter(neighbourhood__borough=borough)
    clusters, total = staffing_summary(
        teams, group_by="neighbourhood__cluster__code", label_field="neighbourhood__cluster__name"
    )
    return _area_page(
        request,
        "geography/borough_detail.html",
        borough.neighbourhoods.all(),
        {"borough": borough, "total": total, "clusters": clusters},
    )


@access(permission="view_force_overview")
def force_detail(request: HttpRequest) -> HttpResponse:
    teams = Team.objects.all()
    boroughs, total = staffing_summary(
        teams, group_by="neighbourhood__borough__code", label_field="neighbourhood__borough__name"
    )
    # The force map's boundaries come from force_map below: a separate, compressible download
    # keeps this page light on a phone.
    return _area_page(
        request,
        "geography/force_detail.html",
        scope_for(request.user).neighbourhoods(),
        {"boroughs": boroughs, "total": total},
        embed_map=False,
    )


@access(permission="view_force_overview")
@gzip_page
def force_map(request: HttpRequest) -> HttpResponse:
    neighbourhoods = list(scope_for(request.user).neighbourhoods().order_by("code"))
    geojson = _staffing_map(neighbourhoods, _staffing_by_code(neighbourhoods), scope_for(request.user))
    return HttpResponse(geojson, content_type="application/geo+json")
