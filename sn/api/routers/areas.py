"""Neighbourhoods (team areas) in the caller's scope, with their team's published contact, and the
police.uk-style locate-neighbourhood."""

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from sn.api.common import AreaCode, Error, Paging, answers
from sn.core.access import api_access
from sn.geography.locate import locate
from sn.geography.models import Neighbourhood
from sn.geography.permissions import VIEW_WARD, get_neighbourhood_for_user, neighbourhoods_for_user

router = Router(tags=["Neighbourhoods"])


class TeamContact(Schema):
    name: str
    email: str = Field(description="The team's published address; empty when it has none")
    phone: str


class NeighbourhoodOut(Schema):
    code: str = Field(description="GSS code of the ward, or the area's own code")
    police_uk_id: str
    name: str
    kind: str
    borough: str = Field(description="GSS code of the borough")
    borough_name: str
    cluster: str | None = Field(description="Code of the inspector's cluster, if any")
    population: int | None
    centroid: tuple[float, float] = Field(description="Latitude and longitude")
    team: TeamContact | None

    @staticmethod
    def resolve_borough(n: Neighbourhood) -> str:
        return n.borough.code

    @staticmethod
    def resolve_borough_name(n: Neighbourhood) -> str:
        return n.borough.name

    @staticmethod
    def resolve_cluster(n: Neighbourhood) -> str | None:
        return n.cluster.code if n.cluster_id else None

    @staticmethod
    def resolve_centroid(n: Neighbourhood) -> tuple[float, float]:
        return (n.centroid_lat, n.centroid_lng)

    @staticmethod
    def resolve_team(n: Neighbourhood):
        return getattr(n, "team", None)


class LocateOut(Schema):
    force: str
    neighbourhood: str


def with_team(queryset):
    return queryset.select_related("borough", "cluster", "team")


@router.get(
    "/locate-neighbourhood",
    response={**answers(LocateOut, public=True, bad_request=True), 404: Error},
    url_name="locate_neighbourhood",
    auth=None,
)
@api_access(public=True)
def locate_neighbourhood(request: HttpRequest, q: str = Query(..., max_length=100)):
    """The neighbourhood containing a point, as police.uk's `locate-neighbourhood?q=lat,lng`."""
    try:
        lat, lng = (float(part) for part in q.split(","))
    except ValueError:
        raise HttpError(400, "q must be 'latitude,longitude'") from None
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise HttpError(400, "q must be a latitude from -90 to 90 and a longitude from -180 to 180")
    found = locate(lat, lng)
    if found is None:
        raise Http404("No neighbourhood contains that point")
    n = Neighbourhood.objects.select_related("borough__force").get(id=found)
    return LocateOut(force=n.borough.force.code, neighbourhood=n.police_uk_id)


@router.get("/neighbourhoods", response=answers(list[NeighbourhoodOut]), url_name="neighbourhoods")
@api_access(permission=VIEW_WARD)
@paginate(Paging)
def neighbourhoods(request: HttpRequest):
    """The neighbourhoods in your scope, by code."""
    return with_team(neighbourhoods_for_user(request.user)).order_by("code")


@router.get("/neighbourhoods/{code}", response=answers(NeighbourhoodOut, one=True), url_name="neighbourhood")
@api_access(permission=VIEW_WARD)
def neighbourhood(request: HttpRequest, code: AreaCode):
    """One neighbourhood in your scope; 404 outside it."""
    return get_neighbourhood_for_user(request.user, code)
