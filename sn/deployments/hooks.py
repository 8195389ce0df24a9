"""What deployments adds to pages lower apps own (sn.core.registries), imported in the app's ready()."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, NavItem
from sn.deployments.permissions import VIEW_DEPLOYMENTS


def _list_link(user) -> str | None:
    return reverse("deployments:list") if has_permission(user, VIEW_DEPLOYMENTS) else None


NAVIGATION.register(NavItem(key="deployments", label="Deployments", order=46, href=_list_link))
