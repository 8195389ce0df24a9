"""Demo concerns for every team: the ones that reach a team directly (letters from MPs and councillors,
complaints, the media, feedback), two years of them, and the pieces the engagement demo shares (what each
ward's residents tend to raise, how they say it, points inside the ward).

Topic proportions follow the seeds (001's EPIC top priorities: ASB by youths in 426 of 651 teams, then
burglary, ASB in general, theft from vehicles, drugs), each ward's leaning towards what is recorded there
(its share of each police.uk category against the force's), and a topic each team's residents raise out
of proportion, so that residents and records sometimes disagree, as they do. Deterministic for a seed.
"""

import time
import zlib
from collections import defaultdict
from datetime import date, timedelta

import numpy as np
import shapely
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from sn.concerns.demo_rows import BulkRows
from sn.concerns.models import Channel, Concern
from sn.concerns.taxonomy import TOPICS, Topic
from sn.core.months import add_months
from sn.crime.months import latest_month
from sn.geography.geometry import from_geojson_text
from sn.geography.models import Neighbourhood
from sn.incidents.models import IncidentMonthly

SOURCE = "demo concerns"
DAYS = 730  # two years up to today

# Of every 100 concerns, about how many are about each topic, before a ward's own leaning.
TOPIC_WEIGHTS: dict[str, float] = {
    Topic.ASB_YOUTHS: 20,
    Topic.BURGLARY: 13,
    Topic.ASB_GENERAL: 10,
    Topic.VEHICLE_CRIME: 9,
    Topic.DRUG_DEALING: 8,
    Topic.ASB_VEHICLES: 5,
    Topic.ROAD_SAFETY: 5,
    Topic.ASB_NOISE: 4,
    Topic.ASB_LITTER: 4,
    Topic.ASB_STREET_DRINKING: 3,
    Topic.ROBBERY: 3,
    Topic.VIOLENCE: 3,
    Topic.CRIMINAL_DAMAGE: 3,
    Topic.BICYCLE_THEFT: 2,
    Topic.WEAPONS: 2,
    Topic.SHOPLIFTING: 1.5,
    Topic.THEFT_FROM_THE_PERSON: 1.5,
    Topic.ASB_NEIGHBOURS: 1.5,
    Topic.ASB_BEGGING: 1,
    Topic.ASB_DRUG_LITTER: 1,
    Topic.PUBLIC_ORDER: 1,
    Topic.OTHER_THEFT: 1,
    Topic.OTHER_CRIME: 0.5,
    Topic.OTHER: 1,
}
TOPIC_ORDER = list(TOPIC_WEIGHTS)
assert set(TOPIC_ORDER) == set(Topic.values)

