"""The ward page's "Priorities" panel (registered in sn.panels.hooks): the current priorities with their
status and last update, the warnings the panel should see, and the next meeting."""

from django.utils import timezone

from sn.core.access import has_permission
from sn.geography.models import Neighbourhood
from sn.panels.models import Meeting
from sn.panels.permissions import MANAGE_PRIORITIES
from sn.panels.selectors import active_panel, cadence_of, current_priorities, is_stale, priority_warnings


def priorities_panel(user, neighbourhood: Neighbourhood) -> dict:
    panel = active_panel(neighbourhood)
    priorities = current_priorities(neighbourhood)
    today = timezone.localdate()
    cadence = cadence_of(panel, today=today) if panel else None
    next_meeting = (
        Meeting.objects.filter(pk=cadence.next_planned_id).first()
        if cadence and cadence.next_planned_id
        else None
    )
    return {
        "panel": panel,
        "priorities": [(p, is_stale(p, today=today)) for p in priorities],
        "warnings": priority_warnings(priorities) if panel else [],
        "cadence": cadence,
        "next_meeting": next_meeting,
        "can_manage_priorities": has_permission(user, MANAGE_PRIORITIES),
    }
