"""What the ward profile puts on a team's home page: recurring events whose next date has passed, so
the team sets the next one before planning round a date that is gone (registered in sn.profiles.hooks)."""

from django.urls import reverse
from django.utils import timezone

from sn.core.registries import WorkItem
from sn.profiles.models import RecurringEvent
from sn.profiles.permissions import RECURRING_EVENTS

EVENTS_LISTED = 50  # the home page shows the first few; more than this is a list to fix on the profile


def events_to_update(user) -> list[WorkItem]:
    today = timezone.localdate()
    events = RECURRING_EVENTS.filter_for(
        user, RecurringEvent.objects.live().filter(next_date__lt=today), for_write=True
    ).select_related("neighbourhood")
    return [
        WorkItem(
            title=f"Set the next date of {event.name}",
            url=reverse("profiles:event_edit", args=[event.pk]),
            area=event.neighbourhood.name,
            due=event.next_date,
            overdue=True,
            detail=f"{event.get_kind_display()}, {event.schedule}",
            urgency=(today - event.next_date).days,
        )
        for event in events.order_by("next_date", "name")[:EVENTS_LISTED]
    ]