PLACES = (
    "the parade of shops",
    "the park",
    "the estate",
    "the station",
    "the bus stop on the high street",
    "the alley behind the shops",
    "the playground",
    "the car park",
    "the garages",
    "the towpath",
    "the school gates",
    "the chicken shop",
    "the recreation ground",
    "the underpass",
)
PHRASES: dict[str, tuple[str, ...]] = {
    Topic.ASB_YOUTHS: (
        "Groups of young people gathering at {place} in the evenings, shouting and intimidating passers-by",
        "Youths on bikes riding at pedestrians near {place}",
        "Teenagers smoking cannabis and leaving mess at {place} after school",
    ),
    Topic.BURGLARY: (
        "Several sheds and garages broken into near {place}",
        "Residents worried after burglaries on the streets around {place}",
        "Front doors tried at night near {place}; people want crime prevention advice",
    ),
    Topic.ASB_GENERAL: (
        "Rowdy behaviour at {place} late at night",
        "People fighting and shouting outside {place} at closing time",
    ),
    Topic.VEHICLE_CRIME: (
        "Cars broken into overnight near {place}",
        "Catalytic converters stolen from cars parked by {place}",
        "Vans broken into for tools around {place}",
    ),
    Topic.DRUG_DEALING: (
        "Drug dealing from cars at {place}",
        "People coming and going from a flat near {place}, suspected dealing",
        "Dealing in the open at {place} in the afternoons",
    ),
    Topic.ASB_VEHICLES: (
        "Off-road bikes tearing through {place}",
        "Cars racing and revving engines at {place} at night",
    ),
    Topic.ROAD_SAFETY: ("Speeding traffic past {place}", "Dangerous parking outside {place} at school times"),
    Topic.ASB_NOISE: ("Loud music late at night near {place}", "Noise from gatherings at {place}"),
    Topic.ASB_LITTER: ("Fly-tipping behind {place}", "Litter and dumped mattresses at {place}"),
    Topic.ASB_STREET_DRINKING: ("Street drinking at {place} all day", "Groups drinking outside {place}"),
    Topic.ROBBERY: ("Phones snatched near {place}", "Young people robbed on the way home past {place}"),
    Topic.VIOLENCE: ("Fights outside {place} at weekends", "An assault near {place} has worried residents"),
    Topic.CRIMINAL_DAMAGE: ("Graffiti spreading around {place}", "Bus shelter at {place} smashed again"),
    Topic.BICYCLE_THEFT: ("Bikes stolen from the racks at {place}",),
    Topic.WEAPONS: ("Rumours of young people carrying knives around {place}",),
    Topic.SHOPLIFTING: ("Shopkeepers at {place} report repeated shoplifting",),
    Topic.THEFT_FROM_THE_PERSON: ("Pickpockets working the crowds at {place}",),
    Topic.ASB_NEIGHBOURS: ("A long-running dispute between neighbours near {place}",),
    Topic.ASB_BEGGING: ("Aggressive begging outside {place}",),
    Topic.ASB_DRUG_LITTER: ("Needles and nitrous oxide canisters left at {place}",),
    Topic.PUBLIC_ORDER: ("Disorder outside {place} after matches",),
    Topic.OTHER_THEFT: ("Parcels stolen from doorsteps near {place}",),
    Topic.OTHER_CRIME: ("Scam callers targeting older residents near {place}",),
    Topic.OTHER: ("Street lights out along {place}", "Overgrown paths at {place} feel unsafe"),
}
assert set(PHRASES) == set(Topic.values)

DIRECT_CHANNELS = {
    Channel.FEEDBACK: 0.40,
    Channel.COMPLAINT: 0.25,
    Channel.REPRESENTATIVE: 0.15,
    Channel.MEDIA: 0.10,
    Channel.OTHER: 0.10,
}
DIRECT_SOURCES = {
    Channel.FEEDBACK: (
        "Feedback form on the ward page",
        "Phone call to the team",
        "Said to a PCSO on patrol",
    ),
    Channel.COMPLAINT: ("Complaint by email", "Complaint at the front counter", "Complaint from a business"),
    Channel.REPRESENTATIVE: ("Letter from the ward councillors", "Letter from the local MP's office"),
    Channel.MEDIA: ("Local newspaper", "Residents' social media group"),
    Channel.OTHER: ("Housing officer", "Safer Neighbourhoods board"),
}
DIRECT_PER_MONTH = 1.2


def ward_rng(seed: int, ward: Neighbourhood, salt: str) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(f"{ward.code}:{salt}".encode())])


def topic_mixes(wards: list[Neighbourhood], seed: int) -> dict[int, np.ndarray]:
    """Each ward's chance of each topic (TOPIC_ORDER): the seeds' weights, leaning towards the categories
    recorded more there than across the force, and one topic its residents raise out of proportion."""
    latest = latest_month()
    ratios: dict[int, dict[str, float]] = defaultdict(dict)
    if latest is not None:
        rows = (
            IncidentMonthly.objects.filter(month__gt=add_months(latest, -12), month__lte=latest)
            .values("neighbourhood_id", "category")
            .annotate(n=Sum("count"))
            .order_by()
        )
        counts: dict[int, dict[str, int]] = defaultdict(dict)
        for row in rows:
            counts[row["neighbourhood_id"]][row["category"]] = row["n"]
        force: dict[str, int] = defaultdict(int)
        for per_ward in counts.values():
            for category, n in per_ward.items():
                force[category] += n
        force_total = sum(force.values()) or 1
        for ward_id, per_ward in counts.items():
            total = sum(per_ward.values()) or 1
            for category, n in per_ward.items():
                ratios[ward_id][category] = (
                    (n / total) / (force[category] / force_total) if force[category] else 1.0
                )
    base = np.array([TOPIC_WEIGHTS[t] for t in TOPIC_ORDER])
    mixes = {}
    for ward in wards:
        rng = ward_rng(seed, ward, "mix")
        lean = np.array(
            [np.clip(ratios[ward.id].get(TOPICS[t].category, 1.0), 0.4, 2.5) ** 0.8 for t in TOPIC_ORDER]
        )
        weights = base * lean * rng.lognormal(0, 0.25, len(base))
        weights[rng.choice(len(base), p=base / base.sum())] *= rng.uniform(2, 4)
        mixes[ward.id] = weights / weights.sum()
    return mixes


