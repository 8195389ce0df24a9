"""What the home page lists as needing doing (WORK_ITEMS, registered in sn.engagement.hooks): events to
write up, for the team officers and sergeants who run them; and, for inspectors and borough leads, the
wards whose events are late being written up, worst first."""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from sn.core.registries import WorkItem
from sn.engagement.models import EventStatus
from sn.engagement.selectors import events_to_write_up, write_up_due


def events_to_write_up_items(user) -> list[WorkItem]:
    """Every event in the user's wards that has happened and is not written up: the ones they led say
    so. Late after SN_ENGAGEMENT_WRITE_UP_DAYS days."""
    today = timezone.localdate()
    officer_id = getattr(user, "officer_id", None)
    items = []
    for event in events_to_write_up(user):
        due = write_up_due(event)
        led = "led by you" if officer_id and event.led_by_id == officer_id else f"led by {event.leader}"
        items.append(
            WorkItem(
                title=f"Write up: {event.title}, {event.day.day} {event.day:%b %Y}",
                url=reverse("engagement:event_write_up", args=[event.pk]),
                area=event.neighbourhood.name,
                due=due,
                overdue=due < today,
                detail=f"{event.get_kind_display()}, {led}",
                urgency=max((today - due).days, 0),
            )
        )
    return items


def late_write_ups(user) -> list[WorkItem]:
    """Per ward of the user's cluster or borough: how many events are past their write-up date."""
    now = timezone.now()
    late_before = now - timedelta(days=settings.SN_ENGAGEMENT_WRITE_UP_DAYS)
    late = events_to_write_up(user, now=now).filter(starts_at__lt=late_before)
    counts = Counter()
    wards = {}
    for event in late:
        counts[event.neighbourhood_id] += 1
        wards[event.neighbourhood_id] = event.neighbourhood
    url = "engagement:ward_events"
    return [
        WorkItem(
            title=f"{n} event{'s' if n != 1 else ''} not written up within "
            f"{settings.SN_ENGAGEMENT_WRITE_UP_DAYS} days",
            url=reverse(url, args=[wards[ward_id].code]) + f"?show={EventStatus.TO_WRITE_UP.value}",
            area=wards[ward_id].name,
            overdue=True,
            urgency=n,
        )
        for ward_id, n in counts.items()
    ]
