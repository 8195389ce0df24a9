"""The gap view: reach by small area and by age against the ward's residents, with the under-reached
flagged; and the shipped small areas, which share London's real wards' people as the ward page does."""

import csv
import gzip
import json
from datetime import timedelta

import pytest
import shapely
from django.utils import timezone
from shapely.geometry import box

from sn.community import small_areas
from sn.community.gap import ward_gap
from sn.community.models import AgeBand
from sn.community.small_areas import SmallAreaTable, shipped_table, ward_small_areas
from sn.community.tests.factories import ContactFactory, KinMemberFactory
from sn.engagement.models import Event, EventKind
from sn.geography.population import DATA_DIR
from sn.geography.tests.factories import ORIGIN_LAT, ORIGIN_LNG, SIZE
from sn.incidents.models import Incident

pytestmark = pytest.mark.django_db

WEST, EAST = "E01900001", "E01900002"
WEST_POINT = (ORIGIN_LAT + SIZE / 2, ORIGIN_LNG + SIZE / 4)
EAST_POINT = (ORIGIN_LAT + SIZE / 2, ORIGIN_LNG + 3 * SIZE / 4)


def halves(borough_code: str) -> SmallAreaTable:
    """Ward a1 split into a west and an east small area of 1,000 people each, the west twice as old."""

    def feature(code, west, ages):
        x = ORIGIN_LNG + (0 if west else SIZE / 2)
        geometry = json.loads(shapely.to_geojson(box(x, ORIGIN_LAT, x + SIZE / 2, ORIGIN_LAT + SIZE)))
        props = {"code": code, "name": f"Test {code[-1]}", "borough_code": borough_code, "ages": ages}
        return {"type": "Feature", "geometry": geometry, "properties": props}

    return SmallAreaTable.from_features(
        [
            feature(WEST, True, [100, 100, 200, 200, 200, 200]),
            feature(EAST, False, [300, 200, 200, 200, 50, 50]),
        ]
    )


@pytest.fixture
def gap_world(world, monkeypatch):
    monkeypatch.setattr(small_areas, "shipped_table", lambda: halves(world.boroughs["a"].code))
    return world


def test_reach_is_counted_in_the_small_area_each_person_or_event_is_in(gap_world):
    ward = gap_world.wards["a1"]
    for _ in range(3):
        KinMemberFactory(
            neighbourhood=ward, latitude=WEST_POINT[0], longitude=WEST_POINT[1], age_band="50-64"
        )
    ContactFactory(neighbourhood=ward, latitude=WEST_POINT[0], longitude=WEST_POINT[1], age_band="")
    KinMemberFactory(neighbourhood=ward, latitude=None, longitude=None, age_band="16-24")
    Event.objects.create(
        neighbourhood=ward,
        kind=EventKind.STREET_BRIEFING,
        title="Briefing",
        starts_at=timezone.now() - timedelta(days=30),
        latitude=EAST_POINT[0],
        longitude=EAST_POINT[1],
        attendance=2,
    )

    gap = ward_gap(ward)

    by_code = {area.key: area for area in gap.areas}
    west, east = by_code[WEST], by_code[EAST]
    assert (west.kin, west.contacts, west.attendance, west.reach) == (3, 1, 0, 4)
    assert (east.kin, east.contacts, east.attendance, east.reach) == (0, 0, 2, 2)
    assert west.population_share == east.population_share == 0.5
    assert east.reach_share == pytest.approx(2 / 6)
    assert not east.under_reached  # a third of the reach for half the people: not below half as often
    assert gap.not_placed == {"kin": 1}
    assert gap.age_unknown == 1


def test_a_small_area_reached_less_than_half_as_often_as_its_share_is_under_reached(gap_world):
    ward = gap_world.wards["a1"]
    for _ in range(5):
        KinMemberFactory(
            neighbourhood=ward, latitude=WEST_POINT[0], longitude=WEST_POINT[1], age_band="35-49"
        )
    KinMemberFactory(neighbourhood=ward, latitude=EAST_POINT[0], longitude=EAST_POINT[1], age_band="35-49")

    gap = ward_gap(ward)

    assert [area.key for area in gap.under_reached_areas] == [EAST]
    assert gap.areas[0].key == EAST  # the under-reached first
    ages = {age.key: age for age in gap.ages}
    assert ages[AgeBand.FROM_35].reach_share == 1.0
    assert {age.key for age in gap.under_reached_ages} == set(AgeBand.values) - {AgeBand.FROM_35}
    assert "under" in json.loads(gap.lsoa_map)["features"][0]["properties"]


def test_people_who_have_withdrawn_or_been_archived_are_not_reach(gap_world):
    ward = gap_world.wards["a1"]
    gone = KinMemberFactory(neighbourhood=ward, latitude=WEST_POINT[0], longitude=WEST_POINT[1])
    gone.erased_at = timezone.now()
    gone.save()
    archived = ContactFactory(neighbourhood=ward, latitude=WEST_POINT[0], longitude=WEST_POINT[1])
    archived.archived_at = timezone.now()
    archived.save()

    gap = ward_gap(ward)

    assert gap.reach == 0
    assert all(area.ratio is None and not area.under_reached for area in gap.areas)


def test_small_areas_are_named_by_the_streets_police_uk_names_in_them(gap_world):
    ward = gap_world.wards["a1"]
    month = timezone.localdate().replace(day=1)
    for n, street in enumerate(["Acre Lane", "Acre Lane", "Brixton Hill"]):
        Incident.objects.create(
            source_key=f"k{n}",
            month=month,
            category="burglary",
            latitude=EAST_POINT[0],
            longitude=EAST_POINT[1],
            location=f"On or near {street}",
            neighbourhood=ward,
        )

    by_code = {area.key: area for area in ward_gap(ward).areas}

    assert by_code[EAST].streets == ["Acre Lane", "Brixton Hill"]
    assert by_code[WEST].streets == []


def test_the_shipped_small_areas_give_real_wards_the_people_the_ward_page_gives_them():
    with gzip.open(DATA_DIR / "wards.geojson.gz", "rt") as handle:
        wards = {f["properties"]["code"]: f for f in json.load(handle)["features"]}
    with open(DATA_DIR / "ward_populations.csv") as handle:
        populations = {row["code"]: int(row["population"]) for row in csv.DictReader(handle)}
    # Peckham (Southwark) and Stratford Olympic Park (Newham), a ward of few people.
    for code in ("E05011110", "E05013925"):
        ward = wards[code]
        parts = ward_small_areas(
            json.dumps(ward["geometry"]), ward["properties"]["borough_code"], shipped_table()
        )
        total = sum(part.population for part in parts)
        assert total == pytest.approx(populations[code], rel=0.1), code
        assert all(part.code.startswith("E01") and set(part.ages) == set(AgeBand.values) for part in parts)
