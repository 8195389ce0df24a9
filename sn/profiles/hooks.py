"""What the ward profile adds to pages lower apps own (sn.core.registries): the ward page's "Ward
profile" panel, the strategic profile's "The ward" section, and the home page's events to update."""

from sn.core.registries import (
    STRATEGIC_SECTIONS,
    WARD_PANELS,
    WORK_ITEMS,
    Panel,
    ReportSectionProvider,
    WorkItemProvider,
)
from sn.profiles.panels import profile_panel
from sn.profiles.permissions import MANAGE_KEY_LOCATIONS
from sn.profiles.report_sections import ward_section
from sn.profiles.work import events_to_update

WARD_PANELS.register(
    Panel(
        key="profile",
        title="Ward profile",
        order=60,
        template="profiles/panels/profile.html",
        build=profile_panel,
    )
)
STRATEGIC_SECTIONS.register(ReportSectionProvider(key="ward", order=10, build=ward_section))
WORK_ITEMS.register(
    WorkItemProvider(
        key="recurring_event_dates",
        heading="Recurring events whose next date has passed",
        order=80,
        build=events_to_update,
        permission=MANAGE_KEY_LOCATIONS,
    )
)