def point_pools(
    wards: list[Neighbourhood], seed: int, size: int = 300
) -> dict[int, list[tuple[float, float]]]:
    """`size` points inside each area, (latitude, longitude), to draw places from."""
    pools = {}
    for ward in wards:
        rng = ward_rng(seed, ward, "points")
        area = from_geojson_text(ward.boundary)
        shapely.prepare(area)
        west, south, east, north = area.bounds
        found = np.empty((0, 2))
        while len(found) < size:
            xs = rng.uniform(west, east, size * 2)
            ys = rng.uniform(south, north, size * 2)
            inside = shapely.contains_xy(area, xs, ys)
            found = np.vstack([found, np.column_stack([ys[inside], xs[inside]])])
        pools[ward.id] = [tuple(p) for p in np.round(found[:size], 6).tolist()]
    return pools


def describe(topic: str, rng: np.random.Generator) -> tuple[str, str]:
    """What a resident might say about a topic, and the place they name."""
    phrases = PHRASES[topic]
    place = PLACES[rng.integers(len(PLACES))]
    return phrases[rng.integers(len(phrases))].format(place=place), place.removeprefix("the ").capitalize()


def teams_areas() -> list[Neighbourhood]:
    return list(Neighbourhood.objects.filter(team__isnull=False).order_by("code"))


def concerns_demo_load(*, seed: int = 2026, today: date | None = None, progress=print) -> str:
    """Two years of concerns reaching every team directly; returns a summary line. The engagement demo
    (sn.engagement.demo.engagement_demo_load) does this as well: the lead wires that one alone."""
    wards = teams_areas()
    return direct_concerns_load(
        wards, topic_mixes(wards, seed), point_pools(wards, seed), seed=seed, today=today, progress=progress
    )


def direct_concerns_load(wards, mixes, pools, *, seed: int, today: date | None, progress) -> str:
    started = time.monotonic()
    today = today or timezone.localdate()
    progress(f"Concerns raised directly with {len(wards)} teams ...")
    rows = BulkRows(Concern)
    columns = ("neighbourhood_id", "raised_on", "channel", "topic", "description", "location")
    add = rows.adder(*columns, "latitude", "longitude", "source")
    channels, shares = list(DIRECT_CHANNELS), np.array(list(DIRECT_CHANNELS.values()))
    for ward in wards:
        rng = ward_rng(seed, ward, "direct")
        pool = pools[ward.id]
        count = rng.poisson(DIRECT_PER_MONTH * DAYS / 30.4 * rng.uniform(0.6, 1.4))
        topics = rng.choice(len(TOPIC_ORDER), size=count, p=mixes[ward.id])
        for topic_index in topics:
            topic = TOPIC_ORDER[topic_index]
            channel = channels[rng.choice(len(channels), p=shares)]
            description, place = describe(topic, rng)
            lat, lng = pool[rng.integers(len(pool))] if rng.random() < 0.35 else (None, None)
            sources = DIRECT_SOURCES[channel]
            raised_on = today - timedelta(days=int(rng.integers(DAYS)))
            add(
                ward.id,
                raised_on,
                channel,
                topic,
                description,
                place,
                lat,
                lng,
                sources[rng.integers(len(sources))],
            )
    with transaction.atomic():
        rows.write(SOURCE)
    return f"Direct concerns ready in {time.monotonic() - started:.1f} s: {len(rows):,} concerns."
