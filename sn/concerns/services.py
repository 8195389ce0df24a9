"""Writes to concerns. Each is atomic and audited (through sn.core.audit)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.concerns.models import Channel, Concern
from sn.concerns.places import point_problem
from sn.concerns.taxonomy import Topic
from sn.core.archive import record_archive
from sn.core.audit import audit_actor
from sn.core.months import EARLIEST_MONTH
from sn.geography.models import Neighbourhood


def concern_create(
    *,
    neighbourhood: Neighbourhood,
    raised_on: date,
    channel: str,
    topic: str,
    description: str,
    location: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    source: str = "",
    source_record=None,
    actor=None,
) -> Concern:
    """Record a concern. With a point, the concern belongs to the ward the point lies in, which must be
    the ward given (a team records concerns of its own ward; one raised about another ward goes to that
    ward's team). `source_record` is the saved record that raised it (an event, an interview), which the
    concern then links back to. Nothing is written when any field is wrong."""
    errors: dict[str, str] = {}
    if raised_on > timezone.localdate():
        errors["raised_on"] = "The date a concern was raised cannot be in the future."
    elif raised_on < EARLIEST_MONTH:
        # The same floor as events: a mistyped year would fall outside every period the pages show.
        errors["raised_on"] = f"Enter a date from {EARLIEST_MONTH:%d %B %Y}."
    if channel not in Channel.values:
        errors["channel"] = f"Unknown channel {channel!r}."
    if topic not in Topic.values:
        errors["topic"] = f"Unknown topic {topic!r}."
    if not description.strip():
        errors["description"] = "Say what the concern is."
    if (latitude is None) != (longitude is None):
        errors["latitude"] = "Give both latitude and longitude, or neither."
    elif latitude is not None and (problem := point_problem(neighbourhood, latitude, longitude)):
        errors["latitude"] = problem
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        return Concern.objects.create(
            neighbourhood=neighbourhood,
            raised_on=raised_on,
            channel=channel,
            topic=topic,
            description=description.strip(),
            location=location.strip(),
            latitude=latitude,
            longitude=longitude,
            source=source.strip()[:255],
            source_record=source_record,
        )


def concern_archive(*, concern: Concern, reason: str, actor=None) -> Concern:
    """Take a concern out of every list and count (recorded twice, or against the wrong ward), keeping it
    and its history. The record that raised it (an event, an audit finding) still links to it."""
    return record_archive(record=concern, reason=reason, actor=actor)
