"""A consumer stricter than the documentation (issue 11: "some are stricter than the documentation"):
over a demo-like world (incidents of every category in every ward over three months, placed and
recorded, ASB and crimes, with and without outcomes, published by disclosure control itself; stops;
a ward with events and priorities), every answer of every method for every ward, month and location
must hold every documented key, a string wherever the documentation shows a string (never null), and
a null only where the documentation shows one."""

import random
from datetime import UTC, date, datetime

import pytest
from django.test import override_settings

from sn.geography.geometry import from_geojson_text
from sn.incidents.categories import Category
from sn.incidents.disclosure import published_crimes_rebuild
from sn.incidents.models import Incident, StopSearch
from sn.incidents.tests.factories import sha256_of
from sn.policeapi.tests.helpers import ward_content

pytestmark = pytest.mark.django_db

MONTHS = [date(2024, 1, 1), date(2024, 2, 1), date(2024, 3, 1)]
STREETS = ["High Street", "Mill Lane", "Station Road", "Church Walk", "Park Avenue"]
OUTCOMES = [
    "Under investigation",
    "Unable to prosecute suspect",
    "Investigation complete; no suspect identified",
    "",
]


class Null:
    """A value the documentation shows as null (or, here, as an object or null)."""

    def __init__(self, spec):
        self.spec = spec


STRING_MAP = "a JSON object of strings"
LOCATION = {"latitude": str, "longitude": str, "street": {"id": int, "name": str}}
CRIME = {
    "category": str,
    "persistent_id": str,
    "id": int,
    "location": Null(LOCATION),
    "location_type": Null(str),
    "location_subtype": str,
    "context": str,
    "month": str,
    "outcome_status": Null({"category": str, "date": str}),
}
CRIME_ONLY = {k: v for k, v in CRIME.items() if k != "outcome_status"}
OUTCOME = {"category": {"code": str, "name": str}, "date": str, "person_id": Null(int)}
SPECS = {
    "forces": [{"id": str, "name": str}],
    "force": {
        "id": str,
        "name": str,
        "description": str,
        "url": str,
        "telephone": str,
        "engagement_methods": [{"url": str, "description": str, "title": str}],
    },
    "people": [{"name": str, "rank": str, "bio": str, "contact_details": STRING_MAP}],
    "neighbourhoods": [{"id": str, "name": str}],
    "neighbourhood": {
        "id": str,
        "name": str,
        "description": str,
        "url_force": str,
        "population": str,
        "contact_details": STRING_MAP,
        "centre": {"latitude": str, "longitude": str},
        "links": [{"url": str, "description": Null(str), "title": str}],
        "locations": [dict],
    },
    "boundary": [{"latitude": str, "longitude": str}],
    "events": [
        {
            "title": str,
            "description": Null(str),
            "address": str,
            "type": str,
            "start_date": str,
            "end_date": Null(str),
            "contact_details": STRING_MAP,
        }
    ],
    "priorities": [{"issue": str, "action": Null(str), "issue-date": Null(str), "action-date": Null(str)}],
    "locate": {"force": str, "neighbourhood": str},
    "categories": [{"url": str, "name": str}],
    "crimes": [CRIME],
    "outcomes": [{**OUTCOME, "crime": CRIME_ONLY}],
    "crime": {"crime": CRIME_ONLY, "outcomes": [OUTCOME]},
    "dates": [{"date": str, "stop-and-search": [str]}],
    "updated": {"date": str},
    "stops": [
        {
            "age_range": str,
            "officer_defined_ethnicity": str,
            "involved_person": bool,
            "self_defined_ethnicity": str,
            "gender": str,
            "legislation": str,
            "outcome_linked_to_object_of_search": Null(bool),
            "datetime": str,
            "outcome_object": {"id": str, "name": str},
            "location": Null(LOCATION),
            "object_of_search": str,
            "operation": Null(bool),
            "outcome": str,
            "type": str,
            "operation_name": Null(str),
            "removal_of_more_than_outer_clothing": Null(bool),
        }
    ],
}


def problems(value, spec, where: str) -> list[str]:
    if isinstance(spec, Null):
        return [] if value is None else problems(value, spec.spec, where)
    if value is None:
        return [f"{where}: null where the documentation shows a value"]
    if spec == STRING_MAP:
        ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        return [] if ok else [f"{where}: not an object of strings"]
    if isinstance(spec, list):
        if not isinstance(value, list):
            return [f"{where}: not a list"]
        return [p for i, item in enumerate(value) for p in problems(item, spec[0], f"{where}[{i}]")]
    if isinstance(spec, dict):
        if not isinstance(value, dict):
            return [f"{where}: not an object"]
        missing = [f"{where}: no key {key!r}" for key in spec if key not in value]
        return missing + [
            p for key, s in spec.items() if key in value for p in problems(value[key], s, f"{where}.{key}")
        ]
    if spec is int and isinstance(value, bool):
        return [f"{where}: a boolean, not a number"]
    return [] if isinstance(value, spec) else [f"{where}: {type(value).__name__}, not {spec.__name__}"]


