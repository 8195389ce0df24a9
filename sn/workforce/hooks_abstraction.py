"""Abstraction monitoring in what lower apps own: the header link to the reader's own level, the
"abstraction" section of the monthly reports and the work items for teams over the target."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import (
    NAVIGATION,
    REPORT_SECTIONS,
    WORK_ITEMS,
    NavItem,
    ReportSectionProvider,
    WorkItemProvider,
)
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.scope import scope_of
from sn.workforce.permissions import VIEW_ABSTRACTION
from sn.workforce.report_sections import abstraction_section, teams_over_target_items


def _abstraction_link(user) -> str | None:
    """The abstraction page of the widest area the user oversees: the force, their borough, their
    cluster, or their team's ward."""
    if not has_permission(user, VIEW_ABSTRACTION):
        return None
    if has_permission(user, VIEW_FORCE_OVERVIEW):
        return reverse("workforce:abstraction_force")
    if has_permission(user, VIEW_BOROUGH_OVERVIEW) and user.borough_id:
        return reverse("workforce:abstraction_borough", args=[user.borough.code])
    scope = scope_of(user)
    if has_permission(user, VIEW_CLUSTER_OVERVIEW):
        clusters = list(scope.clusters().order_by("code")[:2])
        if len(clusters) == 1:
            return reverse("workforce:abstraction_cluster", args=[clusters[0].code])
    wards = list(scope.neighbourhoods().order_by("name")[:1])
    return reverse("workforce:abstraction_ward", args=[wards[0].code]) if wards else None


NAVIGATION.register(NavItem(key="abstraction", label="Abstraction", order=37, href=_abstraction_link))

REPORT_SECTIONS.register(
    ReportSectionProvider(key="abstraction", order=47, build=abstraction_section, permission=VIEW_ABSTRACTION)
)

WORK_ITEMS.register(
    WorkItemProvider(
        key="abstraction_over_target",
        heading="Teams over the abstraction target last month",
        order=35,
        build=teams_over_target_items,
        permission=VIEW_ABSTRACTION,
    )
)
