"""The gap view: whom a team reaches, set against who lives in its ward, by small area and by age, so
the team sees the streets and groups it does not hear from (seed 004's "hard to hear" groups).

Reach is the ward's active KIN members and contacts placed where they are on the map, and the people
at its engagement events over the last year, placed at the event (attendance is counted, not who came
from where). Residents are Census 2021 usual residents of the 2021 LSOAs under the ward
(sn.community.small_areas). An LSOA or an age group is under-reached when its share of the reach is
below SN_COMMUNITY_UNDER_REACHED_RATIO of its share of the residents. Ages are known only for members
and contacts who gave their age band, so the age comparison counts only those; the ward's residents by
age are its profile's (sn.profiles) when loaded, else the sum of its small areas.
"""

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

import shapely
from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from sn.community.models import AgeBand, Contact, KinMember
from sn.community.small_areas import SOURCE, YEAR, WardSmallArea, locate_in, ward_small_areas
from sn.core.months import add_months
from sn.engagement.models import Event
from sn.geography.models import Neighbourhood
from sn.incidents.models import Incident
from sn.profiles.demographics import AGE
from sn.profiles.models import DemographicFigure

STREETS_SHOWN = 3
EVENT_DAYS = 365
_ON_OR_NEAR = "On or near "


def under_reached_ratio() -> float:
    return settings.SN_COMMUNITY_UNDER_REACHED_RATIO


@dataclass
class Comparison:
    """One row of the gap view: residents against reach, as counts and as shares of the ward's."""

    key: str
    label: str
    population: float
    reach: int = 0
    population_share: float | None = None
    reach_share: float | None = None

    @property
    def ratio(self) -> float | None:
        if not self.population_share or self.reach_share is None:
            return None
        return self.reach_share / self.population_share

    @property
    def under_reached(self) -> bool:
        return self.ratio is not None and self.ratio < under_reached_ratio()


@dataclass
class AreaComparison(Comparison):
    streets: list[str] = field(default_factory=list)
    kin: int = 0
    contacts: int = 0
    attendance: int = 0


@dataclass
class Gap:
    neighbourhood: Neighbourhood
    since: date
    areas: list[AreaComparison]
    ages: list[Comparison]
    ratio: float
    not_placed: dict[str, int]  # reach with no point on the map, by kind
    outside: int  # reach placed on a sliver of the ward outside every LSOA shown
    age_unknown: int  # members and contacts who gave no age band
    lsoa_map: str  # GeoJSON of the LSOA parts, each with its figures
    age_source: str  # where the residents by age come from, and their year
    age_year: int

    @property
    def population(self) -> float:
        return sum(area.population for area in self.areas)

    @property
    def reach(self) -> int:
        return sum(area.reach for area in self.areas)

    @property
    def under_reached_areas(self) -> list[AreaComparison]:
        return [area for area in self.areas if area.under_reached]

    @property
    def under_reached_ages(self) -> list[Comparison]:
        return [age for age in self.ages if age.under_reached]

    source: str = SOURCE
    year: int = YEAR


def _shares(rows: list[Comparison]) -> None:
    population = sum(row.population for row in rows)
    reach = sum(row.reach for row in rows)
    for row in rows:
        row.population_share = row.population / population if population else None
        row.reach_share = row.reach / reach if reach else None


def _active(model):
    return model.objects.filter(archived_at__isnull=True, erased_at__isnull=True)


def _streets(neighbourhood: Neighbourhood, parts: list[WardSmallArea]) -> dict[str, list[str]]:
    """The streets police.uk's "on or near" names most in each small area over the ward's latest
    year of located incidents: what a team calls the place, where an LSOA code says nothing."""
    latest = Incident.objects.filter(neighbourhood=neighbourhood).aggregate(latest=Max("month"))["latest"]
    if latest is None:
        return {}
    rows = list(
        Incident.objects.filter(
            neighbourhood=neighbourhood, month__gte=add_months(latest, -11), latitude__isnull=False
        )
        .exclude(location="")
        .values_list("latitude", "longitude", "location")
    )
    codes = locate_in(parts, [(lat, lng) for lat, lng, _ in rows])
    counts: dict[str, Counter] = defaultdict(Counter)
    for code, (_, _, location) in zip(codes, rows, strict=True):
        if code is not None:
            counts[code][location.removeprefix(_ON_OR_NEAR)] += 1
    return {
        code: [street for street, _ in counter.most_common(STREETS_SHOWN)] for code, counter in counts.items()
    }


