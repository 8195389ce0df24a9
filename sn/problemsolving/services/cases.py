"""Writes to a case itself: opening it (from a ward's priority, or for a problem the team found),
scanning, analysis, the start of the response, the log of updates, and closing it once assessed. Each is
atomic and audited, checks its actor and writes nothing when it refuses."""

import datetime
import json
from collections.abc import Iterable
from datetime import date

import shapely
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from shapely.geometry import shape

from sn.concerns.taxonomy import TOPICS, Topic
from sn.core.audit import audit_actor
from sn.geography.geometry import from_geojson_text
from sn.geography.models import Neighbourhood
from sn.incidents.categories import Category
from sn.panels.models import Priority
from sn.panels.services.checks import check_actor, officer_of_team_check
from sn.problemsolving.library.index import library_entry_refresh
from sn.problemsolving.models import Assessment, Case, CaseUpdate
from sn.problemsolving.models.cases import category_codes_of
from sn.problemsolving.permissions import MANAGE_CASES
from sn.problemsolving.services.checks import (
    check_case_team,
    check_not_future,
    check_open,
    check_signed_in,
    check_team_or_invited_partner,
    today_or,
)
from sn.problemsolving.services.state import case_touch
from sn.teams.models import Officer

OPEN = "open a problem-solving case"
PROBLEM_MONTHS = 12


def first_of_month(day: date, months_back: int = 0) -> date:
    month = day.month - 1 - months_back
    return date(day.year + month // 12, month % 12 + 1, 1)


def review_due_after(on: date) -> date:
    return on + datetime.timedelta(weeks=settings.SN_CASE_REVIEW_WEEKS)


def _one(errors: dict) -> dict:
    return {k: v[0] if isinstance(v, list) else v for k, v in errors.items()}


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(_one(errors))


def case_open(
    *,
    owner: Officer,
    priority: Priority | None = None,
    neighbourhood: Neighbourhood | None = None,
    title: str = "",
    problem_statement: str = "",
    topic: str = "",
    categories: Iterable[str] = (),
    actor=None,
    on: date | None = None,
) -> Case:
    """Open a case for a priority of the ward (one case per priority: its ward, topic, categories and
    concerns come from the priority) or, with no priority, for a problem of `neighbourhood` the team
    found. The problem period starts as the last twelve full months; scanning refines it."""
    on = today_or(on)
    if priority is not None:
        neighbourhood = priority.neighbourhood
    if neighbourhood is None:
        raise ValidationError(
            {"neighbourhood": "Say which ward the case is about, or which priority it works."}
        )
    check_actor(actor, permission=MANAGE_CASES, neighbourhood=neighbourhood, field="owner", doing=OPEN)
    errors: dict = {}
    if priority is not None:
        if Case.objects.filter(priority=priority).exists():
            errors["priority"] = (
                f"The priority already has its case, {priority.case.reference}: work on that one."
            )
        elif not priority.holds_a_place:
            errors["priority"] = (
                f"This priority is {priority.get_status_display().lower()}: cases are for current ones."
            )
        topic = priority.topic
        title = title.strip() or priority.wording
        problem_statement = problem_statement.strip() or priority.wording
    if topic and topic not in Topic.values:
        errors["topic"] = f"Unknown topic {topic!r}."
    categories = list(categories)
    if not categories and topic in TOPICS and TOPICS[topic].category:
        categories = [TOPICS[topic].category]
    unknown = [c for c in categories if c not in Category.values]
    if unknown:
        errors["categories"] = f"Unknown police.uk categories: {', '.join(unknown)}."
    elif not categories:
        errors["categories"] = "Choose the police.uk categories whose incidents measure the problem."
    if not title.strip():
        errors["title"] = "Give the case a short title."
    if not problem_statement.strip():
        errors["problem_statement"] = "Say what the problem is."
    check_not_future_into(errors, on, "on", "Opening a case")
    try:
        officer_of_team_check(owner, neighbourhood=neighbourhood, field="owner")
    except ValidationError as error:
        errors.update(_one(error.message_dict))
    _raise(errors)
    with transaction.atomic(), audit_actor(actor):
        case = Case.objects.create(
            neighbourhood=neighbourhood,
            priority=priority,
            title=title.strip()[:200],
            problem_statement=problem_statement.strip(),
            topic=topic,
            category_codes=category_codes_of(categories),
            place=Case.Place.WARD,
            period_start=first_of_month(on, PROBLEM_MONTHS),
            period_end=first_of_month(on, 1),
            owner=owner,
            review_due_on=review_due_after(on),
            last_activity_on=on,
        )
        if priority is not None:
            concerns = list(priority.concerns.all())
            if concerns:
                case.concerns.add(*concerns)
    return case


def check_not_future_into(errors: dict, on: date, field: str, what: str) -> None:
    try:
        check_not_future(on, field, what)
    except ValidationError as error:
        errors.update(_one(error.message_dict))


def check_not_before_into(errors: dict, on: date, case: Case, field: str, what: str) -> None:
    """Work on a case is dated when it happened, which is not before the problem it is about began: a
    date far in the past would show on the case page and order its log wrongly. (Not its created_at:
    services take `on` as the day they happen, so a case may be opened on an earlier day.)"""
    if field not in errors and on < case.period_start:
        errors[field] = (
            f"{what} cannot be dated before the case's problem period ({case.period_start:%B %Y})."
        )


MOSTLY_WITHIN = 0.5  # of a drawn area, the least share that must lie in the case's ward


def area_error(area: str, neighbourhood: Neighbourhood) -> str | None:
    """Why a drawn area cannot be the case's place, or None: it must be a valid polygon, in WGS84,
    within or overlapping the ward."""
    try:
        # NaN and Infinity are not JSON (Python reads them); brackets nested past the stack are not an area.
        geometry = json.loads(area, parse_constant=_not_a_number)
    except (ValueError, RecursionError):
        return "The area is not GeoJSON: draw it on the map, or paste a GeoJSON Polygon."
    if isinstance(geometry, dict) and geometry.get("type") == "Feature":
        geometry = geometry.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        return "The area must be a polygon: click at least three points on the map."
    try:
        polygon = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, shapely.errors.GEOSException):
        return "The area's coordinates cannot be read."
    if polygon.is_empty or not polygon.is_valid:
        reason = shapely.is_valid_reason(polygon) if not polygon.is_empty else "it is empty"
        return f"The area is not a valid polygon ({reason}): its edges must not cross."
    minx, miny, maxx, maxy = polygon.bounds
    if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
        return "The area's coordinates are not longitude and latitude."
    ward = from_geojson_text(neighbourhood.boundary)
    # Across the ward's edge is fine; mostly outside it (a slip of the map, or the whole world pasted)
    # would count another ward's incidents as the case's.
    if not polygon.intersects(ward) or polygon.intersection(ward).area < polygon.area * MOSTLY_WITHIN:
        return f"The area lies outside {neighbourhood.name}: draw it within the ward (or across its edge)."
    return None


