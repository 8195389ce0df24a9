"""Writes of the ward profile: demographic tables (the import and the demo use these), key locations
and recurring events. Each is atomic and audited (sn.core.audit); a refused write raises
ValidationError keyed by field and writes nothing."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.archive import record_archive
from sn.core.audit import audit_actor, record_bulk_create
from sn.geography.locate import locate, locate_overlays
from sn.geography.models import Neighbourhood
from sn.geography.scope import Scope
from sn.profiles.importing import DemographicRow, ProgressCallback, parse_demographic_file
from sn.profiles.models import DemographicFigure, KeyLocation, RecurringEvent

# --- Demographic tables


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    def __str__(self) -> str:
        total = self.created + self.updated + self.unchanged
        changes = f"{self.created:,} created, {self.updated:,} updated, {self.unchanged:,} unchanged"
        return f"{total:,} figures: {changes}"


def area_codes() -> dict[str, int]:
    """The codes of the force's neighbourhoods (wards and non-ward areas), to their ids."""
    return dict(Neighbourhood.objects.values_list("code", "id"))


@transaction.atomic
def demographic_figures_save(*, rows: Iterable[DemographicRow], source: str, actor=None) -> ImportResult:
    """Create the new figures and update the changed ones (each update audited with old and new
    values, the creations as one bulk event naming `source`). Saving the same rows again changes
    nothing."""
    rows = list(rows)
    with audit_actor(actor):
        existing = {
            (f.neighbourhood_id, f.measure, f.category, f.year): f
            for f in DemographicFigure.objects.filter(
                neighbourhood_id__in={r.neighbourhood_id for r in rows}, measure__in={r.measure for r in rows}
            )
        }
        to_create: list[DemographicFigure] = []
        updated = unchanged = 0
        for row in rows:
            current = existing.get(row.key)
            if current is None:
                to_create.append(
                    DemographicFigure(
                        neighbourhood_id=row.neighbourhood_id,
                        measure=row.measure,
                        category=row.category,
                        position=row.position,
                        value=row.value,
                        source=row.source,
                        year=row.year,
                    )
                )
            elif (current.value, current.source, current.position) == (row.value, row.source, row.position):
                unchanged += 1
            else:
                current.value, current.source, current.position = row.value, row.source, row.position
                current.save(update_fields=["value", "source", "position", "modified_at", "modified_by"])
                updated += 1
        DemographicFigure.objects.bulk_create(to_create, batch_size=2000)
        record_bulk_create(DemographicFigure, to_create, source)
    return ImportResult(created=len(to_create), updated=updated, unchanged=unchanged)


