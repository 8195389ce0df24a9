"""Shared reads for the crime pages: demand for a borough inside the force's ranking."""

from dataclasses import dataclass
from datetime import date

from sn.crime.demand import AreaDemand, DemandRanking, Spread, force_demand, spread
from sn.geography.models import Borough


@dataclass(frozen=True)
class BoroughDemand:
    borough: Borough
    ranking: DemandRanking  # the whole force, so that force ranks and quintiles mean the same everywhere
    areas: list[AreaDemand]  # the borough's team areas, busiest first
    spread: Spread


def borough_demand(borough: Borough, *, end_month: date | None = None, months: int = 12) -> BoroughDemand:
    """A borough's team areas ranked within the borough, with their force ranks and the borough's spread
    (e.g. the review's Fairfield at 10.5 times Selsdon and Ballards in Croydon)."""
    ranking = force_demand(end_month=end_month, months=months)
    areas = ranking.for_borough(borough.id)
    return BoroughDemand(borough=borough, ranking=ranking, areas=areas, spread=spread(areas))
