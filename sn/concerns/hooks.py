"""What concerns adds to pages lower apps own (sn.core.registries)."""

from sn.concerns.models import Concern
from sn.concerns.panels import top_topics_panel
from sn.concerns.permissions import VIEW_CONCERNS
from sn.concerns.report_sections import concerns_section
from sn.core.registries import (
    HISTORY_RECORDS,
    REPORT_SECTIONS,
    STRATEGIC_SECTIONS,
    WARD_PANELS,
    HistoryRecord,
    Panel,
    ReportSectionProvider,
)

WARD_PANELS.register(
    Panel(
        key="concerns",
        title="What residents raise",
        order=55,
        template="concerns/panels/top_topics.html",
        build=top_topics_panel,
        permission=VIEW_CONCERNS,
    )
)

REPORT_SECTIONS.register(
    ReportSectionProvider(key="concerns", order=35, build=concerns_section, permission=VIEW_CONCERNS)
)
STRATEGIC_SECTIONS.register(
    ReportSectionProvider(key="concerns", order=40, build=concerns_section, permission=VIEW_CONCERNS)
)

HISTORY_RECORDS.register(HistoryRecord("concern", Concern, lambda concern: [concern.neighbourhood]))
