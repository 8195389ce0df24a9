"""The public scorecard: the force and each ward, only the measures marked public.

Cached as the public app's pages are (sn.public.cache): the answer says `public, max-age` and is marked
`sn_public_page`, and its path is under /local/, so the public page cache stores it for anonymous
visitors. (The public app sits above this one, so its decorator is mirrored here rather than imported.)
A stored page lives SN_PUBLIC_CACHE_SECONDS or until the public pages' version moves.
"""

from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from sn.core.access import access
from sn.core.months import requested_month
from sn.geography.models import Borough, Neighbourhood
from sn.scorecard.community import demo_duties
from sn.scorecard.selectors import Area, default_month, period, scorecard
from sn.scorecard.views.charts import chart_json


def cached_publicly(view):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = f"public, max-age={int(settings.SN_PUBLIC_CACHE_SECONDS)}"
        response.sn_public_page = True
        return response

    return wrapped


def _render(request: HttpRequest, area: Area, extra: dict) -> HttpResponse:
    # The bare path (the cached page) is the last complete month; ?month= picks another, and one that
    # cannot be read is a 400 saying why rather than the latest month passed off as the one asked for.
    asked = requested_month(request)
    if asked.error:
        return asked.bad_request(request)
    month = asked.month or default_month()
    parts = scorecard(area, month, public_only=True)
    context = {
        "demo_duties": demo_duties(*period(month)),
        "area": area,
        "month": month,
        "parts": parts,
        "chart": chart_json(parts),
        "public_section": "find",
        **extra,
    }
    return render(request, "scorecard/public.html", context)


@access(public=True)
@cached_publicly
def force(request: HttpRequest) -> HttpResponse:
    return _render(request, Area.force(), {"boroughs": Borough.objects.order_by("name")})


@access(public=True)
@cached_publicly
def ward(request: HttpRequest, code: str) -> HttpResponse:
    found = get_object_or_404(Neighbourhood.objects.select_related("borough"), code=code)
    return _render(request, Area.of_ward(found), {"ward": found})
