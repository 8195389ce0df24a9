"""The demo's invented people and their proportions: roles, ages, how teams interview, what members
raise, names from pools Faker fills once, points at random inside a ward (sn.community.demo)."""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import shapely
from faker import Faker

from sn.community.models import AgeBand, ConsentMethod, KinInterview, KinMember
from sn.geography.models import Neighbourhood

MONTHS = 24
CONCERN_MONTHS = 12  # interviews raise concerns in the last year only: what the analysis reads
CONCERN_SHARE = 0.12  # of those interviews, the share that raised a concern
# Teams' interview rates: most around the standard, some slipping, a few well behind (seed 003 found
# KIN work uneven across teams). (share of teams, mean interviews a month, spread)
RATES = ((0.72, 33.0, 4.0), (0.18, 25.0, 4.0), (0.10, 14.0, 5.0))
WITHDRAWN_SHARE = 0.04
DORMANT_PER_TEAM = (0, 3)  # members nobody has interviewed for over two years: due a retention review
ROLES = [(r, w) for r, w in zip(KinMember.Role.values, (18, 10, 9, 8, 10, 7, 6, 9, 4, 14, 5), strict=True)]
AGE_WEIGHTS = (0.02, 0.07, 0.17, 0.30, 0.28, 0.16)  # KIN members are mostly middle-aged
CONTACT_AGE_WEIGHTS = (0.04, 0.12, 0.18, 0.26, 0.24, 0.16)
METHODS = [
    (KinInterview.Method.IN_PERSON, 0.62),
    (KinInterview.Method.PHONE, 0.30),
    (KinInterview.Method.ONLINE, 0.08),
]
NOTES = (
    "Quiet month on the parade; asked about the new CCTV.",
    "Mentioned groups gathering by the shops after school.",
    "Concerned about cars being broken into overnight.",
    "Happy with the visible patrols; passed on the surgery dates.",
    "Raised parking on the pavement near the school gates.",
    "Reported fly-tipping behind the garages again.",
    "Neighbours worried after a burglary on the next street.",
    "Asked for the dates of the next ward panel meeting.",
    "",
    "",
)
# Topics KIN members raise, in the proportions of seed 001's top priorities (youth ASB far ahead).
CONCERN_TOPICS = {
    "asb-rowdy-youths": (22, "Young people gathering and intimidating shoppers in the evenings"),
    "burglary": (12, "Several break-ins on the street in the last few weeks"),
    "asb-general": (10, "Rowdy behaviour late at night near the station"),
    "vehicle-crime": (9, "Cars broken into overnight, windows smashed"),
    "drug-dealing": (8, "Drug dealing in the stairwells of the estate"),
    "asb-litter-fly-tipping": (7, "Fly-tipping left for weeks behind the shops"),
    "asb-street-drinking": (5, "Street drinking on the benches by the green"),
    "asb-vehicle-nuisance": (5, "Off-road bikes ridden through the park"),
    "criminal-damage": (5, "Graffiti and damage to the bus shelter"),
    "road-safety": (5, "Speeding on the main road outside the school"),
    "asb-noise": (4, "Loud music from a flat most nights"),
    "robbery": (4, "Phones snatched from people at the bus stop"),
    "violence": (2, "Fights outside the late-night takeaway"),
    "weapons": (2, "Young people said to be carrying knives"),
}
CONTACT_TOPICS = [t for t in CONCERN_TOPICS]
ORGANISATIONS = (
    "Residents' association",
    "Tenants' and residents' association",
    "Neighbourhood Watch",
    "Friends of the park",
    "Mosque committee",
    "Parish church",
    "Gurdwara committee",
    "Youth club",
    "Primary school PTA",
    "Traders' association",
    "Housing association",
    "Older people's lunch club",
    "Mothers' group",
    "Allotment society",
    "Football club",
)


@dataclass
class Pools:
    first_names: list[str]
    last_names: list[str]
    streets: list[str]
    postcodes: list[str]

    @classmethod
    def make(cls, seed: int) -> "Pools":
        fake = Faker("en_GB")
        fake.seed_instance(seed)
        # Plain names only: an apostrophe (O'Brien) is real, but pages and tests read better without.
        return cls(
            first_names=sorted({n for n in (fake.first_name() for _ in range(900)) if n.isalpha()}),
            last_names=sorted({n for n in (fake.last_name() for _ in range(900)) if n.isalpha()}),
            streets=sorted({fake.street_name() for _ in range(600)}),
            postcodes=sorted({fake.postcode() for _ in range(300)}),
        )


class Pick:
    """Weighted draws from a fixed list, one or many at a time, without rebuilding the weights."""

    def __init__(self, weighted):
        self.values = [value for value, _ in weighted]
        weights = np.asarray([weight for _, weight in weighted], dtype=float)
        self.cumulative = np.cumsum(weights / weights.sum())

    def many(self, rng: np.random.Generator, count: int) -> np.ndarray:
        """Indexes into `values`."""
        return np.minimum(
            np.searchsorted(self.cumulative, rng.random(count), side="right"), len(self.values) - 1
        )

    def one(self, rng: np.random.Generator):
        return self.values[int(self.many(rng, 1)[0])]


PICK_ROLE = Pick(ROLES)
PICK_CONSENT = Pick([(m, 1) for m in ConsentMethod.values])
PICK_AGE = Pick(list(zip(AgeBand.values, AGE_WEIGHTS, strict=True)))
PICK_CONTACT_AGE = Pick(list(zip(AgeBand.values, CONTACT_AGE_WEIGHTS, strict=True)))
PICK_METHOD = Pick(METHODS)
PICK_TOPIC = Pick([(topic, weight) for topic, (weight, _) in CONCERN_TOPICS.items()])


def points_in(ward: Neighbourhood, rng: np.random.Generator, count: int) -> list[tuple[float, float]]:
    """`count` points at random inside the ward, as (latitude, longitude)."""
    shape = shapely.from_geojson(ward.boundary)
    shapely.prepare(shape)
    minx, miny, maxx, maxy = shape.bounds
    found: list[tuple[float, float]] = []
    while len(found) < count:
        xs = rng.uniform(minx, maxx, count * 3)
        ys = rng.uniform(miny, maxy, count * 3)
        inside = shapely.contains_xy(shape, xs, ys)
        found += [
            (round(float(y), 6), round(float(x), 6)) for x, y in zip(xs[inside], ys[inside], strict=True)
        ]
    return found[:count]


def person(rng: np.random.Generator, pools: Pools, serial: int) -> dict:
    first = pools.first_names[rng.integers(len(pools.first_names))]
    last = pools.last_names[rng.integers(len(pools.last_names))]
    street = pools.streets[rng.integers(len(pools.streets))]
    postcode = pools.postcodes[rng.integers(len(pools.postcodes))]
    return {
        "name": f"{first} {last}",
        # Ofcom's drama numbers: 07700 900000 to 900999 never ring anyone.
        "phone": f"07700 900{serial % 1000:03d}",
        "email": f"{first}.{last}{serial % 97}@example.org".lower() if rng.random() < 0.7 else "",
        "address": f"{rng.integers(1, 240)} {street}, London {postcode}",
        "street": street,
    }


def day_in(rng: np.random.Generator, first: date, last: date) -> date:
    return first + timedelta(days=int(rng.integers(0, (last - first).days + 1)))
