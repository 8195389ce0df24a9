"""What engagement adds to pages lower apps own (sn.core.registries)."""

from sn.core.registries import (
    HISTORY_RECORDS,
    REPORT_SECTIONS,
    STRATEGIC_SECTIONS,
    WARD_PANELS,
    WORK_ITEMS,
    HistoryRecord,
    Panel,
    ReportSectionProvider,
    WorkItemProvider,
)
from sn.engagement import work
from sn.engagement.models import Event, Finding, SurveyResponse
from sn.engagement.panels import engagement_panel
from sn.engagement.permissions import FOLLOW_UP_WRITE_UPS, MANAGE_ENGAGEMENT, VIEW_ENGAGEMENT
from sn.engagement.report_sections import engagement_section, engagement_strategic_section

WARD_PANELS.register(
    Panel(
        key="engagement",
        title="Engagement",
        order=50,
        template="engagement/panels/engagement.html",
        build=engagement_panel,
        permission=VIEW_ENGAGEMENT,
    )
)

WORK_ITEMS.register(
    WorkItemProvider(
        key="events_to_write_up",
        heading="Events to write up",
        order=10,
        build=work.events_to_write_up_items,
        permission=MANAGE_ENGAGEMENT,
    )
)
WORK_ITEMS.register(
    WorkItemProvider(
        key="late_write_ups",
        heading="Events not written up in time",
        order=35,
        build=work.late_write_ups,
        permission=FOLLOW_UP_WRITE_UPS,
    )
)

REPORT_SECTIONS.register(
    ReportSectionProvider(key="engagement", order=40, build=engagement_section, permission=VIEW_ENGAGEMENT)
)
STRATEGIC_SECTIONS.register(
    ReportSectionProvider(
        key="engagement", order=50, build=engagement_strategic_section, permission=VIEW_ENGAGEMENT
    )
)

HISTORY_RECORDS.register(HistoryRecord("event", Event, lambda event: [event.neighbourhood]))
HISTORY_RECORDS.register(HistoryRecord("finding", Finding, lambda finding: [finding.event.neighbourhood]))
HISTORY_RECORDS.register(
    HistoryRecord("surveyresponse", SurveyResponse, lambda response: [response.event.neighbourhood])
)
