"""Environmental visual audits: each finding is located in the ward and becomes a concern."""

from django.core.exceptions import ValidationError
from django.db import transaction

from sn.concerns.models import Channel
from sn.concerns.places import point_problem
from sn.concerns.services import concern_create
from sn.core.audit import audit_actor
from sn.engagement.models import ITEM_TOPICS, AuditItem, Event, EventKind, Finding, Severity
from sn.engagement.services.events import event_source, refuse_before_it_happens


def finding_add(
    *,
    event: Event,
    item: str,
    severity: str,
    latitude: float | None,
    longitude: float | None,
    note: str = "",
    location: str = "",
    actor=None,
) -> Finding:
    """Record one finding of a visual audit at its point in the ward. It becomes a concern of the ward
    (channel "visual audit", its topic from the checklist item: graffiti is criminal damage, drug
    litter ASB drug litter ...), and the finding keeps the link to it."""
    if event.kind != EventKind.VISUAL_AUDIT:
        raise ValidationError("Findings belong to environmental visual audits; this event is not one.")
    refuse_before_it_happens(event, "record its findings")
    errors: dict[str, str] = {}
    if item not in AuditItem.values:
        errors["item"] = "Choose what was found from the checklist."
    if severity not in Severity.values:
        errors["severity"] = "Say how serious it is."
    if item == AuditItem.OTHER and not note.strip():
        errors["note"] = "Say what was found."
    if latitude is None or longitude is None:
        errors["latitude"] = (
            "Put the finding on the map: click where it is, or enter its latitude and longitude."
        )
    elif problem := point_problem(event.neighbourhood, latitude, longitude):
        errors["latitude"] = problem
    if errors:
        raise ValidationError(errors)
    label = AuditItem(item).label
    description = f"{label} ({Severity(severity).label.lower()})" + (
        f": {note.strip()}" if note.strip() else ""
    )
    with transaction.atomic(), audit_actor(actor):
        concern = concern_create(
            neighbourhood=event.neighbourhood,
            raised_on=event.day,
            channel=Channel.VISUAL_AUDIT,
            topic=ITEM_TOPICS[item],
            description=description[:2000],
            location=location,
            latitude=latitude,
            longitude=longitude,
            source=event_source(event),
            source_record=event,
        )
        return Finding.objects.create(
            event=event,
            item=item,
            severity=severity,
            note=note.strip(),
            location=location.strip(),
            latitude=latitude,
            longitude=longitude,
            concern=concern,
        )
