"""Writes: patrol areas, plans proposed from demand and adopted, and patrols recorded. Bad input raises
ValidationError naming the field and writes nothing; every write is audited (AuditedModel)."""

from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.geography.geometry import from_geojson_text
from sn.geography.models import Neighbourhood
from sn.patrols.models import PatrolArea, PatrolPlan, PatrolRecord, PatrolSlot
from sn.patrols.selectors import area_demand, choose_slots, slot_bounds
from sn.problemsolving.models import Case
from sn.teams.models import Officer
from sn.workforce.models import Duty

MAX_RADIUS_M = 3000
MAX_PATROL_HOURS = 16


@transaction.atomic
def patrol_area_create(
    *,
    name: str,
    kind: str,
    neighbourhood: Neighbourhood,
    centre_lat: float | None,
    centre_lng: float | None,
    radius_m: int | None,
    actor,
    boundary: str = "",
) -> PatrolArea:
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Enter a name for the area"
    if kind not in PatrolArea.Kind.values:
        errors["kind"] = "Choose town centre or hotspot"
    if not boundary:
        if centre_lat is None or not -90 <= centre_lat <= 90:
            errors["centre_lat"] = "Enter the latitude of the centre"
        if centre_lng is None or not -180 <= centre_lng <= 180:
            errors["centre_lng"] = "Enter the longitude of the centre"
        if not radius_m or not 50 <= radius_m <= MAX_RADIUS_M:
            errors["radius_m"] = f"Enter a radius from 50 to {MAX_RADIUS_M} metres"
    if errors:
        raise ValidationError(errors)
    area = PatrolArea(
        name=name.strip(),
        kind=kind,
        neighbourhood=neighbourhood,
        boundary=boundary,
        centre_lat=centre_lat,
        centre_lng=centre_lng,
        radius_m=radius_m,
    )
    if not boundary and not area.shape().intersects(_ward_shape(neighbourhood)):
        raise ValidationError({"centre_lat": f"The area does not touch {neighbourhood.name}"})
    with audit_actor(actor):
        area.save()
    return area


def _ward_shape(neighbourhood: Neighbourhood):
    return from_geojson_text(neighbourhood.boundary)


@transaction.atomic
def patrol_plan_propose(
    *, area: PatrolArea, week_start: date, actor, until: date | None = None
) -> PatrolPlan:
    """Propose (or propose again) the week's slots at the peak hours of the area's demand. An adopted
    plan is left alone: it is what officers were briefed on."""
    if week_start.weekday() != 0:
        raise ValidationError({"week_start": "A plan's week starts on a Monday"})
    existing = PatrolPlan.objects.filter(area=area, week_start=week_start).first()
    if existing and existing.status == PatrolPlan.Status.ADOPTED:
        raise ValidationError({"week_start": "The plan for this week is adopted already"})
    demand = area_demand(area, until=until or min(week_start, timezone.localdate()))
    chosen = choose_slots(
        demand.total, slots=settings.SN_PATROL_SLOTS_PER_WEEK, hours=settings.SN_PATROL_SLOT_HOURS
    )
    with audit_actor(actor):
        if existing:
            existing.slots.all().delete()
            plan = existing
            plan.generated_from = demand.describe()
            plan.created_by = _user(actor)
            plan.save()
        else:
            plan = PatrolPlan.objects.create(
                area=area, week_start=week_start, generated_from=demand.describe(), created_by=_user(actor)
            )
        busiest = chosen[0][1] if chosen else 0
        for first_hour, value in chosen:
            starts, ends = slot_bounds(week_start, first_hour, settings.SN_PATROL_SLOT_HOURS)
            PatrolSlot.objects.create(
                plan=plan,
                day=first_hour // 24,
                start_hour=first_hour % 24,
                hours=settings.SN_PATROL_SLOT_HOURS,
                officers=2 if value >= busiest / 2 else 1,
                # Per average week; four places so that shown over the weeks read it is still
                # the sum of its hours' cells.
                demand=round(value, 4),
                starts_at=starts,
                ends_at=ends,
                date=timezone.localdate(starts),
            )
    return plan


@transaction.atomic
def patrol_plan_adopt(*, plan: PatrolPlan, actor) -> PatrolPlan:
    if plan.status == PatrolPlan.Status.ADOPTED:
        raise ValidationError({"plan": "The plan is adopted already"})
    if not plan.slots.exists():
        raise ValidationError({"plan": "The plan has no slots: there was no demand to plan from"})
    plan.status = PatrolPlan.Status.ADOPTED
    plan.adopted_by = _user(actor)
    plan.adopted_at = timezone.now()
    with audit_actor(actor):
        plan.save()
    return plan


@transaction.atomic
def patrol_record(
    *,
    area: PatrolArea,
    started_at: datetime | None,
    ended_at: datetime | None,
    actor,
    officer: Officer | None = None,
    duty: Duty | None = None,
    source: str = PatrolRecord.Source.MANUAL,
    note: str = "",
    now: datetime | None = None,
) -> PatrolRecord:
    """Record a patrol that happened. One logged in the future, or ending before it starts, is refused."""
    now = now or timezone.now()
    errors = {}
    if started_at is None:
        errors["started_at"] = "Enter when the patrol started"
    elif started_at > now:
        errors["started_at"] = "The patrol's start is in the future: record a patrol once it has happened"
    if ended_at is None:
        errors["ended_at"] = "Enter when the patrol ended"
    elif ended_at > now:
        errors["ended_at"] = "The patrol's end is in the future: record a patrol once it has happened"
    if started_at and ended_at and "started_at" not in errors and ended_at <= started_at:
        errors["ended_at"] = "The patrol's end must be after its start"
    elif started_at and ended_at and (ended_at - started_at).total_seconds() > MAX_PATROL_HOURS * 3600:
        errors["ended_at"] = f"A patrol lasts at most {MAX_PATROL_HOURS} hours: record each one separately"
    if source not in PatrolRecord.Source.values:
        errors["source"] = "Choose duty, briefing or logged by hand"
    if len(note or "") > 255:
        errors["note"] = "Keep the note to 255 characters"
    if errors:
        raise ValidationError(errors)
    with audit_actor(actor):
        return PatrolRecord.objects.create(
            area=area,
            officer=officer,
            duty=duty,
            started_at=started_at,
            ended_at=ended_at,
            source=source,
            note=note or "",
            recorded_by=_user(actor),
        )


@transaction.atomic
def patrol_area_link_problem(*, area: PatrolArea, case: Case, actor) -> PatrolArea:
    """Link a problem-solving case working on the area. Whether the actor may reach the case is the
    view's check (sn.problemsolving.permissions); the link itself is audited as a link of the area."""
    if area.cases.filter(pk=case.pk).exists():
        raise ValidationError({"case": f"{case.reference} is linked to {area.name} already"})
    with audit_actor(actor):
        area.cases.add(case)
    return area


@transaction.atomic
def patrol_area_unlink_problem(*, area: PatrolArea, case: Case, actor) -> PatrolArea:
    if not area.cases.filter(pk=case.pk).exists():
        raise ValidationError({"case": f"{case.reference} is not linked to {area.name}"})
    with audit_actor(actor):
        area.cases.remove(case)
    return area


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
