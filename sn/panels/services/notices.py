"""A notice on the papers of a panel's next meeting, given by another part of the service (an officer of
the ward lent elsewhere). The giver has checked its own actor; the panel's side only finds the meeting."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.geography.models import Neighbourhood
from sn.panels.models import PanelNotice
from sn.panels.notices import next_meeting
from sn.panels.selectors import active_panel


@transaction.atomic
def panel_notice_give(
    *,
    neighbourhood: Neighbourhood,
    title: str,
    text: str,
    source: str = "",
    today: date | None = None,
    actor=None,
) -> PanelNotice | None:
    """Put a notice on the papers of the ward panel's next meeting; None when the ward has no panel."""
    panel = active_panel(neighbourhood)
    if panel is None:
        return None
    today = today or timezone.localdate()
    with audit_actor(actor):
        return PanelNotice.objects.create(
            panel=panel,
            meeting=next_meeting(panel, today=today),
            title=title.strip()[:200],
            text=text.strip(),
            source=source,
        )
