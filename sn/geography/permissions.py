"""Who may see which areas. Areas are reached through the user's scope; see sn.geography.rules."""

from django.http import Http404

from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.models import Borough, Cluster, Neighbourhood
from sn.geography.rules import RecordRule, Tier
from sn.geography.scope import scope_of

VIEW_WARD = declare(
    "view_ward",
    "Open the internal ward page of a neighbourhood in scope",
    app="geography",
    roles=set(Role) - {Role.PARTNER},
)
VIEW_CLUSTER_OVERVIEW = declare(
    "view_cluster_overview",
    "Open the page of a cluster in scope",
    app="geography",
    roles={Role.INSPECTOR, Role.ANALYST, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
VIEW_BOROUGH_OVERVIEW = declare(
    "view_borough_overview",
    "Open the page of a borough in scope",
    app="geography",
    roles={Role.ANALYST, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
VIEW_FORCE_OVERVIEW = declare(
    "view_force_overview", "Open the force-wide pages", app="geography", roles={Role.CENTRAL_UNIT}
)

NEIGHBOURHOODS = RecordRule(model=Neighbourhood, neighbourhood_path="", view=Tier(associated=VIEW_WARD))


def neighbourhoods_for_user(user):
    return NEIGHBOURHOODS.filter_for(user).select_related("borough", "cluster")


def get_neighbourhood_for_user(user, code: str) -> Neighbourhood:
    """A neighbourhood in the user's scope, with what its pages show; 404 outside it.

    Scope here is the geography alone: whether the user may open the page at all is the view's
    permission, so the scope check does not repeat it."""
    neighbourhood = (
        Neighbourhood.objects.select_related("borough", "cluster", "cluster__inspector", "team")
        .filter(code=code)
        .first()
    )
    if neighbourhood is None or not scope_of(user).covers_neighbourhood(neighbourhood):
        raise Http404("No such neighbourhood in your area")
    return neighbourhood


def get_borough_for_user(user, code: str) -> Borough:
    borough = scope_of(user).boroughs().select_related("force").filter(code=code).first()
    if borough is None:
        raise Http404("No such borough in your area")
    return borough


def get_cluster_for_user(user, code: str) -> Cluster:
    cluster = scope_of(user).clusters().select_related("borough", "inspector").filter(code=code).first()
    if cluster is None:
        raise Http404("No such cluster in your area")
    return cluster
