"""The platform's JSON API (OpenAPI at /api/v1/docs). Access is decided per operation, on the server,
from the same role registry and scope checker as the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.security import SessionAuth

from sn.core.access import api_access
from sn.geography.locate import locate
from sn.geography.models import Neighbourhood
from sn.geography.permissions import VIEW_WARD, get_neighbourhood_for_user, neighbourhoods_for_user

# The interactive docs page loads its script from a CDN, which our content security policy (rightly)
# refuses; the OpenAPI document itself is served at /api/v1/openapi.json.
api = NinjaAPI(title="Safer Neighbourhoods API", version="1", urls_namespace="api", docs_url=None)


class NeighbourhoodOut(Schema):
    code: str
    police_uk_id: str
    name: str
    kind: str
    borough: str
    population: int | None
    centroid: tuple[float, float]


class LocateOut(Schema):
    force: str
    neighbourhood: str


def _out(n: Neighbourhood) -> NeighbourhoodOut:
    return NeighbourhoodOut(
        code=n.code,
        police_uk_id=n.police_uk_id,
        name=n.name,
        kind=n.kind,
        borough=n.borough.code,
        population=n.population,
        centroid=(n.centroid_lat, n.centroid_lng),
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied):
    # The same check as the pages (sn.core.access.require_permission), answered as JSON.
    return api.create_response(request, {"detail": "Your role does not allow this."}, status=403)


@api.get("/locate-neighbourhood", response=LocateOut, url_name="locate_neighbourhood", auth=None)
@api_access(public=True)
def locate_neighbourhood(request: HttpRequest, q: str):
    """The neighbourhood containing a point, as police.uk's `locate-neighbourhood?q=lat,lng`."""
    try:
        lat, lng = (float(part) for part in q.split(","))
    except ValueError:
        raise HttpError(400, "q must be 'latitude,longitude'") from None
    found = locate(lat, lng)
    if found is None:
        raise Http404("No neighbourhood contains that point")
    n = Neighbourhood.objects.select_related("borough__force").get(id=found)
    return LocateOut(force=n.borough.force.code, neighbourhood=n.police_uk_id)


@api.get("/neighbourhoods", response=list[NeighbourhoodOut], url_name="neighbourhoods", auth=SessionAuth())
@api_access(permission=VIEW_WARD)
def neighbourhoods(request: HttpRequest):
    """The neighbourhoods in your scope."""
    return [_out(n) for n in neighbourhoods_for_user(request.user).order_by("code")]


@api.get("/neighbourhoods/{code}", response=NeighbourhoodOut, url_name="neighbourhood", auth=SessionAuth())
@api_access(permission=VIEW_WARD)
def neighbourhood(request: HttpRequest, code: str):
    return _out(get_neighbourhood_for_user(request.user, code))
