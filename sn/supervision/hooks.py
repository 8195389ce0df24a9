"""What supervision adds to pages lower apps own (sn.core.registries): the header link to the widest
area's supervision page the user may open."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, NavItem
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.scope import scope_of
from sn.supervision.permissions import VIEW_SUPERVISION


def _supervision_link(user) -> str | None:
    if not has_permission(user, VIEW_SUPERVISION):
        return None
    if has_permission(user, VIEW_FORCE_OVERVIEW):
        return reverse("supervision:force")
    scope = scope_of(user)
    if has_permission(user, VIEW_BOROUGH_OVERVIEW):
        borough = scope.boroughs().order_by("name").first()
        if borough is not None:
            return reverse("supervision:borough", args=[borough.code])
    cluster = scope.clusters().order_by("code").first()
    return reverse("supervision:cluster", args=[cluster.code]) if cluster else None


NAVIGATION.register(NavItem(key="supervision", label="Supervision", order=48, href=_supervision_link))
