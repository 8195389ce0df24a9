"""Demand on the teams: every team area ranked by its weighted crime and ASB over the twelve months to a
month (sn.crime.demand, the demand pages' own ranking), for the force (view_force_overview), a borough
(view_borough_overview) or a cluster (view_cluster_overview) in scope, busiest first. Ranks are the
force's and the borough's, so they mean the same at every level."""

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from sn.api.common import MONTH_PATTERN, AreaCode, PageIn, answers, month_of, page_of
from sn.core.access import api_access
from sn.crime.demand import AreaDemand, DemandRanking, force_demand
from sn.crime.selectors import borough_demand, cluster_demand
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.selectors import get_borough_for_user, get_cluster_for_user

router = Router(tags=["Demand"])


class AreaDemandOut(Schema):
    code: str
    name: str
    kind: str
    borough: str
    population: int | None
    crime: int = Field(description="Notifiable offences over the period")
    asb: int = Field(description="Anti-social behaviour incidents over the period")
    demand: float = Field(description="weights.crime × crime + weights.asb × asb")
    demand_per_thousand: float | None = Field(description="Per 1,000 residents; null without a population")
    force_rank: int = Field(description="1 = busiest in the force; equal demand shares a rank")
    borough_rank: int
    quintile: int = Field(description="5 = the busiest fifth of the force, 1 = the quietest")


class Weights(Schema):
    crime: float
    asb: float


class DemandOut(Schema):
    start_month: str = Field(description="YYYY-MM")
    end_month: str
    months: int
    weights: Weights
    items: list[AreaDemandOut]
    count: int


class DemandIn(PageIn):
    month: str | None = Field(
        None, pattern=MONTH_PATTERN, description="The last month of the twelve (YYYY-MM); default the latest"
    )


def _area(a: AreaDemand) -> AreaDemandOut:
    return AreaDemandOut(
        code=a.code,
        name=a.name,
        kind=a.kind,
        borough=a.borough_code,
        population=a.population,
        crime=a.crime,
        asb=a.asb,
        demand=a.demand,
        demand_per_thousand=a.demand_rate,
        force_rank=a.force_rank,
        borough_rank=a.borough_rank,
        quintile=a.quintile,
    )


def _out(ranking: DemandRanking, areas: list[AreaDemand], query: DemandIn) -> DemandOut:
    items, count = page_of(areas, query)
    return DemandOut(
        start_month=f"{ranking.start_month:%Y-%m}",
        end_month=f"{ranking.end_month:%Y-%m}",
        months=ranking.months,
        weights=Weights(crime=ranking.weights.crime, asb=ranking.weights.asb),
        items=[_area(a) for a in items],
        count=count,
    )


@router.get("/demand", response=answers(DemandOut), url_name="demand_force")
@api_access(permission=VIEW_FORCE_OVERVIEW)
def demand_force(request: HttpRequest, query: Query[DemandIn]):
    """Every team area of the force by demand, busiest first."""
    ranking = force_demand(end_month=month_of(query.month))
    return _out(ranking, ranking.areas, query)


@router.get("/demand/boroughs/{code}", response=answers(DemandOut, one=True), url_name="demand_borough")
@api_access(permission=VIEW_BOROUGH_OVERVIEW)
def demand_borough(request: HttpRequest, code: AreaCode, query: Query[DemandIn]):
    """A borough's team areas by demand, busiest first."""
    result = borough_demand(get_borough_for_user(request.user, code), end_month=month_of(query.month))
    return _out(result.ranking, result.areas, query)


@router.get("/demand/clusters/{code}", response=answers(DemandOut, one=True), url_name="demand_cluster")
@api_access(permission=VIEW_CLUSTER_OVERVIEW)
def demand_cluster(request: HttpRequest, code: AreaCode, query: Query[DemandIn]):
    """A cluster's team areas by demand, busiest first."""
    result = cluster_demand(get_cluster_for_user(request.user, code), end_month=month_of(query.month))
    return _out(result.ranking, result.areas, query)
