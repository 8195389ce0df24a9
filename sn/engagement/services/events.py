"""Engagement events: planned, edited, written up (attendance, notes and the concerns raised there) and
archived."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.concerns.models import Channel, Concern
from sn.concerns.places import point_problem
from sn.concerns.services import concern_create
from sn.concerns.taxonomy import Topic
from sn.core.archive import record_archive
from sn.core.audit import audit_actor
from sn.engagement.models import PLACELESS_KINDS, Event, EventKind
from sn.geography.models import Neighbourhood
from sn.teams.models import Officer
from sn.teams.selectors import active_postings

# More than a packed stadium is a typing slip, not an attendance.
MAX_ATTENDANCE = 50_000
EARLIEST = date(2000, 1, 1)


@dataclass(frozen=True)
class ConcernInput:
    """A concern raised at an event, as the write-up records it."""

    topic: str
    description: str
    location: str = ""
    latitude: float | None = None
    longitude: float | None = None


def _leader_problem(
    officer: Officer | None, name: str, neighbourhood: Neighbourhood, day: date
) -> str | None:
    if officer is None and not name.strip():
        return "Say who led it: an officer of the team, or a name."
    if officer is not None and name.strip():
        return "Choose an officer of the team or type a name, not both."
    if officer is None:
        return None
    posted = active_postings(on=day).filter(officer=officer, team__neighbourhood=neighbourhood).exists()
    commands = neighbourhood.cluster_id is not None and neighbourhood.cluster.inspector_id == officer.pk
    if posted or commands:
        return None
    return (
        f"{officer.full_name} is not on the {neighbourhood.name} team on {day:%d %B %Y}: "
        "type their name instead."
    )


def _event_errors(
    *,
    neighbourhood: Neighbourhood,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None,
    venue: str,
    latitude: float | None,
    longitude: float | None,
    led_by: Officer | None,
    led_by_name: str,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if kind not in EventKind.values:
        errors["kind"] = f"Unknown kind of event {kind!r}."
    if not title.strip():
        errors["title"] = "Give the event a title, like “Street briefing outside the station”."
    if timezone.is_naive(starts_at):
        raise ValueError("starts_at must be an aware datetime")
    day = timezone.localdate(starts_at)
    if day < EARLIEST:
        errors["starts_at"] = f"Enter a date from {EARLIEST:%d %B %Y}."
    if ends_at is not None and ends_at < starts_at:
        errors["ends_at"] = "The end must be after the start."
    if (latitude is None) != (longitude is None):
        errors["latitude"] = "Give both latitude and longitude, or neither."
    elif latitude is not None and (problem := point_problem(neighbourhood, latitude, longitude)):
        errors["latitude"] = problem
    elif latitude is None and not venue.strip() and kind not in PLACELESS_KINDS:
        errors["venue"] = "Name the place, or put it on the map."
    if problem := _leader_problem(led_by, led_by_name, neighbourhood, day):
        errors["led_by"] = problem
    return errors


def event_create(
    *,
    neighbourhood: Neighbourhood,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    venue: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    led_by: Officer | None = None,
    led_by_name: str = "",
    public: bool = False,
    notes: str = "",
    actor=None,
) -> Event:
    """Plan (or record after the fact) an event of a ward's team, at a named place or a point inside the
    ward (an online session needs neither), led by an officer of the team or someone named."""
    errors = _event_errors(
        neighbourhood=neighbourhood,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        latitude=latitude,
        longitude=longitude,
        led_by=led_by,
        led_by_name=led_by_name,
    )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        return Event.objects.create(
            neighbourhood=neighbourhood,
            kind=kind,
            title=title.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            venue=venue.strip(),
            latitude=latitude,
            longitude=longitude,
            led_by=led_by,
            led_by_name=led_by_name.strip(),
            public=public,
            notes=notes.strip(),
        )


def event_update(
    *,
    event: Event,
    kind: str,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None = None,
    venue: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    led_by: Officer | None = None,
    led_by_name: str = "",
    public: bool = False,
    notes: str | None = None,
    actor=None,
) -> Event:
    """Change an event's details (its write-up is event_write_up's). A written-up event keeps its
    findings and responses, so it cannot become another kind or move into the future."""
    _refuse_archived(event)
    errors = _event_errors(
        neighbourhood=event.neighbourhood,
        kind=kind,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        latitude=latitude,
        longitude=longitude,
        led_by=led_by,
        led_by_name=led_by_name,
    )
    if kind != event.kind and (event.findings.exists() or event.responses.exists()):
        errors["kind"] = "This event has findings or survey responses recorded, so its kind cannot change."
    if event.is_written_up and starts_at > timezone.now():
        errors["starts_at"] = "This event is written up, so it cannot move into the future."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        event.kind = kind
        event.title = title.strip()
        event.starts_at = starts_at
        event.ends_at = ends_at
        event.venue = venue.strip()
        event.latitude = latitude
        event.longitude = longitude
        event.led_by = led_by
        event.led_by_name = led_by_name.strip()
        event.public = public
        if notes is not None:
            event.notes = notes.strip()
        event.save()
    return event


def _refuse_archived(event: Event) -> None:
    if event.is_archived:
        raise ValidationError("This event is archived: restore it before changing it.")


def refuse_before_it_happens(event: Event, what: str) -> None:
    """Nothing that happened at an event can be recorded before it starts."""
    _refuse_archived(event)
    if event.starts_at > timezone.now():
        when = timezone.localtime(event.starts_at)
        raise ValidationError(f"This event has not happened yet ({when:%d %B %Y at %H:%M}): {what} after it.")


def event_source(event: Event) -> str:
    """How a concern raised at the event names where it came from."""
    place = event.venue or event.title
    return f"{event.get_kind_display()}, {place}, {event.day:%d %b %Y}"[:255]


def _one_concern_errors(concern: ConcernInput, which: str = "the concern") -> dict[str, str]:
    errors: dict[str, str] = {}
    if concern.topic not in Topic.values:
        errors["topic"] = f"Choose what {which} is about."
    if not concern.description.strip():
        errors["description"] = f"Say what {which} is."
    return errors


def _concern_errors(concerns: Sequence[ConcernInput]) -> dict[str, str]:
    """Each concern's problems, keyed as the write-up form names its rows (concern_1_topic ...)."""
    return {
        f"concern_{number}_{key}": message
        for number, concern in enumerate(concerns, start=1)
        for key, message in _one_concern_errors(concern, f"concern {number}").items()
    }