def demo_like(world) -> None:
    """About 1,400 incidents over the eight wards and three months, published by disclosure control."""
    rng = random.Random(11)
    rows = []
    for ward in world.wards.values():
        west, south, east, north = from_geojson_text(ward.boundary).bounds
        for month in MONTHS:
            for _ in range(rng.randint(30, 90)):
                category = rng.choice(Category.values)
                asb = category == Category.ANTI_SOCIAL_BEHAVIOUR
                placed = rng.random() < 0.3
                outcome = "" if asb else rng.choice(OUTCOMES)
                n = len(rows)
                rows.append(
                    Incident(
                        source_key=sha256_of(900_000 + n),
                        crime_id="" if asb or placed else sha256_of(800_000 + n),
                        month=month,
                        category=category,
                        reported_by="Test Police",
                        falls_within="Test Police",
                        latitude=rng.uniform(south, north),
                        longitude=rng.uniform(west, east),
                        location="" if placed else f"On or near {rng.choice(STREETS)}",
                        last_outcome_category=outcome,
                        last_outcome_month=month if outcome and rng.random() < 0.5 else None,
                        neighbourhood=ward,
                        placed=placed,
                    )
                )
    Incident.objects.bulk_create(rows, batch_size=1000)
    published_crimes_rebuild()
    for i, ward in enumerate(world.wards.values()):
        StopSearch.objects.create(
            source_key=sha256_of(700_000 + i),
            type="Person search",
            occurred_at=datetime(2024, 3, 1 + i, 12, tzinfo=UTC),
            latitude=ward.centroid_lat if i % 3 else None,
            longitude=ward.centroid_lng if i % 3 else None,
            neighbourhood=ward if i % 3 else None,
            outcome="A no further action disposal",
        )
    ward_content(world)


def test_every_answer_over_a_demo_like_world_satisfies_a_strict_consumer(client, world):
    demo_like(world)
    failures: list[str] = []
    answered: dict[str, int] = {}

    def check(path: str, spec: str):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code, response.content[:200])
        body = response.json()
        failures.extend(problems(body, SPECS[spec], path))
        answered[spec] = answered.get(spec, 0) + (len(body) if isinstance(body, list) else 1)
        return body

    with override_settings(SN_POLICE_API_RATE=10_000, SN_POLICE_API_BURST=10_000):
        for force in check("/api/forces", "forces"):
            check(f"/api/forces/{force['id']}", "force")
            check(f"/api/forces/{force['id']}/people", "people")
            for n in check(f"/api/{force['id']}/neighbourhoods", "neighbourhoods"):
                base = f"/api/{force['id']}/{n['id']}"
                detail = check(base, "neighbourhood")
                check(f"{base}/boundary", "boundary")
                check(f"{base}/people", "people")
                check(f"{base}/events", "events")
                check(f"{base}/priorities", "priorities")
                centre = f"{detail['centre']['latitude']},{detail['centre']['longitude']}"
                check(f"/api/locate-neighbourhood?q={centre}", "locate")
        check("/api/crimes-street-dates", "dates")
        check("/api/crime-last-updated", "updated")
        street_ids, persistent_ids = set(), set()
        for month in (f"{m:%Y-%m}" for m in MONTHS):
            slugs = {c["url"] for c in check(f"/api/crime-categories?date={month}", "categories")}
            crimes = check(
                f"/api/crimes-no-location?force=testforce&category=all-crime&date={month}", "crimes"
            )
            for ward in world.wards.values():
                near = f"lat={ward.centroid_lat}&lng={ward.centroid_lng}&date={month}"
                crimes += check(f"/api/crimes-street/all-crime?{near}", "crimes")
                check(f"/api/outcomes-at-location?{near}", "outcomes")
                check(f"/api/stops-street?{near}", "stops")
            check(f"/api/stops-force?force=testforce&date={month}", "stops")
            check(f"/api/stops-no-location?force=testforce&date={month}", "stops")
            for crime in crimes:
                if crime["category"] not in slugs:
                    failures.append(
                        f"{crime['id']}: category {crime['category']} not in crime-categories?date={month}"
                    )
                if (crime["location"] is None) != (crime["location_type"] is None):
                    failures.append(f"{crime['id']}: location_type and location disagree")
                if crime["location"]:
                    street_ids.add(crime["location"]["street"]["id"])
                if crime["persistent_id"]:
                    persistent_ids.add(crime["persistent_id"])
            for street in sorted(street_ids)[:40]:
                check(f"/api/crimes-at-location?location_id={street}&date={month}", "crimes")
                check(f"/api/stops-at-location?location_id={street}&date={month}", "stops")
        for pid in sorted(persistent_ids)[:60]:
            check(f"/api/outcomes-for-crime/{pid}", "crime")
    assert not failures, "\n".join(failures[:20])
    # The walk saw every kind of answer, and plenty of crimes: it checked something.
    assert answered["crimes"] > 1_000 and answered["outcomes"] > 100 and answered["stops"] > 0
    assert answered["events"] and answered["priorities"] and answered["crime"] == 60
