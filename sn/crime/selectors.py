"""Shared reads for the crime pages: demand for a borough or a cluster inside the force's ranking, and
what a page must say about where its figures come from."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from sn.crime.demand import AreaDemand, DemandRanking, Spread, force_demand, spread
from sn.geography.models import Borough, Cluster
from sn.incidents.models import CountSource, IncidentCount


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


@dataclass(frozen=True)
class ClusterDemand:
    cluster: Cluster
    ranking: DemandRanking  # the whole force, as for a borough
    areas: list[AreaDemand]  # the cluster's team areas, busiest first, with their borough and force ranks
    spread: Spread


def cluster_demand(cluster: Cluster, *, end_month: date | None = None, months: int = 12) -> ClusterDemand:
    """An inspector's cluster of wards in the force's ranking: the same figures as the borough page
    shows for those wards, so that the two pages never disagree about a ward."""
    ranking = force_demand(end_month=end_month, months=months)
    members = set(cluster.neighbourhoods.values_list("id", flat=True))
    areas = [a for a in ranking.areas if a.neighbourhood_id in members]
    return ClusterDemand(cluster=cluster, ranking=ranking, areas=areas, spread=spread(areas))


@dataclass(frozen=True)
class DataNotes:
    """What a crime or demand page must tell its reader about its figures."""

    placed: bool  # some incidents are points placed at random inside their ward from a count
    synthetic_asb: bool  # the ASB figures are made up (the demo's), not recorded incidents

    def __bool__(self) -> bool:
        return self.placed or self.synthetic_asb


def synthetic_asb() -> bool:
    """SN_SYNTHETIC_ASB: the database's ASB is synthetic. police.uk ASB carries no mark of its own, so
    the deployment says so (the demo's settings do; see sn/incidents/demo.py)."""
    return bool(getattr(settings, "SN_SYNTHETIC_ASB", False))


def data_notes(
    *, start_month: date, end_month: date, has_asb: bool, neighbourhood_ids: list[int] | None = None
) -> DataNotes:
    """Notes for figures over the months from `start_month` to `end_month` in the given team areas (None:
    the whole force). One query on the ledger of counts by source, which holds a non-ward area's placed
    points too (its incidents belong to the wards beneath it)."""
    placed = IncidentCount.objects.filter(
        month__gte=start_month, month__lte=end_month, source=CountSource.PLACED
    )
    if neighbourhood_ids is not None:
        placed = placed.filter(neighbourhood_id__in=neighbourhood_ids)
    return DataNotes(placed=placed.exists(), synthetic_asb=has_asb and synthetic_asb())