def _not_a_number(constant: str):
    raise ValueError(f"{constant} is not a coordinate")


def case_scanning_update(
    *,
    case: Case,
    title: str,
    problem_statement: str,
    place: str,
    period_start: date,
    period_end: date,
    categories: Iterable[str],
    streets: str = "",
    area: str = "",
    actor=None,
    on: date | None = None,
) -> Case:
    """Scanning: what the problem is, where (the ward, named streets, or an area drawn on the map), over
    which months, and the police.uk categories that measure it."""
    on = today_or(on)
    check_case_team(actor, case=case, field="problem_statement")
    check_open(case, "problem_statement")
    categories = list(categories)
    errors: dict = {}
    if not title.strip():
        errors["title"] = "Give the case a short title."
    if not problem_statement.strip():
        errors["problem_statement"] = "Say what the problem is."
    if place not in Case.Place.values:
        errors["place"] = "Choose where the problem is: the ward, named streets or an area on the map."
    street_lines = [line.strip() for line in streets.splitlines() if line.strip()]
    if place == Case.Place.STREETS and not street_lines:
        errors["streets"] = "Name the streets, one a line."
    if place == Case.Place.AREA:
        problem = area_error(area, case.neighbourhood) if area.strip() else "Draw the area on the map."
        if problem:
            errors["area"] = problem
    unknown = [c for c in categories if c not in Category.values]
    if unknown:
        errors["categories"] = f"Unknown police.uk categories: {', '.join(unknown)}."
    elif not categories:
        errors["categories"] = "Choose at least one police.uk category."
    period_start, period_end = first_of_month(period_start), first_of_month(period_end)
    if period_end < period_start:
        errors["period_end"] = "The period ends before it starts."
    elif period_end > first_of_month(on):
        errors["period_end"] = "The problem period cannot end in a month still to come."
    check_not_future_into(errors, on, "on", "A change")
    _raise(errors)
    with transaction.atomic(), audit_actor(actor):
        case.title = title.strip()[:200]
        case.problem_statement = problem_statement.strip()
        case.place = place
        case.streets = "\n".join(street_lines) if place == Case.Place.STREETS else ""
        case.area = area.strip() if place == Case.Place.AREA else ""
        case.period_start, case.period_end = period_start, period_end
        case.category_codes = category_codes_of(categories)
        case.save()
        case_touch(case, on=on)
    return case


