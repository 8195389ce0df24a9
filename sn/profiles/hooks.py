"""What the ward profile adds to pages lower apps own (sn.core.registries): the ward page's "Ward
profile" panel, the strategic profile's "The ward" section, the home page's events to update, the
change history of key locations and recurring events, and the demographic upload as a job kind."""

from sn.core.registries import (
    HISTORY_RECORDS,
    STRATEGIC_SECTIONS,
    WARD_PANELS,
    WORK_ITEMS,
    HistoryRecord,
    Panel,
    ReportSectionProvider,
    WorkItemProvider,
)
from sn.jobs.registry import JOB_KINDS, JobKind
from sn.profiles.jobs import KIND, run_demographics_upload
from sn.profiles.models import KeyLocation, RecurringEvent
from sn.profiles.panels import profile_panel
from sn.profiles.permissions import IMPORT_DEMOGRAPHICS, MANAGE_KEY_LOCATIONS
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
HISTORY_RECORDS.register(
    HistoryRecord("key-location", KeyLocation, lambda location: [location.neighbourhood])
)
HISTORY_RECORDS.register(
    HistoryRecord("recurring-event", RecurringEvent, lambda event: [event.neighbourhood])
)
JOB_KINDS.register(
    JobKind(
        key=KIND,
        label="Demographic tables upload",
        run=run_demographics_upload,
        permission=IMPORT_DEMOGRAPHICS,
        takes_file=True,
        start_url_name="profiles:demographics_upload",
        result_label="Back to the demographic tables",
    )
)
