"""The public map's reads of the published layer (what the police.uk API serves too)."""

from datetime import date

import pytest
from shapely.geometry import box

from sn.crime import published_layer
from sn.crime.public_map import (
    CategoryCount,
    counts_total,
    nearest_snap_point,
    published_crimes_at_point,
    published_crimes_in_polygon,
    published_crimes_in_radius,
    published_months,
    suppressed_counts,
    withheld_crimes,
)
from sn.incidents.categories import Category
from sn.incidents.disclosure import published_crimes_rebuild
from sn.incidents.models import PublishedCrime, SnapPoint
from sn.incidents.tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

JANUARY, FEBRUARY = date(2024, 1, 1), date(2024, 2, 1)
# The world's wards are squares of 0.01 degrees from (51.50N, 0.20W): a1 spans -0.20..-0.19.
HOME = (51.505, -0.195)  # the middle of a1
# 0.013 degrees of latitude is 0.90 miles; 0.016 is 1.10 miles.
INSIDE_A_MILE, OUTSIDE_A_MILE = 0.013, 0.016


@pytest.fixture(autouse=True)
def fresh_layer():
    """No month held in memory from another test's database."""
    published_layer.forget()
    yield
    published_layer.forget()


@pytest.fixture(autouse=True)
def rules(settings):
    settings.SN_DISCLOSURE_MIN_COUNT = 3
    settings.SN_DISCLOSURE_NO_POINT_CATEGORIES = [Category.VIOLENT_CRIME.value]


def crimes(ward, lat, lng, n, *, category=Category.BURGLARY, month=JANUARY, street="High Street"):
    return [
        IncidentFactory(
            neighbourhood=ward,
            latitude=lat,
            longitude=lng,
            location=f"On or near {street}",
            category=category,
            month=month,
        )
        for _ in range(n)
    ]


@pytest.fixture
def published(world):
    """January: in a1, 3 burglaries at its middle, 3 ASB 110 m north and 4 violent crimes; 2 drugs
    offences in a2 (too few to publish at a point); 3 robberies in b1, 0.04 degrees (1.7 miles) east of
    a1's middle. February: 3 burglaries in a1."""
    a1, a2, b1 = world.wards["a1"], world.wards["a2"], world.wards["b1"]
    made = {
        "burglary": crimes(a1, *HOME, 3, street="High Street"),
        "asb": crimes(
            a1, HOME[0] + 0.001, HOME[1], 3, category=Category.ANTI_SOCIAL_BEHAVIOUR, street="Low Road"
        ),
        "violent": crimes(a1, *HOME, 4, category=Category.VIOLENT_CRIME),
        "drugs": crimes(a2, 51.505, -0.185, 2, category=Category.DRUGS),
        "robbery": crimes(b1, 51.505, -0.155, 3, category=Category.ROBBERY),
        "february": crimes(a1, *HOME, 3, month=FEBRUARY),
    }
    published_crimes_rebuild()
    return made


def ids(rows):
    return {row.id for row in rows}


def test_the_months_published_come_newest_first(published):
    assert published_months() == [FEBRUARY, JANUARY]


def test_no_months_before_anything_is_published(db):
    assert published_months() == []


def test_a_radius_finds_the_points_within_a_mile_for_the_month(published):
    found = published_crimes_in_radius(lat=HOME[0], lng=HOME[1], month=JANUARY)

    assert ids(found) == ids(published["burglary"] + published["asb"])  # not the robberies 1.7 miles east
    crime = next(c for c in found if c.id == published["burglary"][0].id)
    assert (crime.latitude, crime.longitude, crime.street_name) == (*HOME, "On or near High Street")
    assert crime.persistent_id == published["burglary"][0].crime_id
    assert crime.month == JANUARY and crime.snap_point_id is not None


def test_a_radius_stops_at_its_edge(published):
    lat, lng = HOME
    assert published_crimes_in_radius(lat=lat + INSIDE_A_MILE, lng=lng, month=JANUARY)
    assert not published_crimes_in_radius(lat=lat + OUTSIDE_A_MILE + 0.001, lng=lng, month=JANUARY)
    # 1.6 miles west of the robberies (and 3.4 east of a1's middle).
    assert len(published_crimes_in_radius(lat=lat, lng=-0.155 + 0.038, month=JANUARY, miles=1.8)) == 3


def test_a_category_narrows_and_all_crime_does_not(published):
    lat, lng = HOME
    burglaries = published_crimes_in_radius(lat=lat, lng=lng, month=JANUARY, category="burglary")
    every = published_crimes_in_radius(lat=lat, lng=lng, month=JANUARY, category="all-crime")

    assert ids(burglaries) == ids(published["burglary"])
    assert len(every) == 6
    assert published_crimes_in_radius(lat=lat, lng=lng, month=JANUARY, category="no-such-thing") == []


def test_no_crime_without_a_point_is_ever_found_by_place(published):
    found = published_crimes_in_radius(lat=HOME[0], lng=HOME[1], month=JANUARY, miles=10)
    assert not ids(found) & ids(published["violent"] + published["drugs"])


