"""Demo data for the ward profile: the shipped Census 2021 and IMD 2019 tables for every ward the demo
force has, and for every team a realistic set of key locations and recurring events on its map.

Deterministic for a seed and a day: the same neighbourhoods give the same names, kinds, points and
dates. Names are invented but plausible (drawn from the ward's own name and British street names);
points are drawn uniformly inside the neighbourhood's boundary. A few events carry a next date that has
passed, as a busy team's would, so that the profile's flag and the home page's work show.
"""

import datetime
import zlib
from datetime import date

import numpy as np
import shapely
from django.db import transaction
from django.utils import timezone
from faker import Faker

from sn.core.audit import record_bulk_create
from sn.geography.geometry import from_geojson_text
from sn.geography.models import Neighbourhood
from sn.profiles.demographics import SHIPPED_TABLES
from sn.profiles.importing import DemographicFileError, parse_demographic_file
from sn.profiles.models import KeyLocation, RecurringEvent
from sn.profiles.services import area_codes, demographic_figures_save

K, E = KeyLocation.Kind, RecurringEvent.Kind
# How often each kind of place is among a ward's key locations: schools, pubs, parades and parks are
# in nearly every ward; colleges and hospitals in few.
LOCATION_KINDS = {
    K.SCHOOL: 20,
    K.LICENSED_PREMISES: 15,
    K.SHOPPING_PARADE: 12,
    K.PARK: 12,
    K.ESTATE: 10,
    K.STATION: 8,
    K.PLACE_OF_WORSHIP: 7,
    K.YOUTH_CLUB: 5,
    K.TRANSPORT_HUB: 4,
    K.HEALTH: 3,
    K.COLLEGE: 2,
    K.OTHER: 2,
}
EVENT_KINDS = {
    E.SCHOOL_CLOSING: 25,
    E.MARKET: 25,
    E.NIGHTLIFE: 20,
    E.FOOTBALL: 10,
    E.FESTIVAL: 10,
    E.OTHER: 10,
}
STALE_SHARE = 0.08  # events whose next date the team has not yet moved on

TREES = ["Oak", "Elm", "Ash", "Beech", "Willow", "Holly", "Hazel", "Rowan", "Birch", "Cedar", "Maple", "Lime"]
ENDINGS = ["field", "wood", "grove", "bank", "hurst", "dene", "mead", "croft", "gate", "brook"]
SAINTS = ["Mary", "John", "Luke", "Paul", "Peter", "Michael", "Anne", "Saviour", "Stephen", "Andrew"]
PUBS = [
    "The Red Lion",
    "The Crown and Anchor",
    "The Prince of Wales",
    "The Kings Arms",
    "The White Hart",
    "The Railway Tavern",
    "The Rose and Crown",
    "The Black Horse",
    "The Royal Oak",
    "The Duke of Edinburgh",
    "The Bricklayers Arms",
    "The Queens Head",
]
WHY = {
    K.SCHOOL: [
        "Pupils gather at the bus stops at closing time; the head teacher welcomes a weekly visit.",
        "Reports of older youths waiting outside the gates at 3.30pm.",
    ],
    K.COLLEGE: ["Large student numbers at the start and end of the day; phone thefts reported nearby."],
    K.YOUTH_CLUB: ["Open four evenings a week; a good place to meet young people and hear their concerns."],
    K.STATION: [
        "Busy at rush hour; pickpocketing and ticket-hall disorder reported by the transport police."
    ],
    K.TRANSPORT_HUB: ["Groups of young people gather after school; shared patrols with the transport team."],
    K.ESTATE: [
        "Residents association meets monthly; complaints of drug dealing in the stairwells.",
        "Several empty garages used for fly-tipping; the housing officer attends ward panel meetings.",
    ],
    K.PARK: [
        "Street drinking near the bandstand in summer; the park warden shares concerns.",
        "Popular with families by day; motorbikes ridden across the grass at night.",
    ],
    K.LICENSED_PREMISES: [
        "Late licence on Fridays and Saturdays; door staff call us for disorder at closing time.",
        "Licence reviewed last year after fights outside; keep an eye on closing time.",
    ],
    K.SHOPPING_PARADE: [
        "Shop theft and begging reported by traders; traders group meets each quarter.",
        "Youths congregate outside the chicken shop in the evenings.",
    ],
    K.PLACE_OF_WORSHIP: ["Large congregations on holy days; parking and traffic complaints from neighbours."],
    K.HEALTH: ["Ambulance access must be kept clear; occasional disorder in the waiting area at night."],
    K.OTHER: ["Community hub used for surgeries and contact points."],
}
STREET_TYPES = [
    "Road",
    "Street",
    "Lane",
    "Avenue",
    "Grove",
    "Close",
    "Gardens",
    "Place",
    "Terrace",
    "Way",
    "Hill",
]
WEEKDAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6}


