"""What deployments guard (docs/permissions.md is generated from these declarations).

Approach A (seed 000 paragraphs 33-37): the cluster inspector lends officers between the wards of the
clusters they command, the borough lead between the clusters of the borough, the central unit anywhere.
Staff read the deployments that touch their area: the receiving ward or a lent officer's home ward.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from sn.core.access import has_permission
from sn.core.permissions import declare
from sn.core.roles import Role
from sn.deployments.models import Deployment
from sn.geography.models import Neighbourhood
from sn.geography.scope import Scope, scope_of

DEPLOY_OFFICERS = declare(
    "deploy_officers",
    "Lend Safer Neighbourhoods officers to another ward for a problem and period (Approach A), and end "
    "or cancel the deployment: within a commanded cluster, the borough, or the force",
    app="deployments",
    roles={Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
VIEW_DEPLOYMENTS = declare(
    "view_deployments",
    "See the deployments to and from the wards in their area, with the cover check and results",
    app="deployments",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)


def reaches(scope: Scope, wards: list[Neighbourhood]) -> bool:
    """Whether a deployer's scope lets them move officers between all of `wards`: anywhere for the force,
    within one borough they lead, or within one cluster they command. A ward reached only by a grant
    (a lent officer's) gives no power to deploy."""
    if scope.everything:
        return True
    boroughs = {w.borough_id for w in wards}
    if len(boroughs) == 1 and boroughs <= scope.borough_ids:
        return True
    clusters = {w.cluster_id for w in wards}
    return len(clusters) == 1 and None not in clusters and clusters <= scope.cluster_ids


def deployment_wards(deployment: Deployment) -> list[Neighbourhood]:
    homes = [
        lent.home_team.neighbourhood for lent in deployment.lent.select_related("home_team__neighbourhood")
    ]
    return [deployment.neighbourhood, *homes]


def may_deploy(user, wards: list[Neighbourhood]) -> bool:
    return has_permission(user, DEPLOY_OFFICERS) and reaches(scope_of(user), wards)


def deployments_for_user(user, queryset: QuerySet | None = None) -> QuerySet[Deployment]:
    """The deployments to or from a ward in the user's scope."""
    queryset = Deployment.objects.all() if queryset is None else queryset
    if not has_permission(user, VIEW_DEPLOYMENTS):
        return queryset.none()
    scope = scope_of(user)
    if scope.everything:
        return queryset
    reach = scope.neighbourhood_q("neighbourhood") | scope.neighbourhood_q("lent__home_team__neighbourhood")
    ids = queryset.filter(reach).values("id")
    return queryset.filter(id__in=ids)


def get_deployment_for_user(user, pk: int, *, for_change: bool = False) -> Deployment:
    """One deployment: 404 outside the user's reach; for a change, 404 too when they may read it but
    not deploy between its wards, 403 (the deployer's reach is the whole of it, not a part)."""
    deployment = (
        deployments_for_user(user, Deployment.objects.select_related("neighbourhood", "case", "priority"))
        .filter(pk=pk)
        .first()
    )
    if deployment is None:
        raise Http404("No such deployment in your area")
    if for_change and not may_deploy(user, deployment_wards(deployment)):
        raise PermissionDenied("The deployment reaches beyond the wards you may deploy between")
    return deployment
