"""Home, the ward, cluster, borough and force pages, record history, and the accessibility statement and
privacy notice."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import resolve, reverse
from django.views.decorators.gzip import gzip_page

from sn.core.access import access
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.core.roles import Role
from sn.geography.models import Force, Neighbourhood
from sn.geography.permissions import (
    VIEW_BOROUGH_OVERVIEW,
    VIEW_CLUSTER_OVERVIEW,
    VIEW_FORCE_OVERVIEW,
    VIEW_WARD,
    get_borough_for_user,
    get_cluster_for_user,
)
from sn.geography.scope import scope_of
from sn.geography.selectors import feature_collection
from sn.pages.history import get_history_record_for_user, history_entries
from sn.pages.selectors import landing_for, ward_page, work_for
from sn.teams.models import Team
from sn.teams.selectors import policy_in_force, staffing_summary, team_staffing


@access(public=True)
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        # A resident gets the public front page (find your ward, from sn.public, an app beside this one
        # that pages may not import: reached through its URL); staff sign in from its header.
        return resolve(reverse("public:home")).func(request)
    landing = landing_for(request.user)
    return render(
        request,
        "pages/home.html",
        {
            "landing": landing,
            "neighbourhoods": landing.neighbourhoods,
            "clusters": landing.clusters,
            "work": work_for(request.user),
            "role": Role(request.user.role) if request.user.role else None,
        },
    )


@access(permission=VIEW_AUDIT_HISTORY)
def record_history(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    record, obj = get_history_record_for_user(request.user, model, pk)
    return render(
        request,
        "pages/history.html",
        {
            "object": obj,
            "entries": history_entries(request.user, obj),
            "model_name": record.model._meta.verbose_name,
        },
    )


@access(permission=VIEW_WARD)
def ward_detail(request: HttpRequest, code: str) -> HttpResponse:
    page = ward_page(request.user, code)
    return render(
        request,
        "pages/ward_detail.html",
        {"page": page, "neighbourhood": page.neighbourhood, "team": page.team},
    )


def _staffing_map(neighbourhoods, staffing_by_code, link_scope) -> str:
    def properties(area: Neighbourhood) -> dict:
        staffing = staffing_by_code.get(area.code)
        fill = staffing.fill_rate if staffing else None
        return {
            "name": area.name,
            "code": area.code,
            "url": reverse("pages:ward", args=[area.code]) if link_scope.covers_neighbourhood(area) else "",
            "fill": None if fill is None else round(fill, 3),
            "vacancies": round(staffing.total_vacancies, 1) if staffing else None,
            "kind": area.kind,
        }

    return feature_collection(neighbourhoods, properties)


def _staffing_by_code(neighbourhoods: list[Neighbourhood]) -> dict:
    per_team = team_staffing(Team.objects.filter(neighbourhood__in=neighbourhoods))
    return {s.key: s for s in per_team.values()}


def _area_page(request, template: str, neighbourhoods, context: dict, embed_map: bool = True) -> HttpResponse:
    neighbourhoods = list(neighbourhoods.select_related("borough").order_by("name"))
    by_code = _staffing_by_code(neighbourhoods)
    context["neighbourhoods"] = [(n, by_code.get(n.code)) for n in neighbourhoods]
    context["policy"] = policy_in_force()
    if embed_map:
        context["area_map"] = _staffing_map(neighbourhoods, by_code, scope_of(request.user))
    return render(request, template, context)


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster_detail(request: HttpRequest, code: str) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, code)
    teams = Team.objects.filter(neighbourhood__cluster=cluster)
    _, total = staffing_summary(
        teams, group_by="neighbourhood__cluster__code", label_field="neighbourhood__cluster__name"
    )
    return _area_page(
        request,
        "pages/cluster_detail.html",
        cluster.neighbourhoods.all(),
        {"cluster": cluster, "total": total},
    )


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_detail(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    teams = Team.objects.filter(neighbourhood__borough=borough)
    clusters, total = staffing_summary(
        teams, group_by="neighbourhood__cluster__code", label_field="neighbourhood__cluster__name"
    )
    return _area_page(
        request,
        "pages/borough_detail.html",
        borough.neighbourhoods.all(),
        {"borough": borough, "total": total, "clusters": clusters},
    )


@access(permission=VIEW_FORCE_OVERVIEW)
def force_detail(request: HttpRequest) -> HttpResponse:
    teams = Team.objects.all()
    boroughs, total = staffing_summary(
        teams, group_by="neighbourhood__borough__code", label_field="neighbourhood__borough__name"
    )
    # The force map's boundaries come from force_map below: a separate, compressible download
    # keeps this page light on a phone.
    return _area_page(
        request,
        "pages/force_detail.html",
        scope_of(request.user).neighbourhoods(),
        {"boroughs": boroughs, "total": total},
        embed_map=False,
    )


@access(permission=VIEW_FORCE_OVERVIEW)
@gzip_page
def force_map(request: HttpRequest) -> HttpResponse:
    neighbourhoods = list(scope_of(request.user).neighbourhoods().order_by("code"))
    geojson = _staffing_map(neighbourhoods, _staffing_by_code(neighbourhoods), scope_of(request.user))
    return HttpResponse(geojson, content_type="application/geo+json")


def _statement_context() -> dict:
    # The force is named from the data, so a force running the platform does not edit the statements.
    force = Force.objects.order_by("pk").first()
    return {"force_name": force.name if force else "the police force that runs this service"}


@access(public=True)
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/accessibility.html", _statement_context())


@access(public=True)
def privacy_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/privacy.html", _statement_context())
