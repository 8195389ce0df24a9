"""The internal scorecard pages: the force, a borough, a ward; the national return's export."""

import json
from datetime import date

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import content_disposition_header

from sn.core.access import access, has_permission, require_permission
from sn.core.exports import download_response, table_csv
from sn.core.months import requested_month
from sn.geography.models import Borough, Force, Neighbourhood
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW
from sn.geography.scope import Scope, scope_of
from sn.scorecard.community import demo_duties
from sn.scorecard.permissions import (
    VIEW_COMMUNITY_TIME,
    VIEW_SCORECARD,
    borough_in_scope,
    reaches_borough,
    ward_in_scope,
)
from sn.scorecard.selectors import Area, default_month, period, scorecard
from sn.scorecard.views.charts import chart_json
from sn.scorecard.views.export import EXPORT_HEADERS, export_rows


def _month(request: HttpRequest) -> date | HttpResponse:
    """The month asked for, or the last complete one; a month that cannot be read (or is in the future,
    or before any data) is a 400 saying so, as the exports answer, never a silent fallback."""
    asked = requested_month(request)
    if asked.error:
        return asked.bad_request(request)
    return asked.month or default_month()


def _opens(request: HttpRequest, scope: Scope, level: str, item) -> bool:
    """Whether the reader may open the scorecard of a borough or ward: the checks its view makes."""
    if level == "borough":
        return has_permission(request.user, VIEW_BOROUGH_OVERVIEW) and reaches_borough(scope, item)
    return scope.covers_neighbourhood(item)


def _community_href(request: HttpRequest, scope: Scope, area: Area) -> str | None:
    """Time in the community for the area on the page, for readers who may open it (a PC may not)."""
    if not has_permission(request.user, VIEW_COMMUNITY_TIME):
        return None
    if area.level == "ward":
        return reverse("scorecard:community_ward", args=[area.code])
    if area.level == "borough" and has_permission(request.user, VIEW_BOROUGH_OVERVIEW):
        return reverse("scorecard:community_borough", args=[area.code])
    # The force page, or all the reader's wards: the community-time page shows the reader's whole area.
    return reverse("scorecard:community_force")


def _up(request: HttpRequest, scope: Scope, area: Area) -> dict | None:
    """The area above this one, if the reader may open it: a ward's borough, a borough's force."""
    if area.level == "ward":
        borough = Borough.objects.filter(code=area.borough_code).first()
        if borough is not None and _opens(request, scope, "borough", borough):
            return {
                "href": reverse("scorecard:borough", args=[borough.code]),
                "label": f"Up to {borough.name}",
            }
    if area.level == "borough" and scope.everything:
        return {"href": reverse("scorecard:home"), "label": "Up to the force"}
    return None


def _render(
    request: HttpRequest, area: Area, scope: Scope, *, below=None, landing: Area | None = None
) -> HttpResponse:
    month = _month(request)
    if isinstance(month, HttpResponse):
        return month
    parts = scorecard(area, month)
    context = {
        "demo_duties": demo_duties(*period(month)),
        "area": area,
        "month": month,
        "parts": parts,
        "chart": chart_json(parts),
        "below": [(level, item) for level, item in below or [] if _opens(request, scope, level, item)],
        "community_href": _community_href(request, scope, area),
        "up": _up(request, scope, area),
        # A reader of several wards starts on their sum; a single ward's page links back to it.
        "all_wards": landing
        if landing is not None and landing.level == "wards" and landing != area
        else None,
        "scope_everything": scope.everything,
    }
    return render(request, "scorecard/scorecard.html", context)


def _wards_name(scope: Scope, wards: list[Neighbourhood]) -> str:
    if scope.cluster_ids and not (scope.neighbourhood_ids or scope.borough_ids):
        return ", ".join(scope.clusters().order_by("name").values_list("name", flat=True))
    return f"Your {len(wards)} wards"


def _start(scope: Scope) -> tuple[Area | Borough | Neighbourhood | None, list[Neighbourhood]]:
    """Where a reader's scorecard starts, and their wards: the force; their borough; their one ward; or,
    for a reader of several wards (an inspector's clusters, a sergeant shared by wards, a ward lent to
    them), the sum of all of them, from which they can pick one."""
    if scope.everything:
        return Area.force(), []
    wards = list(scope.neighbourhoods().select_related("borough").order_by("name"))
    if not wards:
        return None, []
    boroughs = list(scope.boroughs())
    if len(boroughs) == 1 and all(w.borough_id == boroughs[0].pk for w in wards):
        return boroughs[0], wards
    if len(wards) == 1:
        return wards[0], wards
    return Area.of_wards(_wards_name(scope, wards), {w.pk for w in wards}), wards


@access(permission=VIEW_SCORECARD)
def home(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    start, wards = _start(scope)
    if isinstance(start, Borough):
        return _borough_page(request, start, scope)
    if isinstance(start, Neighbourhood):
        return _ward_page(request, start, scope)
    if start is None:
        return render(request, "scorecard/nothing.html", {})
    if start.level == "wards":
        return _render(request, start, scope, below=[("ward", w) for w in wards])
    boroughs = Borough.objects.order_by("name")
    return _render(request, start, scope, below=[("borough", b) for b in boroughs])


def _borough_page(request, borough: Borough, scope: Scope) -> HttpResponse:
    wards = scope.neighbourhoods(borough.neighbourhoods.all()).order_by("name")
    return _render(request, Area.of_borough(borough), scope, below=[("ward", w) for w in wards])


def _ward_page(request, ward: Neighbourhood, scope: Scope) -> HttpResponse:
    landing, wards = _start(scope) if not scope.everything else (None, [])
    others = [w for w in wards if w.pk != ward.pk][:50]
    landing = landing if isinstance(landing, Area) else None
    return _render(request, Area.of_ward(ward), scope, below=[("ward", w) for w in others], landing=landing)


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
