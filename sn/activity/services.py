"""Writes to EPIC activity: a record with its typed counts, and its correction. Each checks its actor
(the team on its ward; a partner for their organisation on a case it is invited to), refuses bad input
naming the field and writing nothing, and runs atomically under the audit trail (each record and each
count is an audited model, so a correction shows which counts changed from what to what)."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.accounts.models import PartnerOrganisation
from sn.activity.kinds import KIND_BY_KEY, DeliveredBy, Stage
from sn.activity.models import ActivityCount, ActivityRecord
from sn.activity.permissions import RECORD_ACTIVITY, RECORD_CASE_ACTIVITY
from sn.core.access import has_permission
from sn.core.audit import audit_actor
from sn.core.roles import Role
from sn.geography.models import Neighbourhood
from sn.panels.models import Priority
from sn.panels.services.checks import check_actor, is_user
from sn.problemsolving.models import Case, CaseInvitation

EARLIEST = date(2000, 1, 1)
# One record is one piece of work (a day's operation, a leaflet drop): a count past this is a typing
# slip, and would swamp every EPIC report it reaches (and overflow PostgreSQL's integer column).
MOST_IN_ONE_RECORD = 100_000
RECORD = "record EPIC activity"


@dataclass(frozen=True)
class Activity:
    """What a record says, as the form or a caller gives it."""

    on: date
    summary: str
    counts: Mapping[str, int | None]
    stage: int = Stage.ACT
    delivered_by: str = DeliveredBy.POLICE
    organisation: PartnerOrganisation | None = None
    priority: Priority | None = None
    case: Case | None = None


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _check_actor(actor, neighbourhood: Neighbourhood, activity: Activity) -> None:
    """The team records on its ward; a partner only for their own organisation, on a case it is invited to."""
    if not is_user(actor) or actor.role != Role.PARTNER:
        check_actor(
            actor, permission=RECORD_ACTIVITY, neighbourhood=neighbourhood, field="summary", doing=RECORD
        )
        return
    if not has_permission(actor, RECORD_CASE_ACTIVITY):
        raise ValidationError({"summary": f"Your role cannot {RECORD}."})
    organisation_id = actor.partner_organisation_id
    invited = (
        activity.case is not None
        and CaseInvitation.objects.filter(
            case=activity.case, organisation_id=organisation_id, removed_at__isnull=True
        ).exists()
    )
    if not invited:
        raise ValidationError(
            {"case": "A partner records activity only on a case their organisation is invited to."}
        )
    if activity.delivered_by != DeliveredBy.PARTNER or (
        activity.organisation is not None and activity.organisation.pk != organisation_id
    ):
        raise ValidationError(
            {"delivered_by": "A partner records only the work their own organisation delivered."}
        )


def _clean_counts(counts: Mapping[str, int | None], errors: dict) -> dict[str, int]:
    cleaned: dict[str, int] = {}
    for kind, value in counts.items():
        spec = KIND_BY_KEY.get(kind)
        if spec is None:
            errors["counts"] = f"Unknown kind of activity {kind!r}."
            continue
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, int):
            errors[kind] = f"{spec.label}: give a whole number."
        elif value < 0:
            errors[kind] = f"{spec.label} cannot be negative: give the number done, or leave it empty."
        elif value > MOST_IN_ONE_RECORD:
            errors[kind] = (
                f"{spec.label} cannot be more than {MOST_IN_ONE_RECORD:,} in one record: check the number."
            )
        elif value > 0:
            cleaned[kind] = value
    if not cleaned and not errors:
        errors["counts"] = "Give at least one count: how many of what was done."
    return cleaned


def _validate(
    neighbourhood: Neighbourhood, activity: Activity, today: date
) -> tuple[Activity, dict[str, int]]:
    errors: dict[str, str] = {}
    counts = _clean_counts(activity.counts, errors)
    if not activity.summary.strip():
        errors["summary"] = "Say what was done, in a line."
    if activity.on > today:
        errors["on"] = "Activity is recorded once it is done: the date cannot be in the future."
    elif activity.on < EARLIEST:
        errors["on"] = f"Check the year: activity before {EARLIEST.year} is not recorded here."
    if activity.stage not in Stage.values:
        errors["stage"] = "Choose one of the seven stages, 1 to 7."
    priority = activity.priority
    organisation = activity.organisation
    if activity.delivered_by not in DeliveredBy.values:
        errors["delivered_by"] = "Say who delivered it: the police, a partner organisation or the public."
    elif activity.delivered_by == DeliveredBy.PARTNER:
        if organisation is None:
            errors["organisation"] = "Name the partner organisation that delivered it."
        elif not organisation.boroughs.filter(pk=neighbourhood.borough_id).exists():
            errors["organisation"] = f"{organisation.name} is not a partner in {neighbourhood.borough.name}."
    elif organisation is not None:
        errors["organisation"] = (
            f"An organisation is named only when a partner delivered the work; this was delivered by "
            f"{DeliveredBy(activity.delivered_by).label.lower()}."
        )
    case = activity.case
    if case is not None:
        if case.neighbourhood_id != neighbourhood.pk:
            errors["case"] = f"Case {case.reference} is not a case of {neighbourhood.name}."
        elif case.closed_on is not None and activity.on > case.closed_on:
            errors["case"] = f"Case {case.reference} closed on {_long(case.closed_on)}: this is later."
        elif case.priority_id is not None:
            if priority is None:
                priority = case.priority
            elif priority.pk != case.priority_id:
                errors["priority"] = f"Case {case.reference} works another priority of the ward."
    if priority is not None and "priority" not in errors:
        if priority.neighbourhood_id != neighbourhood.pk:
            errors["priority"] = f"That priority is not one of {neighbourhood.name}'s."
        elif activity.on < priority.selected_on or (priority.ended_on and activity.on > priority.ended_on):
            errors["priority"] = (
                f"The priority held its place from {_long(priority.selected_on)}"
                + (f" to {_long(priority.ended_on)}" if priority.ended_on else "")
                + ": the activity's date falls outside it."
            )
    if errors:
        raise ValidationError(errors)
    return replace(activity, priority=priority, summary=activity.summary.strip()), counts


def activity_record(
    *, neighbourhood: Neighbourhood, activity: Activity, actor=None, today: date | None = None
) -> ActivityRecord:
    """Record activity on a ward, with its counts."""
    today = today or timezone.localdate()
    _check_actor(actor, neighbourhood, activity)
    activity, counts = _validate(neighbourhood, activity, today)
    with transaction.atomic(), audit_actor(actor):
        record = ActivityRecord.objects.create(
            neighbourhood=neighbourhood,
            on=activity.on,
            month=activity.on.replace(day=1),
            summary=activity.summary,
            stage=activity.stage,
            delivered_by=activity.delivered_by,
            organisation=activity.organisation,
            priority=activity.priority,
            case=activity.case,
        )
        for kind, count in counts.items():
            _count_create(record, kind, count)
    return record


def _count_create(record: ActivityRecord, kind: str, count: int) -> ActivityCount:
    return ActivityCount.objects.create(record=record, kind=kind, count=count, **copies_of(record))


def copies_of(record: ActivityRecord) -> dict:
    """What each of a record's counts copies from it (see ActivityCount)."""
    return {
        "neighbourhood_id": record.neighbourhood_id,
        "month": record.month,
        "stage": record.stage,
        "delivered_by": record.delivered_by,
    }


def activity_correct(
    *, record: ActivityRecord, activity: Activity, actor=None, today: date | None = None
) -> ActivityRecord:
    """Correct a record: its fields and its counts (a count left empty is removed). The trail keeps
    every old value."""
    today = today or timezone.localdate()
    neighbourhood = record.neighbourhood
    check_actor(actor, permission=RECORD_ACTIVITY, neighbourhood=neighbourhood, field="summary", doing=RECORD)
    activity, counts = _validate(neighbourhood, activity, today)
    with transaction.atomic(), audit_actor(actor):
        record.on, record.month = activity.on, activity.on.replace(day=1)
        record.summary, record.stage = activity.summary, activity.stage
        record.delivered_by, record.organisation = activity.delivered_by, activity.organisation
        record.priority, record.case = activity.priority, activity.case
        record.save()
        existing = {c.kind: c for c in record.counts.all()}
        copies = copies_of(record)
        for kind, row in existing.items():
            if kind not in counts:
                row.delete()
                continue
            row.count = counts[kind]
            for name, value in copies.items():
                setattr(row, name, value)
            row.save()  # the trail records only what changed
        for kind, count in counts.items():
            if kind not in existing:
                _count_create(record, kind, count)
    return record
