"""Where a user may act, as a value: the areas in their scope and the records they were granted.

`Scope` is geographic first (the whole force, boroughs, clusters, neighbourhoods) and can also hold
grants that are not geographic: a partner invited to a case, an officer lent to another ward for a
period. Which scope a user has is decided by `sn.accounts.scope`, which sits above this app and
registers itself here in its `AppConfig.ready()`; apps ask `scope_of(user)` and never import accounts.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from sn.geography.models import Borough, Cluster, Neighbourhood


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    neighbourhood_ids: frozenset[int] = frozenset()
    borough_ids: frozenset[int] = frozenset()  # whole boroughs in scope
    cluster_ids: frozenset[int] = frozenset()  # whole clusters in scope
    # Single records granted outside the geography, as (app_label.model, pk).
    records: frozenset[tuple[str, int]] = frozenset()

    def neighbourhood_q(self, path: str = "") -> Q:
        """A filter on any model that reaches a neighbourhood through `path` ("" for Neighbourhood)."""
        if self.everything:
            return Q()
        prefix = f"{path}__" if path else ""
        return (
            Q(**{f"{prefix}id__in": self.neighbourhood_ids})
            | Q(**{f"{prefix}borough_id__in": self.borough_ids})
            | Q(**{f"{prefix}cluster_id__in": self.cluster_ids})
        )

    def neighbourhoods(self, queryset: QuerySet[Neighbourhood] | None = None) -> QuerySet[Neighbourhood]:
        queryset = Neighbourhood.objects.all() if queryset is None else queryset
        if self.everything:
            return queryset
        if not (self.neighbourhood_ids or self.borough_ids or self.cluster_ids):
            return queryset.none()
        return queryset.filter(self.neighbourhood_q())

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

    def granted_ids(self, label: str) -> frozenset[int]:
        return frozenset(pk for record_label, pk in self.records if record_label == label)


NOTHING = Scope()

ScopeResolver = Callable[[object], Scope]
_resolver: list[ScopeResolver] = []


def register_scope_resolver(resolver: ScopeResolver) -> None:
    """Called once, by the accounts app, which knows how a role and its anchors make a scope."""
    _resolver[:] = [resolver]


def scope_of(user) -> Scope:
    """The scope of a user; anonymous and inactive users have none."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return NOTHING
    if not _resolver:
        raise RuntimeError("No scope resolver registered: is sn.accounts in INSTALLED_APPS?")
    return _resolver[0](user)
