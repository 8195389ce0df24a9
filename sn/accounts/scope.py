"""Where a user may act: the one checker for scope.

A role's kind of scope comes from the roles registry (sn.core.roles); its anchor (borough, officer,
neighbourhood) from the user; grants (a ward lent for a period, a record invited to) are added on
top. Every view and API call asks `sn.geography.scope.scope_of`, which this module answers, for
single objects (out of scope is a 404) and to trim lists, so the rule lives in one place.
"""

from datetime import date

from django.utils import timezone

from sn.accounts.models import AccessGrant
from sn.core.roles import ROLES, Role, ScopeKind
from sn.geography.models import Cluster
from sn.geography.scope import NOTHING, Scope
from sn.teams.selectors import active_postings


def _posted_neighbourhood_ids(officer_id: int | None, on: date) -> frozenset[int]:
    if officer_id is None:
        return frozenset()
    return frozenset(
        active_postings(on=on).filter(officer_id=officer_id).values_list("team__neighbourhood_id", flat=True)
    )


def _commanded_cluster_ids(officer_id: int | None) -> frozenset[int]:
    if officer_id is None:
        return frozenset()
    return frozenset(Cluster.objects.filter(inspector_id=officer_id).values_list("id", flat=True))


def _role_scope(user, on: date) -> Scope:
    kind = ROLES[Role(user.role)].scope if user.role else ScopeKind.GRANTS_ONLY
    if kind == ScopeKind.FORCE:
        return Scope(everything=True)
    if kind == ScopeKind.BOROUGH:
        return Scope(borough_ids=frozenset({user.borough_id} if user.borough_id else ()))
    if kind == ScopeKind.COMMANDED_CLUSTERS:
        return Scope(cluster_ids=_commanded_cluster_ids(user.officer_id))
    if kind == ScopeKind.POSTED_TEAMS:
        return Scope(neighbourhood_ids=_posted_neighbourhood_ids(user.officer_id, on))
    if kind == ScopeKind.OWN_WARD:
        return Scope(neighbourhood_ids=frozenset({user.neighbourhood_id} if user.neighbourhood_id else ()))
    return NOTHING


def _with_grants(scope: Scope, user, on: date) -> Scope:
    if scope.everything:
        return scope
    neighbourhood_ids, records = set(), set()
    for neighbourhood_id, label, record_id in (
        AccessGrant.objects.active(on)
        .filter(user=user)
        .values_list("neighbourhood_id", "record_label", "record_id")
    ):
        if neighbourhood_id is not None:
            neighbourhood_ids.add(neighbourhood_id)
        else:
            records.add((label, record_id))
    if not (neighbourhood_ids or records):
        return scope
    return Scope(
        neighbourhood_ids=scope.neighbourhood_ids | neighbourhood_ids,
        borough_ids=scope.borough_ids,
        cluster_ids=scope.cluster_ids,
        records=scope.records | records,
    )


def scope_for(user, on: date | None = None) -> Scope:
    """The scope of a signed-in user on a day (today by default). Anonymous users have none."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    cached = getattr(user, "_sn_scope", None)
    if cached is not None and on is None:
        return cached
    day = on or timezone.localdate()
    scope = _with_grants(_role_scope(user, day), user, day)
    if on is None:
        user._sn_scope = scope
    return scope
