"""The internal scorecard pages: the force, a borough, a ward; the national return's export."""

import json
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.http import content_disposition_header

from sn.core.access import access, require_permission
from sn.core.exports import download_response, table_csv
from sn.core.months import requested_month
from sn.geography.models import Borough, Force, Neighbourhood
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW
from sn.geography.scope import Scope, scope_of
from sn.scorecard.permissions import VIEW_SCORECARD, borough_in_scope, ward_in_scope
from sn.scorecard.selectors import Area, default_month, scorecard
from sn.scorecard.views.charts import chart_json
from sn.scorecard.views.export import EXPORT_HEADERS, export_rows


def _month(request: HttpRequest) -> date | HttpResponse:
    """The month asked for, or the last complete one; a month that cannot be read (or is in the future,
    or before any data) is a 400 saying so, as the exports answer, never a silent fallback."""
    asked = requested_month(request)
    if asked.error:
        return asked.bad_request(request)
    return asked.month or default_month()


def _render(request: HttpRequest, area: Area, scope: Scope, *, below=None) -> HttpResponse:
    month = _month(request)
    if isinstance(month, HttpResponse):
        return month
    parts = scorecard(area, month)
    context = {
        "area": area,
        "month": month,
        "parts": parts,
        "chart": chart_json(parts),
        "below": below or [],
        "scope_everything": scope.everything,
    }
    return render(request, "scorecard/scorecard.html", context)


def _start(scope: Scope) -> Area | Borough | Neighbourhood:
    """Where a reader's scorecard starts: the force, their borough, or their first ward."""
    if scope.everything:
        return Area.force()
    borough = scope.boroughs().order_by("name").first()
    if borough is not None:
        return borough
    return scope.neighbourhoods().select_related("borough").order_by("name").first()


@access(permission=VIEW_SCORECARD)
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    start = _start(scope)
    if isinstance(start, Borough):
        return _borough_page(request, start, scope)
    if isinstance(start, Neighbourhood):
        return _ward_page(request, start, scope)
    if start is None:
        return render(request, "scorecard/nothing.html", {})
    boroughs = Borough.objects.order_by("name")
    return _render(request, start, scope, below=[("borough", b) for b in boroughs])


def _borough_page(request, borough: Borough, scope: Scope) -> HttpResponse:
    wards = scope.neighbourhoods(borough.neighbourhoods.all()).order_by("name")
    return _render(request, Area.of_borough(borough), scope, below=[("ward", w) for w in wards])


def _ward_page(request, ward: Neighbourhood, scope: Scope) -> HttpResponse:
    others = scope.neighbourhoods().exclude(pk=ward.pk).order_by("name")[:50] if not scope.everything else []
    return _render(request, Area.of_ward(ward), scope, below=[("ward", w) for w in others])


# A borough's page is for the borough roles (as its overview is); the scorecard's own permission too.
@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, VIEW_SCORECARD)
    scope = scope_of(request.user)
    found = borough_in_scope(scope, get_object_or_404(Borough, code=code))
    return _borough_page(request, found, scope)


@access(permission=VIEW_SCORECARD)
def ward(request: HttpRequest, code: str) -> HttpResponse:
    scope = scope_of(request.user)
    found = ward_in_scope(
        scope, get_object_or_404(Neighbourhood.objects.select_related("borough"), code=code)
    )
    return _ward_page(request, found, scope)


def _export(request: HttpRequest, fmt: str) -> tuple[list[list], str] | HttpResponse:
    # The format is in the path; another asked for with ?format= is not served here.
    if request.GET.get("format", fmt) != fmt:
        raise Http404("Unknown download format")
    month = _month(request)
    if isinstance(month, HttpResponse):
        return month
    force = Force.objects.order_by("pk").first()
    return export_rows(scope_of(request.user), month, force.code if force else ""), f"{month:%Y-%m}"


@access(permission=VIEW_SCORECARD)
def export_csv(request: HttpRequest) -> HttpResponse:
    got = _export(request, "csv")
    if isinstance(got, HttpResponse):
        return got
    rows, label = got
    return download_response(
        table_csv(EXPORT_HEADERS, rows), filename=f"guarantee-scorecard-{label}", fmt="csv"
    )


@access(permission=VIEW_SCORECARD)
def export_json(request: HttpRequest) -> HttpResponse:
    got = _export(request, "json")
    if isinstance(got, HttpResponse):
        return got
    rows, label = got
    body = json.dumps(
        [dict(zip(EXPORT_HEADERS, row, strict=True)) for row in rows], cls=DjangoJSONEncoder, indent=1
    )
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = content_disposition_header(True, f"guarantee-scorecard-{label}.json")
    return response
