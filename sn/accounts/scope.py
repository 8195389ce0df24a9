"""Where a user may act: the one checker for geographic scope.

Every view and API call asks this module, for single objects (out of scope is a 404) and to trim
lists, so the rule lives in one place.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from sn.accounts.roles import Role
from sn.geography.models import Borough, Cluster, Neighbourhood


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    neighbourhood_ids: frozenset[int] = frozenset()
    borough_ids: frozenset[int] = frozenset()  # whole boroughs in scope
    cluster_ids: frozenset[int] = frozenset()  # whole clusters in scope

    def neighbourhoods(self, queryset: QuerySet[Neighbourhood] | None = None) -> QuerySet[Neighbourhood]:
        queryset = Neighbourhood.objects.all() if queryset is None else queryset
        if self.everything:
            return queryset
        return queryset.filter(
            Q(id__in=self.neighbourhood_ids)
            | Q(borough_id__in=self.borough_ids)
            | Q(cluster_id__in=self.cluster_ids)
        )

    def boroughs(self) -> QuerySet[Borough]:
        return Borough.objects.all() if self.everything else Borough.objects.filter(id__in=self.borough_ids)

    def clusters(self) -> QuerySet[Cluster]:
        if self.everything:
            return Cluster.objects.all()
        return Cluster.objects.filter(Q(id__in=self.cluster_ids) | Q(borough_id__in=self.borough_ids))

    def covers_neighbourhood(self, neighbourhood: Neighbourhood) -> bool:
        return (
            self.everything
            or neighbourhood.id in self.neighbourhood_ids
            or neighbourhood.borough_id in self.borough_ids
            or (neighbourhood.cluster_id is not None and neighbourhood.cluster_id in self.cluster_ids)
        )


NOTHING = Scope()


def _posted_neighbourhood_ids(officer_id: int, on: date) -> frozenset[int]:
    from sn.teams.selectors import active_postings

    return frozenset(
        active_postings(on=on).filter(officer_id=officer_id).values_list("team__neighbourhood_id", flat=True)
    )


def scope_for(user, on: date | None = None) -> Scope:
    """The geographic scope of a signed-in user's role. Anonymous users have none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    cached = getattr(user, "_sn_scope", None)
    if cached is not None and on is None:
        return cached
    on = on or timezone.localdate()
    role = user.role
    if role == Role.CENTRAL_UNIT:
        scope = Scope(everything=True)
    elif role in (Role.ANALYST, Role.BOROUGH_LEAD):
        scope = Scope(borough_ids=frozenset({user.borough_id} if user.borough_id else ()))
    elif role == Role.INSPECTOR:
        clusters = (
            Cluster.objects.filter(inspector_id=user.officer_id)
            if user.officer_id
            else Cluster.objects.none()
        )
        scope = Scope(cluster_ids=frozenset(clusters.values_list("id", flat=True)))
    elif role in (Role.SERGEANT, Role.TEAM_OFFICER):
        ids = _posted_neighbourhood_ids(user.officer_id, on) if user.officer_id else frozenset()
        scope = Scope(neighbourhood_ids=ids)
    elif role == Role.PANEL_MEMBER:
        scope = Scope(neighbourhood_ids=frozenset({user.neighbourhood_id} if user.neighbourhood_id else ()))
    else:
        # Partners see only the cases they are invited to (problem solving); no geography of their own.
        scope = NOTHING
    user._sn_scope = scope
    return scope
