"""Time in the community: the force's boroughs, a borough's teams, a team's officers."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sn.core.access import access, has_permission, require_permission
from sn.geography.models import Borough, Neighbourhood
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW
from sn.geography.scope import scope_of
from sn.scorecard.community import area_lines, demo_duties, target, ward_officers
from sn.scorecard.permissions import VIEW_COMMUNITY_TIME, borough_in_scope, ward_in_scope
from sn.scorecard.selectors import period
from sn.scorecard.views.pages import _month


def _context(request, **extra) -> dict | HttpResponse:
    month = _month(request)
    if isinstance(month, HttpResponse):
        return month
    return {"month": month, "target": target(), "demo_duties": demo_duties(*period(month)), **extra}


@access(permission=VIEW_COMMUNITY_TIME)
def force(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    context = _context(request)
    if isinstance(context, HttpResponse):
        return context
    start, end = period(context["month"])
    by_borough = scope.everything or bool(scope.borough_ids)
    total, lines = area_lines(
        start, end, scope.neighbourhoods(), by_borough=by_borough, everything=scope.everything
    )
    context |= {
        "total": total,
        "lines": lines,
        "level": "borough" if by_borough else "ward",
        # A borough's rows link to its page only for readers its view lets in (the borough roles).
        "borough_links": has_permission(request.user, VIEW_BOROUGH_OVERVIEW),
        "title": "Time in the community",
    }
    return render(request, "scorecard/community_areas.html", context)


# A borough's page is for the borough roles (as its overview is); the scorecard's own permission too.
@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, VIEW_COMMUNITY_TIME)
    scope = scope_of(request.user)
    found = borough_in_scope(scope, get_object_or_404(Borough, code=code))
    context = _context(request)
    if isinstance(context, HttpResponse):
        return context
    start, end = period(context["month"])
    total, lines = area_lines(start, end, found.neighbourhoods.all(), by_borough=False)
    context |= {
        "total": total,
        "lines": lines,
        "level": "ward",
        "title": f"Time in the community: {found.name}",
        "borough": found,
    }
    return render(request, "scorecard/community_areas.html", context)


@access(permission=VIEW_COMMUNITY_TIME)
def ward(request: HttpRequest, code: str) -> HttpResponse:
    scope = scope_of(request.user)
    found = ward_in_scope(
        scope, get_object_or_404(Neighbourhood.objects.select_related("borough"), code=code)
    )
    context = _context(request)
    if isinstance(context, HttpResponse):
        return context
    start, end = period(context["month"])
    total, lines = ward_officers(found, start, end)
    context |= {"total": total, "officers": lines, "ward": found}
    return render(request, "scorecard/community_ward.html", context)