def test_a_polygon_finds_the_points_inside_it(published):
    around_a1 = box(-0.20, 51.50, -0.19, 51.51)
    found = published_crimes_in_polygon(polygon=around_a1, month=JANUARY)
    robberies = published_crimes_in_polygon(polygon=box(-0.16, 51.50, -0.15, 51.51), month=JANUARY)

    assert ids(found) == ids(published["burglary"] + published["asb"])
    assert ids(robberies) == ids(published["robbery"])
    assert published_crimes_in_polygon(polygon=around_a1, month=FEBRUARY, category="robbery") == []


def test_crimes_at_a_point_are_that_points_for_the_month(published):
    point = SnapPoint.objects.get(latitude=HOME[0], longitude=HOME[1])

    assert ids(published_crimes_at_point(snap_point_id=point.id, month=JANUARY)) == ids(published["burglary"])
    assert ids(published_crimes_at_point(snap_point_id=point.id, month=FEBRUARY)) == ids(
        published["february"]
    )
    assert published_crimes_at_point(snap_point_id=point.id, month=JANUARY, category="robbery") == []


def test_the_nearest_snap_point_is_found_near_and_far(published):
    near = nearest_snap_point(lat=HOME[0] + 0.0001, lng=HOME[1])
    far = nearest_snap_point(lat=51.9, lng=-0.10)  # about 44 km north of the robberies

    assert (near.latitude, near.longitude) == HOME
    assert (far.latitude, far.longitude) == (51.505, -0.155)
    assert nearest_snap_point(lat=10.0, lng=10.0) is None


def test_withheld_crimes_are_the_no_point_categories_and_the_wards_too_small(published):
    withheld = withheld_crimes(month=JANUARY)

    assert ids(withheld) == ids(published["violent"] + published["drugs"])
    assert all(c.latitude is None and c.street_name == "" for c in withheld)
    assert ids(withheld_crimes(month=JANUARY, category="drugs")) == ids(published["drugs"])
    assert withheld_crimes(month=FEBRUARY) == []


def by_category(rows):
    return {row.category: row for row in rows}


def test_a_wards_counts_suppress_what_is_under_the_threshold(published, world):
    rows = by_category(suppressed_counts(neighbourhood=world.wards["a1"], month=JANUARY))
    drugs = by_category(suppressed_counts(neighbourhood=world.wards["a2"], month=JANUARY))["drugs"]

    assert len(rows) == len(Category.values)
    assert rows["burglary"] == CategoryCount("burglary", 3, 3, 3)
    assert rows["violent-crime"].count == 4  # counted, though never at a point
    assert rows["robbery"] == CategoryCount("robbery", 0, 0, 0)
    assert drugs == CategoryCount("drugs", None, 1, 2) and drugs.suppressed
    assert drugs.label == "Drugs"


def test_an_areas_figure_that_holds_a_suppressed_ward_figure_is_a_range(published, world):
    wards = [world.wards["a1"], world.wards["a2"]]
    crimes(world.wards["a1"], *HOME, 5, category=Category.DRUGS)
    published_crimes_rebuild()

    rows = by_category(suppressed_counts(neighbourhoods=wards, month=JANUARY))

    # 5 in a1 and 2 (suppressed) in a2: showing 7 would give a2's 2 away, as 7 minus a1's 5.
    assert rows["drugs"] == CategoryCount("drugs", None, 6, 7)
    assert rows["burglary"] == CategoryCount("burglary", 3, 3, 3)


def test_a_total_is_exact_only_when_nothing_is_suppressed(published, world):
    a1 = suppressed_counts(neighbourhood=world.wards["a1"], month=JANUARY)
    a2 = suppressed_counts(neighbourhood=world.wards["a2"], month=JANUARY)

    assert counts_total(a1) == (10, 10, 10)
    assert counts_total(a2) == (None, 1, 2)
    assert counts_total(a1, categories=["burglary", "violent-crime"]).count == 7


def test_counts_for_a_polygon_are_of_the_points_inside_it(published):
    rows = by_category(suppressed_counts(polygon=box(-0.20, 51.50, -0.19, 51.51), month=JANUARY))

    assert rows["burglary"].count == 3 and rows["anti-social-behaviour"].count == 3
    assert rows["violent-crime"].count == 0  # no points: a drawn area cannot hold them


def test_counts_need_an_area(published):
    with pytest.raises(ValueError):
        suppressed_counts(month=JANUARY)


def test_every_published_crime_is_in_the_layer_once(published):
    assert PublishedCrime.objects.count() == sum(len(v) for v in published.values())


def test_a_rebuild_is_seen_at_once_by_the_months_held_in_memory(published, world):
    before = published_crimes_in_radius(lat=HOME[0], lng=HOME[1], month=JANUARY)
    more = crimes(world.wards["a1"], *HOME, 3, category=Category.SHOPLIFTING)
    crimes(world.wards["a1"], *HOME, 3, month=date(2024, 3, 1))
    published_crimes_rebuild()

    after = published_crimes_in_radius(lat=HOME[0], lng=HOME[1], month=JANUARY)

    assert ids(after) == ids(before) | ids(more)
    assert published_months()[0] == date(2024, 3, 1)


def test_a_cleared_cache_never_brings_back_a_month_held_from_before(published, world):
    from django.core.cache import cache

    published_crimes_in_radius(lat=HOME[0], lng=HOME[1], month=JANUARY)
    PublishedCrime.objects.filter(month=JANUARY).delete()
    cache.clear()

    assert published_crimes_in_radius(lat=HOME[0], lng=HOME[1], month=JANUARY) == []