TRIANGLE = ("victim", "offender", "location", "guardian", "handler", "manager")


def case_analysis_update(
    *,
    case: Case,
    victim: str = "",
    offender: str = "",
    location: str = "",
    guardian: str = "",
    handler: str = "",
    manager: str = "",
    summary: str = "",
    actor=None,
    on: date | None = None,
) -> Case:
    """Analysis: the problem-analysis triangle (victim or target, offender, location) with those who
    can act on each side (guardian, handler, manager), and what the analysis concluded."""
    on = today_or(on)
    check_case_team(actor, case=case, field="victim")
    check_open(case, "victim")
    sides = {"victim": victim, "offender": offender, "location": location}
    errors: dict = {}
    if not any(value.strip() for value in sides.values()):
        errors["victim"] = (
            "Describe at least one side of the triangle: the victim or target, offender or location."
        )
    check_not_future_into(errors, on, "on", "A change")
    _raise(errors)
    values = {
        "victim": victim,
        "offender": offender,
        "location": location,
        "guardian": guardian,
        "handler": handler,
        "manager": manager,
        "analysis_summary": summary,
    }
    with transaction.atomic(), audit_actor(actor):
        for name, value in values.items():
            setattr(case, name, value.strip())
        case.save()
        case_touch(case, on=on)
    return case


def case_response_start(*, case: Case, started_on: date, actor=None) -> Case:
    """The response begins: from this date the assessment counts the months after. It needs at least one
    chosen response option, so that what was started is on the record."""
    check_case_team(actor, case=case, field="started_on")
    check_open(case, "started_on")
    errors: dict = {}
    if case.response_started_on is not None:
        errors["started_on"] = f"The response started on {case.response_started_on:%-d %B %Y}."
    elif not case.options.filter(chosen=True).exists():
        errors["started_on"] = "Choose at least one response option before the response starts."
    check_not_future_into(errors, started_on, "started_on", "The response's start")
    if "started_on" not in errors and started_on < case.period_start:
        errors["started_on"] = "The response cannot start before the problem period."
    _raise(errors)
    with transaction.atomic(), audit_actor(actor):
        case.response_started_on = started_on
        case.save()
        case_touch(case, on=started_on)
    return case


def case_update_add(*, case: Case, text: str, on: date | None = None, actor=None) -> CaseUpdate:
    """A dated entry on the case's log, by the team or a partner of an invited organisation (whose
    entry carries the organisation)."""
    on = today_or(on)
    check_signed_in(actor, "text")
    organisation = check_team_or_invited_partner(actor, case=case, field="text", doing="add an update")
    check_open(case, "text")
    errors: dict = {}
    if not text.strip():
        errors["text"] = "Say what has been done or found."
    check_not_future_into(errors, on, "on", "An update")
    check_not_before_into(errors, on, case, "on", "An update")
    _raise(errors)
    with transaction.atomic(), audit_actor(actor):
        update = CaseUpdate.objects.create(
            case=case, on=on, text=text.strip(), author=actor, organisation=organisation
        )
        case_touch(case, on=on)
    return update


def case_close(*, case: Case, closing_note: str, on: date | None = None, actor=None) -> Case:
    """Close an assessed case: it joins the good-practice library (sn.problemsolving.library)."""
    on = today_or(on)
    check_case_team(actor, case=case, field="closing_note", doing="close this case")
    check_open(case, "closing_note")
    errors: dict = {}
    if not Assessment.objects.filter(case=case).exists():
        errors["closing_note"] = "Record the assessment of the case's impact before closing it."
    if not closing_note.strip():
        errors["closing_note"] = errors.get("closing_note") or "Say why the case is closed."
    check_not_future_into(errors, on, "on", "Closing")
    _raise(errors)
    with transaction.atomic(), audit_actor(actor):
        case.closed_on = on
        case.closing_note = closing_note.strip()
        case.save()
        case_touch(case, on=on)
        library_entry_refresh(case=case)
    return case
