"""The public pages: find your ward (by name, on the map, or by your location), the ward page and the
borough page. No login; every answer is the same for everyone, so it is cached (sn.public.cache)."""

import math
from types import SimpleNamespace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from sn.core.access import access
from sn.core.registries import PUBLIC_PANELS
from sn.public import selectors
from sn.public.cache import public_page

# The home page asks the browser for the visitor's position ("use my location"): the site's own pages
# may, nothing embedded may.
GEOLOCATION_SELF = "geolocation=(self), camera=(), microphone=()"


@access(public=True)
@public_page
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q")
    context = {"public_section": "find", "boroughs": selectors.boroughs_with_counts(), "query": query}
    if query is not None:
        if query.strip():
            context["results"] = selectors.find_wards(query)
        else:
            context["search_error"] = "Enter the name of a ward or a borough"
    response = render(request, "public/home.html", context)
    response["Permissions-Policy"] = GEOLOCATION_SELF
    return response


@access(public=True)
@public_page
def force_map(request: HttpRequest) -> HttpResponse:
    # Compressed by the cache (sn.public.cache) when the browser accepts gzip.
    return HttpResponse(selectors.force_map_geojson(), content_type="application/geo+json")


def _coordinate(text: str | None, limit: float) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) and -limit <= value <= limit else None


@access(public=True)
@public_page
def locate_ward(request: HttpRequest) -> HttpResponse:
    """Use my location: the browser sends ?lat=&lng=; the answer is the ward page, or the home page
    saying why not (a page like any other, so 200: the search box is the way on)."""
    lat, lng = _coordinate(request.GET.get("lat"), 90), _coordinate(request.GET.get("lng"), 180)
    if lat is None or lng is None:
        error = "Your location could not be read: search for your ward by name instead"
    else:
        ward = selectors.ward_at(lat, lng)
        if ward is not None:
            return redirect(reverse("public:ward", args=[ward.code]))
        error = "Your location is outside the area this service covers: search for your ward by name instead"
    context = {"public_section": "find", "boroughs": selectors.boroughs_with_counts(), "locate_error": error}
    response = render(request, "public/home.html", context)
    response["Permissions-Policy"] = GEOLOCATION_SELF
    return response


@access(public=True)
@public_page
def ward(request: HttpRequest, code: str) -> HttpResponse:
    page = selectors.ward_page(code)
    # Sections higher apps add (sn.core.registries.PUBLIC_PANELS): the same for every visitor.
    panels = [
        SimpleNamespace(key=panel.key, template=panel.template, context=context)
        for panel in PUBLIC_PANELS
        if (context := panel.build(None, page.neighbourhood)) is not None
    ]
    return render(
        request,
        "public/ward.html",
        {
            "page": page,
            "neighbourhood": page.neighbourhood,
            "team": page.team,
            "public_section": "find",
            "panels": panels,
        },
    )


@access(public=True)
@public_page
def borough(request: HttpRequest, code: str) -> HttpResponse:
    page = selectors.borough_page(code)
    context = {"page": page, "borough": page.borough, "public_section": "find"}
    return render(request, "public/borough.html", context)
