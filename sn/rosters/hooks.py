"""What rosters adds to pages lower apps own (sn.core.registries): the header link to the shift pages
of the widest area the user oversees."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, NavItem
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW
from sn.geography.scope import scope_of
from sn.rosters.permissions import VIEW_SHIFT_COVER


def _shifts_link(user) -> str | None:
    if not has_permission(user, VIEW_SHIFT_COVER):
        return None
    scope = scope_of(user)
    if has_permission(user, VIEW_BOROUGH_OVERVIEW):
        boroughs = list(scope.boroughs().order_by("code")[:1])
        if boroughs:
            return reverse("rosters:borough_cover", args=[boroughs[0].code])
    if has_permission(user, VIEW_CLUSTER_OVERVIEW):
        clusters = list(scope.clusters().order_by("code")[:1])
        if clusters:
            return reverse("rosters:cluster_cover", args=[clusters[0].code])
    wards = list(scope.neighbourhoods().filter(kind="ward").order_by("name")[:1])
    return reverse("rosters:ward_cover", args=[wards[0].code]) if wards else None


NAVIGATION.register(NavItem(key="shifts", label="Shifts", order=47, href=_shifts_link))
