"""Home, health, record history and the styled error pages."""

from django.apps import apps
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from sn.accounts.roles import Role
from sn.accounts.scope import scope_for
from sn.core.access import access
from sn.core.audit import history_for
from sn.geography.models import Neighbourhood
from sn.teams.models import Officer, Posting, Team


@access(public=True)
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return render(request, "core/landing.html")
    if user.role == Role.CENTRAL_UNIT:
        return redirect("geography:force")
    if user.role in (Role.BOROUGH_LEAD, Role.ANALYST) and user.borough_id:
        return redirect("geography:borough", code=user.borough.code)
    scope = scope_for(user)
    clusters = list(scope.clusters().select_related("borough")) if user.role == Role.INSPECTOR else []
    if len(clusters) == 1:
        return redirect("geography:cluster", code=clusters[0].code)
    neighbourhoods = list(scope.neighbourhoods().select_related("borough", "team").order_by("name"))
    return render(
        request,
        "core/home.html",
        {
            "neighbourhoods": neighbourhoods,
            "clusters": clusters,
            "role": Role(user.role) if user.role else None,
        },
    )


def _database_version() -> str:
    if connection.vendor == "sqlite":
        return connection.Database.sqlite_version
    if connection.vendor == "postgresql":
        number = connection.connection.info.server_version  # e.g. 150019 for 15.19
        return f"{number // 10000}.{number % 10000}"
    return ""


@access(public=True)
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        version = _database_version()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse(
            {"status": "database unavailable", "database": {"engine": connection.vendor, "version": ""}},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": {"engine": connection.vendor, "version": version}})


# The records whose history a supervisor can open, and how each finds its neighbourhood for scope.
HISTORY_MODELS = {
    "neighbourhood": (Neighbourhood, lambda obj: [obj]),
    "team": (Team, lambda obj: [obj.neighbourhood]),
    "posting": (Posting, lambda obj: [obj.team.neighbourhood]),
    "officer": (
        Officer,
        lambda obj: [p.team.neighbourhood for p in obj.postings.select_related("team__neighbourhood")],
    ),
}


@access(permission="view_audit_history")
def record_history(request: HttpRequest, model: str, pk: int) -> HttpResponse:
    if model not in HISTORY_MODELS:
        raise Http404("No such record type")
    model_class, neighbourhoods_of = HISTORY_MODELS[model]
    obj = model_class.objects.filter(pk=pk).first()
    scope = scope_for(request.user)
    if obj is None or not any(scope.covers_neighbourhood(n) for n in neighbourhoods_of(obj)):
        raise Http404("No such record in your area")
    events = history_for(obj)[:200]
    return render(
        request,
        "core/history.html",
        {
            "object": obj,
            "events": events,
            "model_name": apps.get_model(model_class._meta.label)._meta.verbose_name,
        },
    )


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