def _weighted(rng: np.random.Generator, weights: dict, size: int) -> list:
    kinds = list(weights)
    p = np.array([weights[k] for k in kinds], dtype=float)
    return [kinds[i] for i in rng.choice(len(kinds), size=size, p=p / p.sum())]


def _points_in(geometry, count: int, rng: np.random.Generator) -> list[tuple[float, float]]:
    """`count` (lat, lng) points uniformly at random inside a polygon: drawn in its bounding box, the
    inside ones kept."""
    minx, miny, maxx, maxy = geometry.bounds
    found: list[tuple[float, float]] = []
    while len(found) < count:
        x, y = rng.uniform(minx, maxx, 64), rng.uniform(miny, maxy, 64)
        inside = shapely.contains_xy(geometry, x, y)
        found += [(float(b), float(a)) for a, b in zip(x[inside], y[inside], strict=True)]
    return found[:count]


def _pick(rng: np.random.Generator, items: list):
    return items[int(rng.integers(len(items)))]


def _street(rng: np.random.Generator, fake: Faker) -> str:
    """A London-sounding street (Faker's British streets run to "Viaduct" and "Track")."""
    return f"{fake.last_name()} {_pick(rng, STREET_TYPES)}"


def _place_word(rng: np.random.Generator) -> str:
    return _pick(rng, TREES) + _pick(rng, ENDINGS)


def _location_name(kind: str, ward: str, rng: np.random.Generator, fake: Faker) -> str:
    word = _place_word(rng)
    names = {
        K.SCHOOL: [
            f"{word} Primary School",
            f"{word} Academy",
            f"St {_pick(rng, SAINTS)}'s C of E Primary School",
        ],
        K.COLLEGE: [f"{ward} College", f"{word} Sixth Form College"],
        K.YOUTH_CLUB: [f"{word} Youth Centre", f"{ward} Youth Club"],
        K.STATION: [f"{ward} Station", f"{word} Road Station"],
        K.TRANSPORT_HUB: [f"{ward} Bus Station", f"{ward} Interchange"],
        K.ESTATE: [f"{fake.last_name()} Estate", f"{word} House Estate"],
        K.PARK: [f"{ward} Park", f"{word} Recreation Ground", f"{word} Common"],
        K.LICENSED_PREMISES: PUBS,
        K.SHOPPING_PARADE: [f"{_street(rng, fake)} parade", f"{ward} High Street shops"],
        K.PLACE_OF_WORSHIP: [f"St {_pick(rng, SAINTS)}'s Church", f"{ward} Mosque", f"{ward} Baptist Church"],
        K.HEALTH: [f"{ward} Health Centre", f"{word} Medical Practice"],
        K.OTHER: [f"{ward} Library", f"{ward} Leisure Centre", f"{word} Community Centre"],
    }[kind]
    return _pick(rng, names)


def _next_weekday(today: date, weekday: int) -> date:
    return today + datetime.timedelta(days=(weekday - today.weekday()) % 7 or 7)


def _event(
    kind: str, ward: str, rng: np.random.Generator, fake: Faker, today: date, schools: list[str]
) -> dict:
    """Name, schedule, next date, place in words and expected attendance of one event."""
    street = _street(rng, fake)
    if kind == E.SCHOOL_CLOSING:
        school = _pick(rng, schools) if schools else f"{_place_word(rng)} Academy"
        return {
            "name": f"{school} closing time",
            "schedule": "School days in term, 3pm to 4pm",
            "next_date": _next_weekday(today, int(rng.integers(5))),
            "location": f"Outside {school} and the bus stops on {street}",
            "expected_attendance": int(rng.integers(3, 13)) * 50,
        }
    if kind == E.MARKET:
        day = _pick(rng, ["Saturday", "Sunday", "Thursday"])
        return {
            "name": f"{ward} {_pick(rng, ['Street', 'Farmers', 'Saturday', 'Craft'])} Market",
            "schedule": f"Every {day}, 8am to 4pm",
            "next_date": _next_weekday(today, WEEKDAYS[day]),
            "location": street,
            "expected_attendance": int(rng.integers(4, 31)) * 100,
        }
    if kind == E.NIGHTLIFE:
        return {
            "name": f"Weekend nightlife on {street}",
            "schedule": "Fridays and Saturdays, 10pm to 3am",
            "next_date": _next_weekday(today, WEEKDAYS["Friday"]),
            "location": f"{street} bars and late takeaways",
            "expected_attendance": int(rng.integers(5, 41)) * 50,
        }
    if kind == E.FOOTBALL:
        return {
            "name": f"{_place_word(rng)} FC home matches",
            "schedule": "Alternate Saturdays in the season, 3pm kick-off",
            "next_date": _next_weekday(today, WEEKDAYS["Saturday"])
            + datetime.timedelta(days=7 * int(rng.integers(2))),
            "location": f"{_place_word(rng)} Road ground",
            "expected_attendance": int(rng.integers(5, 60)) * 100,
        }
    if kind == E.FESTIVAL:
        month = int(rng.integers(5, 10))
        year = today.year if (today.month, today.day) < (month, 1) else today.year + 1
        return {
            "name": f"{ward} Summer Festival" if month < 9 else f"{ward} Autumn Fair",
            "schedule": f"Once a year, a weekend in {date(year, month, 1):%B}",
            "next_date": _next_weekday(date(year, month, 1), WEEKDAYS["Saturday"]),
            "location": f"{ward} Park",
            "expected_attendance": int(rng.integers(10, 81)) * 100,
        }
    return {
        "name": _pick(
            rng, [f"{ward} car boot sale", f"St {_pick(rng, SAINTS)}'s summer fete", "Community fun day"]
        ),
        "schedule": "First Sunday of the month, 7am to 1pm",
        "next_date": _next_weekday(today, WEEKDAYS["Sunday"]),
        "location": street,
        "expected_attendance": int(rng.integers(2, 11)) * 50,
    }