def ward_gap(neighbourhood: Neighbourhood, *, today: date | None = None) -> Gap:
    today = today or timezone.localdate()
    since = today - timedelta(days=EVENT_DAYS)
    parts = ward_small_areas(neighbourhood.boundary, neighbourhood.borough.code)
    areas = {part.code: AreaComparison(part.code, part.name, part.population) for part in parts}
    not_placed: Counter = Counter()
    outside = 0

    people = [
        (
            "kin",
            list(
                _active(KinMember)
                .filter(neighbourhood=neighbourhood)
                .values_list("latitude", "longitude", "age_band")
            ),
        ),
        (
            "contacts",
            list(
                _active(Contact)
                .filter(neighbourhood=neighbourhood)
                .values_list("latitude", "longitude", "age_band")
            ),
        ),
    ]
    start = timezone.make_aware(datetime.combine(since, time.min))
    end = timezone.make_aware(datetime.combine(today + timedelta(days=1), time.min))
    events = list(
        Event.objects.filter(
            neighbourhood=neighbourhood,
            archived_at__isnull=True,
            starts_at__gte=start,
            starts_at__lt=end,
            attendance__gt=0,
        ).values_list("latitude", "longitude", "attendance")
    )
    for kind, rows in [*people, ("attendance", [(lat, lng, n) for lat, lng, n in events])]:
        placed = [row for row in rows if row[0] is not None and row[1] is not None]
        weight = (lambda row: row[2]) if kind == "attendance" else (lambda row: 1)
        not_placed[kind] += sum(weight(row) for row in rows if row[0] is None or row[1] is None)
        for code, row in zip(locate_in(parts, [(r[0], r[1]) for r in placed]), placed, strict=True):
            if code is None:
                outside += weight(row)
                continue
            setattr(areas[code], kind, getattr(areas[code], kind) + weight(row))
            areas[code].reach += weight(row)

    streets = _streets(neighbourhood, parts)
    for code, area in areas.items():
        area.streets = streets.get(code, [])
    area_rows = list(areas.values())
    _shares(area_rows)

    ward_ages = _profile_ages(neighbourhood)
    if ward_ages is None:
        ward_ages = (
            {band.value: sum(part.ages[band.value] for part in parts) for band in AgeBand},
            SOURCE,
            YEAR,
        )
    ages = _age_comparison(ward_ages[0], [row for _, rows in people for row in rows])
    age_unknown = sum(1 for _, rows in people for row in rows if not row[2])
    return Gap(
        neighbourhood=neighbourhood,
        since=since,
        areas=sorted(
            area_rows, key=lambda a: (not a.under_reached, a.ratio if a.ratio is not None else 0, a.key)
        ),
        ages=ages,
        ratio=under_reached_ratio(),
        not_placed={kind: n for kind, n in not_placed.items() if n},
        outside=outside,
        age_unknown=age_unknown,
        lsoa_map=_lsoa_map(parts, areas),
        age_source=ward_ages[1],
        age_year=ward_ages[2],
    )


# The ward profile's age bands (sn.profiles, from scripts/build_demographics_data.py) and ours.
PROFILE_AGE_BANDS = {
    "0 to 15": AgeBand.UNDER_16,
    "16 to 24": AgeBand.FROM_16,
    "25 to 34": AgeBand.FROM_25,
    "35 to 49": AgeBand.FROM_35,
    "50 to 64": AgeBand.FROM_50,
    "65 and over": AgeBand.FROM_65,
}


def _profile_ages(neighbourhood: Neighbourhood) -> tuple[dict[str, float], str, int] | None:
    """The ward's residents by age from its profile, when the profile holds the six Census bands: the
    figures the ward profile shows, so the two pages agree. None: use the small areas instead."""
    figures = DemographicFigure.objects.filter(neighbourhood=neighbourhood, measure=AGE)
    year = figures.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return None
    rows = list(figures.filter(year=year).values_list("category", "value", "source"))
    if {category for category, _, _ in rows} != set(PROFILE_AGE_BANDS):
        return None
    ages = {PROFILE_AGE_BANDS[category].value: float(value) for category, value, _ in rows}
    return ages, rows[0][2], year


def _age_comparison(ward_ages: dict[str, float], people: list[tuple]) -> list[Comparison]:
    known = Counter(row[2] for row in people if row[2])
    rows = [
        Comparison(band.value, band.label, ward_ages.get(band.value, 0.0), known.get(band.value, 0))
        for band in AgeBand
    ]
    _shares(rows)
    return rows


def _lsoa_map(parts: list[WardSmallArea], areas: dict[str, AreaComparison]) -> str:
    features = []
    for part in parts:
        area = areas[part.code]
        ratio = area.ratio
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(shapely.to_geojson(shapely.set_precision(part.geometry, 1e-5))),
                "properties": {
                    "name": area.label,
                    "code": area.key,
                    "reach": area.reach,
                    "population": round(area.population),
                    "ratio": None if ratio is None else round(ratio, 2),
                    "under": area.under_reached,
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":"))
