"""What patrols guards (docs/permissions.md is generated from these declarations).

Staff of a ward read its patrol areas; PCs and PCSOs record the patrols they made; sergeants and above
propose and adopt the plans and link the cases working on an area (cases they can see); inspectors,
borough leads and the central unit configure the areas.
"""

from django.db.models import QuerySet
from django.http import Http404

from sn.core.access import has_permission
from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.scope import scope_of
from sn.patrols.models import PatrolArea

VIEW_PATROLS = declare(
    "view_patrols",
    "See the town-centre and hotspot patrol areas of their area: demand, plans, delivery and crime",
    app="patrols",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
RECORD_PATROLS = declare(
    "record_patrols",
    "Record a patrol of a town centre or hotspot that happened",
    app="patrols",
    roles={Role.TEAM_OFFICER, Role.SERGEANT, Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
PLAN_PATROLS = declare(
    "plan_patrols",
    "Propose a week's patrol plan for a town centre or hotspot from demand, and adopt it; link and unlink "
    "the problem-solving cases working on the area",
    app="patrols",
    roles={Role.SERGEANT, Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
CONFIGURE_PATROL_AREAS = declare(
    "configure_patrol_areas",
    "Set up a town-centre or hotspot patrol area from a ward and a point with a radius",
    app="patrols",
    roles={Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)


def areas_for_user(user, queryset: QuerySet | None = None) -> QuerySet[PatrolArea]:
    queryset = PatrolArea.objects.all() if queryset is None else queryset
    if not has_permission(user, VIEW_PATROLS):
        return queryset.none()
    return queryset.filter(scope_of(user).neighbourhood_q("neighbourhood"))


def get_area_for_user(user, pk: int) -> PatrolArea:
    area = areas_for_user(user, PatrolArea.objects.select_related("neighbourhood")).filter(pk=pk).first()
    if area is None:
        raise Http404("No such patrol area in your area")
    return area
