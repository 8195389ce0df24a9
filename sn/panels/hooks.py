"""What panels adds to pages lower apps own (sn.core.registries): the ward page's priorities panel, the
home page's work, the strategic profile's priorities section, the change history of its records and
the header link to the panels overview."""

from django.urls import reverse

from sn.core.access import has_permission
from sn.core.registries import (
    HISTORY_RECORDS,
    NAVIGATION,
    STRATEGIC_SECTIONS,
    WARD_PANELS,
    WORK_ITEMS,
    HistoryRecord,
    NavItem,
    Panel,
    ReportSectionProvider,
    WorkItemProvider,
)
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.scope import scope_of
from sn.panels import models, work_items
from sn.panels.permissions import APPROVE_STATEMENT, ENDORSE_SIGN_OFF, VIEW_PANEL
from sn.panels.strategic import priorities_section
from sn.panels.ward_panel import priorities_panel

WARD_PANELS.register(
    Panel(
        key="panel_priorities",
        title="Priorities",
        order=35,
        template="panels/ward_page_panel.html",
        build=priorities_panel,
        permission=VIEW_PANEL,
    )
)

WORK_ITEMS.register(
    WorkItemProvider(
        "panel-meeting", "Your ward panel", 5, work_items.panel_member_items, permission=VIEW_PANEL
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        "priority-sign-offs",
        "Sign-offs awaiting your endorsement",
        30,
        work_items.endorsement_items,
        ENDORSE_SIGN_OFF,
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        "priority-statements",
        "'You said, we did' statements awaiting your approval",
        31,
        work_items.approval_items,
        APPROVE_STATEMENT,
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        "panel-meetings", "Ward panel meetings due or overdue", 32, work_items.meeting_items, VIEW_PANEL
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        "priority-updates",
        "Priorities without a progress update",
        33,
        work_items.stale_priority_items,
        VIEW_PANEL,
    )
)

STRATEGIC_SECTIONS.register(
    ReportSectionProvider(key="priorities", order=20, build=priorities_section, permission=VIEW_PANEL)
)


def _priority_wards(record):
    return [record.priority.neighbourhood]


HISTORY_RECORDS.register(HistoryRecord("panel", models.Panel, lambda panel: [panel.neighbourhood]))
HISTORY_RECORDS.register(
    HistoryRecord("meeting", models.Meeting, lambda meeting: [meeting.panel.neighbourhood])
)
HISTORY_RECORDS.register(
    HistoryRecord("priority", models.Priority, lambda priority: [priority.neighbourhood])
)
# A priority's history gathers these (the history page follows records that point at it).
HISTORY_RECORDS.register(HistoryRecord("priority-update", models.ProgressUpdate, _priority_wards))
HISTORY_RECORDS.register(HistoryRecord("milestone", models.Milestone, _priority_wards))
HISTORY_RECORDS.register(HistoryRecord("review", models.Review, _priority_wards))
HISTORY_RECORDS.register(HistoryRecord("statement", models.Statement, _priority_wards))


def _overview_link(user) -> str | None:
    """The panels overview of the widest area the user oversees."""
    if has_permission(user, VIEW_FORCE_OVERVIEW):
        return reverse("panels:force_overview")
    if has_permission(user, VIEW_BOROUGH_OVERVIEW) and user.borough_id:
        return reverse("panels:borough_overview", args=[user.borough.code])
    if has_permission(user, VIEW_CLUSTER_OVERVIEW):
        clusters = list(scope_of(user).clusters().order_by("code")[:2])
        if len(clusters) == 1:
            return reverse("panels:cluster_overview", args=[clusters[0].code])
    return None


NAVIGATION.register(NavItem(key="panels", label="Ward panels", order=30, href=_overview_link))
