"""The police.uk API's JSON bodies: crimes, outcomes and stops as police.uk writes them. Every documented
key is always present; coordinates are strings; a string field is never null (a strict client fails on
a null where the documentation shows a string)."""

from datetime import UTC, date, datetime

import orjson
from django.http import HttpResponse
from django.utils.text import slugify

from sn.crime.public_map import MapCrime

JSON = "application/json"

# police.uk's outcome names (the CSVs' "Last outcome category", older names too) and their API codes
# (data.police.uk/docs/method/outcomes-for-crime and outcomes-at-location).
OUTCOME_CODES: dict[str, str] = {
    "Awaiting court outcome": "awaiting-court-result",
    "Court result unavailable": "court-result-unavailable",
    "Court case unable to proceed": "unable-to-proceed",
    "Local resolution": "local-resolution",
    "Investigation complete; no suspect identified": "no-further-action",
    "Offender deprived of property": "deprived-of-property",
    "Offender fined": "fined",
    "Offender given absolute discharge": "absolute-discharge",
    "Offender given a caution": "cautioned",
    "Offender given a drugs possession warning": "drugs-possession-warning",
    "Offender given penalty notice": "penalty-notice-issued",
    "Offender given a penalty notice": "penalty-notice-issued",
    "Offender given community sentence": "community-penalty",
    "Offender given conditional discharge": "conditional-discharge",
    "Offender given suspended prison sentence": "suspended-sentence",
    "Offender sent to prison": "imprisoned",
    "Offender otherwise dealt with": "other-court-disposal",
    "Offender ordered to pay compensation": "compensation",
    "Suspect charged as part of another case": "sentenced-in-another-case",
    "Suspect charged": "charged",
    "Defendant found not guilty": "not-guilty",
    "Defendant sent to Crown Court": "sent-to-crown-court",
    "Unable to prosecute suspect": "unable-to-prosecute",
    "Formal action is not in the public interest": "formal-action-not-in-public-interest",
    "Action to be taken by another organisation": "action-taken-by-another-organisation",
    "Further investigation is not in the public interest": "further-investigation-not-in-public-interest",
    "Further action is not in the public interest": "further-action-not-in-public-interest",
    "Under investigation": "under-investigation",
    "Status update unavailable": "status-update-unavailable",
}

# Stop and search outcomes (the CSV's "Outcome") and police.uk's outcome_object ids.
STOP_OUTCOME_IDS: dict[str, str] = {
    "A no further action disposal": "bu-no-further-action",
    "Nothing found - no further action": "bu-no-further-action",
    "Arrest": "bu-arrest",
    "Suspect arrested": "bu-arrest",
    "Community resolution": "bu-community-resolution",
    "Local resolution": "bu-community-resolution",
    "Penalty Notice for Disorder": "bu-penalty-notice",
    "Khat or Cannabis warning": "bu-cannabis-warning",
    "Caution (simple or conditional)": "bu-caution",
    "Summons / charged by post": "bu-summons",
}


def json_response(body, *, status: int = 200) -> HttpResponse:
    return HttpResponse(orjson.dumps(body), content_type=JSON, status=status)


def empty(status: int) -> HttpResponse:
    """police.uk answers an unknown force, neighbourhood or crime, and a locate miss, with an empty 404."""
    return HttpResponse(b"", status=status, content_type=JSON)


def month_text(month: date | None) -> str | None:
    return None if month is None else f"{month:%Y-%m}"


def naive_iso(moment: datetime | date | None) -> str | None:
    """police.uk's neighbourhood timestamps: YYYY-MM-DDTHH:MM:SS, no zone (the force's local time)."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=None, microsecond=0).isoformat()
    return f"{moment:%Y-%m-%d}T00:00:00"


def coordinate(value: float) -> str:
    return f"{value:.6f}"


def location(point_id: int, latitude: float, longitude: float, name: str) -> dict:
    return {
        "latitude": coordinate(latitude),
        "street": {"id": point_id, "name": name},
        "longitude": coordinate(longitude),
    }


def outcome_code(name: str) -> str:
    return OUTCOME_CODES.get(name) or slugify(name) or "status-update-unavailable"


def crime(row: MapCrime, *, with_outcome: bool = True) -> dict:
    """One crime as crimes-street, crimes-at-location and crimes-no-location give it. A crime whose
    location is withheld has location and location_type null (police.uk's crimes-no-location)."""
    located = row.snap_point_id is not None and row.latitude is not None and row.longitude is not None
    body = {
        "category": row.category,
        "location_type": "Force" if located else None,
        "location": location(row.snap_point_id, row.latitude, row.longitude, row.street_name)
        if located
        else None,
        "context": "",
        "persistent_id": row.persistent_id,
        "id": row.id,
        "location_subtype": "",
        "month": month_text(row.month),
    }
    if with_outcome:
        body["outcome_status"] = (
            {"category": row.outcome_category, "date": month_text(row.outcome_month or row.month)}
            if row.outcome_category
            else None
        )
    return body


def outcome(row: MapCrime) -> dict:
    """The crime's last outcome as outcomes-for-crime lists it (we hold only the last one)."""
    return {
        "category": {"code": outcome_code(row.outcome_category), "name": row.outcome_category},
        "date": month_text(row.outcome_month or row.month),
        "person_id": None,
    }


def stop(row, point: tuple[int, float, float, str] | None) -> dict:
    """One stop and search (sn.incidents.models.StopSearch) as the stops-* methods give it; `point` is
    the snap point its location was published at, or None."""
    outcome_name = row.outcome
    person = row.type in ("Person search", "Person and Vehicle search")
    return {
        "age_range": row.age_range,
        "officer_defined_ethnicity": row.officer_defined_ethnicity,
        "involved_person": person,
        "self_defined_ethnicity": row.self_defined_ethnicity,
        "gender": row.gender,
        "legislation": row.legislation,
        "outcome_linked_to_object_of_search": row.outcome_linked_to_object,
        "datetime": row.occurred_at.astimezone(UTC).replace(microsecond=0).isoformat(),
        "outcome_object": {
            "id": STOP_OUTCOME_IDS.get(outcome_name) or slugify(outcome_name) or "bu-unknown",
            "name": outcome_name,
        },
        "location": location(*point) if point is not None else None,
        "object_of_search": row.object_of_search,
        "operation": row.part_of_policing_operation,
        "outcome": outcome_name,
        "type": row.type,
        "operation_name": row.policing_operation or None,
        "removal_of_more_than_outer_clothing": row.removal_of_clothing,
    }
