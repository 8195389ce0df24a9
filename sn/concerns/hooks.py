"""What concerns adds to pages lower apps own (sn.core.registries)."""

from sn.concerns.models import Concern
from sn.concerns.panels import top_topics_panel
from sn.concerns.permissions import VIEW_CONCERNS
from sn.core.registries import HISTORY_RECORDS, WARD_PANELS, HistoryRecord, Panel

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

HISTORY_RECORDS.register(HistoryRecord("concern", Concern, lambda concern: [concern.neighbourhood]))
