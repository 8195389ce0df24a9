"""The header links to the pages this app serves (imported in PagesConfig.ready())."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, NavItem
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_FORCE_OVERVIEW


def _area_link(user) -> str | None:
    if has_permission(user, VIEW_FORCE_OVERVIEW):
        return reverse("pages:force")
    return None


def _borough_link(user) -> str | None:
    if has_permission(user, VIEW_FORCE_OVERVIEW) or not has_permission(user, VIEW_BOROUGH_OVERVIEW):
        return None
    return reverse("pages:borough", args=[user.borough.code]) if user.borough_id else None


NAVIGATION.register(NavItem(key="home", label="Home", order=0, href=lambda user: reverse("pages:home")))
NAVIGATION.register(NavItem(key="force", label="Force", order=10, href=_area_link))
NAVIGATION.register(NavItem(key="borough", label="Borough", order=10, href=_borough_link))