def _raise_concern(event: Event, concern: ConcernInput) -> Concern:
    return concern_create(
        neighbourhood=event.neighbourhood,
        raised_on=event.day,
        channel=Channel.ENGAGEMENT_EVENT,
        topic=concern.topic,
        description=concern.description,
        location=concern.location,
        latitude=concern.latitude,
        longitude=concern.longitude,
        source=event_source(event),
        source_record=event,
    )


def event_write_up(
    *,
    event: Event,
    attendance: int | None,
    notes: str = "",
    concerns: Sequence[ConcernInput] = (),
    actor=None,
) -> Event:
    """Record what happened: how many came, notes, and the concerns raised (each a concern of the ward,
    channel "engagement event", naming the event). Writing up again corrects the attendance and notes
    and adds any further concerns."""
    refuse_before_it_happens(event, "write it up")
    errors = _concern_errors(concerns)
    if attendance is None:
        errors["attendance"] = "Say how many people came (0 if nobody did)."
    elif attendance < 0:
        errors["attendance"] = "Attendance cannot be negative."
    elif attendance > MAX_ATTENDANCE:
        errors["attendance"] = f"Attendance must be at most {MAX_ATTENDANCE:,}."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        for concern in concerns:
            _raise_concern(event, concern)
        event.attendance = attendance
        event.notes = notes.strip()
        event.written_up_at = timezone.now()
        event.save()
    return event


def event_concern_add(*, event: Event, concern: ConcernInput, actor=None) -> Concern:
    """A concern raised at an event that has happened, added on its own (with a point on the map)."""
    refuse_before_it_happens(event, "record what was raised")
    if errors := _one_concern_errors(concern):
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        return _raise_concern(event, concern)


def event_archive(*, event: Event, reason: str, actor=None) -> Event:
    """Take an event out of every list (cancelled, or entered twice), keeping its history. Concerns raised
    at it stay: they were raised, whatever became of the event."""
    return record_archive(record=event, reason=reason, actor=actor)
