"""What EPIC activity adds to pages lower apps own (sn.core.registries): the header link, the ward
page's panel, the "epic" section of the monthly reports, form 301's operational activity and the change
history of its records."""

from django.urls import reverse

from sn.activity.models import ActivityCount, ActivityRecord
from sn.activity.permissions import VIEW_ACTIVITY
from sn.activity.report_sections import activity_panel, activity_strategic_section, epic_section
from sn.core.access import has_permission
from sn.core.registries import (
    HISTORY_RECORDS,
    NAVIGATION,
    REPORT_SECTIONS,
    STRATEGIC_SECTIONS,
    WARD_PANELS,
    HistoryRecord,
    NavItem,
    Panel,
    ReportSectionProvider,
)
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.scope import scope_of


def _epic_link(user) -> str | None:
    """The EPIC report of the widest area the user oversees, or their ward's activity."""
    if not has_permission(user, VIEW_ACTIVITY):
        return None
    if has_permission(user, VIEW_FORCE_OVERVIEW):
        return reverse("activity:force_report")
    if has_permission(user, VIEW_BOROUGH_OVERVIEW) and user.borough_id:
        return reverse("activity:borough_report", args=[user.borough.code])
    scope = scope_of(user)
    if has_permission(user, VIEW_CLUSTER_OVERVIEW):
        clusters = list(scope.clusters().order_by("code")[:2])
        if len(clusters) == 1:
            return reverse("activity:cluster_report", args=[clusters[0].code])
    wards = list(scope.neighbourhoods().order_by("name")[:1])
    return reverse("activity:ward", args=[wards[0].code]) if wards else None


NAVIGATION.register(NavItem(key="epic", label="EPIC activity", order=35, href=_epic_link))

WARD_PANELS.register(
    Panel(
        key="epic",
        title="EPIC activity",
        order=38,
        template="activity/ward_page_panel.html",
        build=activity_panel,
        permission=VIEW_ACTIVITY,
    )
)

REPORT_SECTIONS.register(
    ReportSectionProvider(key="epic", order=45, build=epic_section, permission=VIEW_ACTIVITY)
)
STRATEGIC_SECTIONS.register(
    ReportSectionProvider(
        key="activity", order=55, build=activity_strategic_section, permission=VIEW_ACTIVITY
    )
)

HISTORY_RECORDS.register(HistoryRecord("activity", ActivityRecord, lambda record: [record.neighbourhood]))
HISTORY_RECORDS.register(
    HistoryRecord("activity-count", ActivityCount, lambda count: [count.record.neighbourhood])
)