def _place_name(area: Neighbourhood) -> str:
    """What locals call the place, for names: "West End (Oxford Street)" is Oxford Street, and a town
    centre is its town."""
    name = area.name
    if "(" in name and name.endswith(")"):
        name = name[name.index("(") + 1 : -1]
    return name.removesuffix(" town centre")


def _places_for(
    area: Neighbourhood, seed: int, today: date, fake: Faker
) -> tuple[list[KeyLocation], list[RecurringEvent]]:
    # Each area has its own stream, so adding a ward leaves every other ward's places as they were.
    rng = np.random.default_rng([seed, zlib.crc32(area.code.encode())])
    fake.seed_instance(int(rng.integers(2**31)))
    total = int(rng.integers(5, 16))
    n_events = min(total - 3, int(rng.integers(1, 5)))
    n_locations = total - n_events
    points = _points_in(from_geojson_text(area.boundary), total, rng)
    place = _place_name(area)
    locations = []
    for kind, (lat, lng) in zip(
        _weighted(rng, LOCATION_KINDS, n_locations), points[:n_locations], strict=True
    ):
        locations.append(
            KeyLocation(
                neighbourhood=area,
                kind=kind,
                name=_location_name(kind, place, rng, fake),
                address=f"{int(rng.integers(1, 240))} {_street(rng, fake)}",
                description=_pick(rng, WHY[kind]),
                latitude=lat,
                longitude=lng,
            )
        )
    schools = [loc.name for loc in locations if loc.kind == K.SCHOOL]
    events = []
    for kind, (lat, lng) in zip(_weighted(rng, EVENT_KINDS, n_events), points[n_locations:], strict=True):
        details = _event(kind, place, rng, fake, today, schools)
        if rng.random() < STALE_SHARE:
            details["next_date"] = today - datetime.timedelta(days=int(rng.integers(3, 40)))
        events.append(RecurringEvent(neighbourhood=area, kind=kind, latitude=lat, longitude=lng, **details))
    return locations, events


def _load_demographics(progress) -> int:
    areas = area_codes()
    loaded = 0
    for path in SHIPPED_TABLES:
        try:
            rows = parse_demographic_file(path.read_bytes(), areas, skip_unknown=True)
        except DemographicFileError as error:
            if error.problems == ["the file has no rows of figures"]:
                continue  # none of the force's areas is in the shipped file (a test force)
            raise
        result = demographic_figures_save(rows=rows, source=f"demo {path.name}")
        progress(f"  {path.name}: {result}")
        loaded += len(rows)
    return loaded


def profiles_demo_load(*, seed: int = 2026, today: date | None = None, progress=print) -> str:
    """The shipped demographic tables for the force's wards, and key locations and recurring events for
    every team's area that has none yet (so a second run adds nothing)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        figures = _load_demographics(progress)
        busy = set(KeyLocation.objects.values_list("neighbourhood_id", flat=True)) | set(
            RecurringEvent.objects.values_list("neighbourhood_id", flat=True)
        )
        areas = Neighbourhood.objects.filter(team__isnull=False).exclude(id__in=busy).order_by("code")
        locations: list[KeyLocation] = []
        events: list[RecurringEvent] = []
        fake = Faker("en_GB")
        for area in areas.only("id", "code", "name", "boundary"):
            found, planned = _places_for(area, seed, today, fake)
            locations += found
            events += planned
        KeyLocation.objects.bulk_create(locations, batch_size=2000)
        RecurringEvent.objects.bulk_create(events, batch_size=2000)
        record_bulk_create(KeyLocation, locations, "profiles demo")
        record_bulk_create(RecurringEvent, events, "profiles demo")
    summary = (
        f"Ward profiles: {figures:,} demographic figures; {len(locations):,} key locations and "
        f"{len(events):,} recurring events for {len({loc.neighbourhood_id for loc in locations}):,} areas"
    )
    progress(summary)
    return summary