def demographic_figures_import(
    *,
    data: bytes,
    source: str,
    within: Scope | None = None,
    actor=None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """A demographic file's bytes, as uploaded or read from disk, all or nothing: any problem raises
    DemographicFileError naming every bad line and field, and nothing is written. With `within`, a
    line about an area outside that scope is refused (an analyst loads figures for their borough).
    `progress` (a job's) hears of the lines checked, then of the saving."""
    allowed = None
    if within is not None and not within.everything:
        allowed = frozenset(within.neighbourhoods().values_list("id", flat=True))
    rows = parse_demographic_file(data, area_codes(), within=allowed, progress=progress)
    if progress is not None:
        progress(len(rows), len(rows), f"Saving {len(rows):,} figures")
    return demographic_figures_save(rows=rows, source=source, actor=actor)


# --- Key locations and recurring events


def _check_point(neighbourhood: Neighbourhood, latitude, longitude, errors: dict[str, str]) -> None:
    """The point must lie in the neighbourhood: a ward by the ward locator, a non-ward area (an
    overlay on the wards) by the overlays'."""
    if latitude is None or longitude is None:
        errors["latitude"] = "Place it on the map, or give its latitude and longitude."
        return
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        errors["latitude"] = "That is not a point on the map."
        return
    if neighbourhood.is_ward:
        found = locate(latitude, longitude)
        inside = found == neighbourhood.pk
    else:
        found = None
        inside = neighbourhood.pk in locate_overlays(latitude, longitude)
    if inside:
        return
    what = "ward" if neighbourhood.is_ward else "area"
    if found is not None:
        name = Neighbourhood.objects.filter(pk=found).values_list("name", flat=True).first()
        errors["latitude"] = f"That point is in {name}, not {neighbourhood.name}: place it inside the {what}."
    else:
        errors["latitude"] = f"That point is outside {neighbourhood.name}: place it inside the {what}."


def _check_common(kind: str, kinds, name: str, errors: dict[str, str]) -> None:
    if kind not in kinds.values:
        errors["kind"] = "Choose what kind it is."
    if not name.strip():
        errors["name"] = "Give its name."


def _location_errors(neighbourhood: Neighbourhood, values: dict) -> None:
    errors: dict[str, str] = {}
    _check_common(values["kind"], KeyLocation.Kind, values["name"], errors)
    _check_point(neighbourhood, values["latitude"], values["longitude"], errors)
    if errors:
        raise ValidationError(errors)


def key_location_create(
    *,
    neighbourhood: Neighbourhood,
    kind: str,
    name: str,
    latitude: float | None,
    longitude: float | None,
    address: str = "",
    description: str = "",
    actor=None,
) -> KeyLocation:
    values = {
        "kind": kind,
        "name": name.strip(),
        "address": address.strip(),
        "description": description.strip(),
    }
    values.update(latitude=latitude, longitude=longitude)
    _location_errors(neighbourhood, values)
    with transaction.atomic(), audit_actor(actor):
        return KeyLocation.objects.create(neighbourhood=neighbourhood, **values)


def key_location_update(
    *,
    location: KeyLocation,
    kind: str,
    name: str,
    latitude: float | None,
    longitude: float | None,
    address: str = "",
    description: str = "",
    actor=None,
) -> KeyLocation:
    """Change a key location; it stays in its ward (a place in another ward is that team's to record)."""
    if location.is_archived:
        raise ValidationError("This key location is archived.")
    values = {
        "kind": kind,
        "name": name.strip(),
        "address": address.strip(),
        "description": description.strip(),
    }
    values.update(latitude=latitude, longitude=longitude)
    _location_errors(location.neighbourhood, values)
    with transaction.atomic(), audit_actor(actor):
        for field, value in values.items():
            setattr(location, field, value)
        location.save()
    return location


def key_location_archive(*, location: KeyLocation, reason: str, actor=None) -> KeyLocation:
    return record_archive(record=location, reason=reason, actor=actor)


def _event_errors(neighbourhood: Neighbourhood, values: dict, *, previous_date: date | None = None) -> None:
    errors: dict[str, str] = {}
    _check_common(values["kind"], RecurringEvent.Kind, values["name"], errors)
    if not values["schedule"]:
        errors["schedule"] = "Say when it happens, like “Every Saturday, 8am to 4pm”."
    next_date = values["next_date"]
    # The next date is for planning: one already gone is a slip, unless it is the date already held
    # (an edit of another field leaves a passed date as it was; the profile flags it).
    if next_date is not None and next_date < timezone.localdate() and next_date != previous_date:
        errors["next_date"] = "The next date cannot be in the past: give the next time it happens."
    attendance = values["expected_attendance"]
    if attendance is not None and attendance < 0:
        errors["expected_attendance"] = "Expected attendance cannot be negative."
    _check_point(neighbourhood, values["latitude"], values["longitude"], errors)
    if errors:
        raise ValidationError(errors)


def _event_values(**fields) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def recurring_event_create(
    *,
    neighbourhood: Neighbourhood,
    kind: str,
    name: str,
    schedule: str,
    latitude: float | None,
    longitude: float | None,
    next_date: date | None = None,
    location: str = "",
    description: str = "",
    expected_attendance: int | None = None,
    actor=None,
) -> RecurringEvent:
    values = _event_values(
        kind=kind,
        name=name,
        schedule=schedule,
        next_date=next_date,
        location=location,
        description=description,
        expected_attendance=expected_attendance,
        latitude=latitude,
        longitude=longitude,
    )
    _event_errors(neighbourhood, values)
    with transaction.atomic(), audit_actor(actor):
        return RecurringEvent.objects.create(neighbourhood=neighbourhood, **values)


def recurring_event_update(
    *,
    event: RecurringEvent,
    kind: str,
    name: str,
    schedule: str,
    latitude: float | None,
    longitude: float | None,
    next_date: date | None = None,
    location: str = "",
    description: str = "",
    expected_attendance: int | None = None,
    actor=None,
) -> RecurringEvent:
    if event.is_archived:
        raise ValidationError("This recurring event is archived.")
    values = _event_values(
        kind=kind,
        name=name,
        schedule=schedule,
        next_date=next_date,
        location=location,
        description=description,
        expected_attendance=expected_attendance,
        latitude=latitude,
        longitude=longitude,
    )
    _event_errors(event.neighbourhood, values, previous_date=event.next_date)
    with transaction.atomic(), audit_actor(actor):
        for field, value in values.items():
            setattr(event, field, value)
        event.save()
    return event


def recurring_event_archive(*, event: RecurringEvent, reason: str, actor=None) -> RecurringEvent:
    return record_archive(record=event, reason=reason, actor=actor)
