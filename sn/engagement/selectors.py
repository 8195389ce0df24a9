"""Shared reads of engagement: a ward's events by status, the ward-page summary, what is waiting to be
written up, and the concerns an event raised."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from sn.concerns.models import Concern
from sn.concerns.selectors import months_before
from sn.engagement.models import Event, EventKind, EventStatus
from sn.engagement.permissions import EVENTS
from sn.geography.models import Neighbourhood

SUMMARY_SHOWN = 3  # events of each kind (recent, upcoming) the ward page shows


def status_q(status: str, now: datetime) -> Q:
    """Events of one status at `now` (EventStatus)."""
    if status == EventStatus.UPCOMING:
        return Q(starts_at__gt=now)
    if status == EventStatus.TO_WRITE_UP:
        return Q(starts_at__lte=now, written_up_at__isnull=True)
    return Q(starts_at__lte=now, written_up_at__isnull=False)


def ward_events(
    neighbourhood: Neighbourhood, *, status: str | None = None, kinds=None, now: datetime | None = None
) -> QuerySet[Event]:
    """A ward's live events: upcoming soonest first, the rest latest first."""
    now = now or timezone.now()
    events = Event.objects.live().filter(neighbourhood=neighbourhood).select_related("led_by")
    if kinds:
        events = events.filter(kind__in=list(kinds))
    if status is None:
        return events.order_by("-starts_at", "-id")
    events = events.filter(status_q(status, now))
    return (
        events.order_by("starts_at", "id")
        if status == EventStatus.UPCOMING
        else events.order_by("-starts_at")
    )


def status_counts(neighbourhood: Neighbourhood, *, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    counts = (
        Event.objects.live()
        .filter(neighbourhood=neighbourhood)
        .aggregate(**{s.value.replace("-", "_"): Count("id", filter=status_q(s, now)) for s in EventStatus})
    )
    return {s.value: counts[s.value.replace("-", "_")] for s in EventStatus}


def write_up_due(event: Event) -> date:
    """The day by which an event that has happened should be written up."""
    return event.day + timedelta(days=settings.SN_ENGAGEMENT_WRITE_UP_DAYS)


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    events: int
    attendance: int


@dataclass
class EngagementSummary:
    """What the ward page shows of a ward's engagement."""

    upcoming: list[Event]
    recent: list[Event]
    by_kind: list[KindCount]
    since: date
    to_write_up: int
    total: int = 0
    attendance: int = 0
    kinds: list[KindCount] = field(default_factory=list)


def engagement_summary(neighbourhood: Neighbourhood, *, now: datetime | None = None) -> EngagementSummary:
    """Upcoming and recent events, how many of each kind in the last 12 months, and how many are waiting
    to be written up. Four queries, however busy the ward."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    since = months_before(today, settings.SN_ENGAGEMENT_SUMMARY_MONTHS) + timedelta(days=1)
    live = Event.objects.live().filter(neighbourhood=neighbourhood)
    upcoming = list(
        live.filter(starts_at__gt=now).select_related("led_by").order_by("starts_at")[:SUMMARY_SHOWN]
    )
    recent = list(
        live.filter(starts_at__lte=now).select_related("led_by").order_by("-starts_at")[:SUMMARY_SHOWN]
    )
    start = timezone.make_aware(datetime.combine(since, datetime.min.time()))
    rows = {
        row["kind"]: row
        for row in live.filter(starts_at__gte=start, starts_at__lte=now)
        .values("kind")
        .annotate(n=Count("id"), people=Sum("attendance"))
        .order_by()
    }
    by_kind = [
        KindCount(kind, label, rows[kind]["n"], rows[kind]["people"] or 0)
        for kind, label in EventKind.choices
        if kind in rows
    ]
    to_write_up = live.filter(status_q(EventStatus.TO_WRITE_UP, now)).count()
    return EngagementSummary(
        upcoming=upcoming,
        recent=recent,
        by_kind=by_kind,
        since=since,
        to_write_up=to_write_up,
        total=sum(k.events for k in by_kind),
        attendance=sum(k.attendance for k in by_kind),
    )


def events_to_write_up(user, *, now: datetime | None = None) -> QuerySet[Event]:
    """Events in the user's reach that have happened and are not written up, oldest first."""
    now = now or timezone.now()
    return (
        EVENTS.filter_for(user, Event.objects.live())
        .filter(status_q(EventStatus.TO_WRITE_UP, now))
        .select_related("neighbourhood", "led_by")
        .order_by("starts_at", "id")
    )


def event_concerns(event: Event) -> QuerySet[Concern]:
    """The concerns raised at an event (written up, found on an audit, answered in a survey), live ones."""
    return (
        Concern.objects.live()
        .filter(source_type=ContentType.objects.get_for_model(Event), source_id=event.pk)
        .order_by("id")
    )
