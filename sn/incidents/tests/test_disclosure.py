"""The published crime layer: disclosure control's rules, each a test (docs/how-to/crime-map-disclosure.md
quotes these as its evidence)."""

import hashlib
from collections import Counter
from datetime import date

import pytest
import shapely
from django.core.management import call_command
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from sn.geography.geometry import from_geojson_text
from sn.incidents.categories import Category
from sn.incidents.disclosure import published_crimes_rebuild
from sn.incidents.models import Incident, PublishedCrime, SnapPoint
from sn.incidents.tests.factories import IncidentFactory, sha256_of

pytestmark = pytest.mark.django_db

MONTH = date(2024, 1, 1)
K = 3


@pytest.fixture(autouse=True)
def rules(settings):
    settings.SN_DISCLOSURE_MIN_COUNT = K
    settings.SN_DISCLOSURE_NO_POINT_CATEGORIES = [Category.VIOLENT_CRIME.value]
    settings.SN_DISCLOSURE_SNAP_METRES = 250.0
    settings.SN_DISCLOSURE_GRID_METRES = 250.0


def recorded(ward, lat, lng, n=1, *, category=Category.BURGLARY, month=MONTH, street="High Street"):
    """`n` crimes police.uk published at (lat, lng) in `ward`."""
    return [
        IncidentFactory(
            neighbourhood=ward,
            latitude=lat,
            longitude=lng,
            location=f"On or near {street}",
            category=category,
            month=month,
            crime_id="" if category == Category.ANTI_SOCIAL_BEHAVIOUR else sha256_of(10_000 + i),
            last_outcome_category="",
            last_outcome_month=None,
        )
        for i in range(n)
    ]


def placed(ward, lat, lng, n=1, *, category=Category.SHOPLIFTING, month=MONTH):
    """`n` demo points placed at (lat, lng) from a count: not a recorded location."""
    return [
        IncidentFactory(
            neighbourhood=ward,
            latitude=lat,
            longitude=lng,
            category=category,
            month=month,
            crime_id="",
            placed=True,
            location="",
        )
        for _ in range(n)
    ]


def corner(ward, east=0.2, north=0.2):
    """A point a fraction of the way across the ward's square from its south-west corner."""
    west, south, east_edge, north_edge = from_geojson_text(ward.boundary).bounds
    return south + (north_edge - south) * north, west + (east_edge - west) * east


def cells():
    return Counter(
        PublishedCrime.objects.filter(snap_point__isnull=False).values_list("month", "snap_point_id")
    )


def assert_disclosure_rules_hold(k: int = K) -> None:
    """The rules every published layer must keep, whatever the incidents."""
    incidents = dict(Incident.objects.values_list("id", "category"))
    published = list(
        PublishedCrime.objects.values_list(
            "id", "category", "neighbourhood_id", "snap_point_id", "latitude", "longitude", "street_name"
        )
    )
    # Every incident is published once, at a snap point or withheld: nothing lost, nothing duplicated.
    assert sorted(p[0] for p in published) == sorted(incidents)
    points = {p.id: p for p in SnapPoint.objects.all()}
    wards = dict(Incident.objects.values_list("id", "neighbourhood_id"))
    for pk, category, ward, snap_id, lat, lng, street in published:
        assert category == incidents[pk]
        assert ward == wards[pk]
        if snap_id is None:
            assert (lat, lng, street) == (None, None, "")
            continue
        # Every published point is a snap point of the crime's own ward, shown where the point is.
        point = points[snap_id]
        assert (lat, lng, street) == (point.latitude, point.longitude, point.name)
        assert point.neighbourhood_id == ward
        # No point for a category that has none.
        assert category != Category.VIOLENT_CRIME
    # No published cell holds fewer than the threshold.
    assert all(n >= k for n in cells().values())


def test_a_recorded_location_with_enough_crimes_stays_where_police_uk_put_it(world):
    ward = world.wards["a1"]
    lat, lng = corner(ward)
    crimes = recorded(ward, lat, lng, 3, street="Marquis Street")

    published_crimes_rebuild()

    point = SnapPoint.objects.get()
    assert (point.latitude, point.longitude, point.source) == (lat, lng, SnapPoint.Source.POLICE_UK)
    assert point.name == "On or near Marquis Street"
    for crime in crimes:
        shown = PublishedCrime.objects.get(pk=crime.pk)
        assert (shown.snap_point_id, shown.latitude, shown.longitude) == (point.pk, lat, lng)
        assert shown.persistent_id == crime.crime_id and len(shown.persistent_id) == 64
    assert_disclosure_rules_hold()


def test_a_small_cell_is_merged_into_the_nearest_larger_one_of_its_ward(world):
    ward = world.wards["a1"]
    big = corner(ward, 0.2, 0.2)
    near = corner(ward, 0.3, 0.2)
    far = corner(ward, 0.9, 0.9)
    recorded(ward, *big, 4, street="Big Street")
    lonely = recorded(ward, *near, 1, street="Lonely Lane")
    recorded(ward, *far, 3, street="Far Road")

    summary = published_crimes_rebuild()

    shown = PublishedCrime.objects.get(pk=lonely[0].pk)
    assert (shown.latitude, shown.longitude, shown.street_name) == (*big, "On or near Big Street")
    assert (summary.merged, summary.at_own_point, summary.withheld) == (1, 7, 0)
    assert sorted(cells().values()) == [3, 5]
    assert_disclosure_rules_hold()


def test_small_cells_together_reach_the_threshold_at_the_largest_of_them(world):
    ward = world.wards["a2"]
    recorded(ward, *corner(ward, 0.1, 0.1), 2, street="Two Street")
    recorded(ward, *corner(ward, 0.15, 0.1), 1, street="One Street")

    published_crimes_rebuild()

    assert set(PublishedCrime.objects.values_list("street_name", flat=True)) == {"On or near Two Street"}
    assert_disclosure_rules_hold()


def test_a_wards_month_under_the_threshold_has_every_location_withheld(world):
    quiet, busy = world.wards["a3"], world.wards["a4"]
    few = recorded(quiet, *corner(quiet), 2)
    recorded(busy, *corner(busy), 3)
    recorded(quiet, *corner(quiet), 5, month=date(2024, 2, 1))  # another month is its own

    summary = published_crimes_rebuild()

    assert summary.withheld_small == 2
    for crime in few:
        shown = PublishedCrime.objects.get(pk=crime.pk)
        assert (shown.snap_point_id, shown.latitude, shown.street_name) == (None, None, "")
        assert shown.neighbourhood_id == quiet.id  # still counted in its ward
    assert_disclosure_rules_hold()


def test_cells_never_merge_across_wards(world):
    left, right = world.wards["a1"], world.wards["a2"]
    # Two crimes each side of the boundary between a1 and a2, a few metres apart: neither ward reaches 3.
    recorded(left, *corner(left, 0.99, 0.5), 2)
    recorded(right, *corner(right, 0.01, 0.5), 2)

    published_crimes_rebuild()

    assert not PublishedCrime.objects.filter(snap_point__isnull=False).exists()
    assert_disclosure_rules_hold()


def test_violence_and_sexual_offences_have_no_points_however_many(world):
    ward = world.wards["a1"]
    violent = recorded(ward, *corner(ward), 10, category=Category.VIOLENT_CRIME)
    recorded(ward, *corner(ward), 3, category=Category.ANTI_SOCIAL_BEHAVIOUR)

    summary = published_crimes_rebuild()

    assert summary.withheld_category == 10
    assert not PublishedCrime.objects.filter(
        pk__in=[c.pk for c in violent], snap_point__isnull=False
    ).exists()
    # The ASB at the same place is published there: 3 on its own, the violence not counted towards it.
    assert PublishedCrime.objects.filter(snap_point__isnull=False).count() == 3
    assert set(
        PublishedCrime.objects.filter(category="anti-social-behaviour").values_list(
            "persistent_id", flat=True
        )
    ) == {""}
    assert_disclosure_rules_hold()


def test_a_placed_point_goes_to_the_nearest_police_uk_location_of_its_ward(world):
    ward = world.wards["b1"]
    street = corner(ward, 0.5, 0.5)
    recorded(ward, *street, 1, street="Station Road")
    # About 35 m away (0.0005 degrees of longitude at 51.5N).
    dots = placed(ward, street[0], street[1] + 0.0005, 3)

    published_crimes_rebuild()

    for dot in dots:
        assert PublishedCrime.objects.get(pk=dot.pk).street_name == "On or near Station Road"
    assert SnapPoint.objects.filter(source=SnapPoint.Source.GRID).count() == 0
    assert_disclosure_rules_hold()


def test_a_placed_point_far_from_any_police_uk_location_goes_to_a_grid_point_inside_its_ward(world):
    ward = world.wards["b2"]
    recorded(ward, *corner(ward, 0.05, 0.05), 3, street="Corner Close")
    far = corner(ward, 0.9, 0.9)  # several hundred metres away
    dots = placed(ward, *far, 3)

    published_crimes_rebuild()

    grid = SnapPoint.objects.get(source=SnapPoint.Source.GRID)
    assert grid.neighbourhood_id == ward.id
    assert shapely.contains_xy(from_geojson_text(ward.boundary), grid.longitude, grid.latitude)
    assert grid.name == "On or near Corner Close"  # named as police.uk names a point: its nearest street
    for dot in dots:
        assert PublishedCrime.objects.get(pk=dot.pk).snap_point_id == grid.pk
    assert (grid.latitude, grid.longitude) != far  # a cell's point, not the placed one
    assert_disclosure_rules_hold()


def test_a_rebuild_gives_the_same_layer_and_keeps_snap_point_ids(world):
    ward = world.wards["a1"]
    recorded(ward, *corner(ward), 3)
    placed(ward, *corner(ward, 0.9, 0.9), 4)
    recorded(ward, *corner(ward, 0.5, 0.5), 1)

    published_crimes_rebuild()
    first = sorted(PublishedCrime.objects.values_list())
    points = sorted(SnapPoint.objects.values_list())
    published_crimes_rebuild()
    published_crimes_rebuild(months=[MONTH])

    assert sorted(PublishedCrime.objects.values_list()) == first
    assert sorted(SnapPoint.objects.values_list()) == points


def test_rebuilding_one_month_leaves_the_others_and_a_month_emptied_is_unpublished(world):
    ward = world.wards["a1"]
    january = recorded(ward, *corner(ward), 3)
    february = recorded(ward, *corner(ward), 3, month=date(2024, 2, 1))
    published_crimes_rebuild()

    Incident.objects.filter(pk__in=[c.pk for c in january]).delete()
    published_crimes_rebuild(months=["2024-01"])

    assert set(PublishedCrime.objects.values_list("id", flat=True)) == {c.pk for c in february}


def test_a_crime_without_a_location_is_published_without_one(world):
    ward = world.wards["a1"]
    recorded(ward, *corner(ward), 3)
    lost = IncidentFactory(neighbourhood=ward, month=MONTH, latitude=None, longitude=None, location="")

    summary = published_crimes_rebuild()

    assert summary.no_location == 1
    assert PublishedCrime.objects.get(pk=lost.pk).snap_point_id is None
    assert_disclosure_rules_hold()


def test_the_command_rebuilds_the_months_asked_and_says_what_it_did(world, capsys):
    ward = world.wards["a1"]
    recorded(ward, *corner(ward), 3)
    recorded(ward, *corner(ward), 3, month=date(2024, 2, 1))

    call_command("publish-crimes", "--month", "2024-02")

    out = capsys.readouterr().out
    assert "2024-02: 3 crimes published, 3 at map points" in out
    assert "Published 3 crimes and ASB incidents for 1 month(s)" in out
    assert set(PublishedCrime.objects.values_list("month", flat=True)) == {date(2024, 2, 1)}


def test_the_command_refuses_a_month_that_is_not_yyyy_mm(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--month"):
        call_command("publish-crimes", "--month", "January")


# Points anywhere in ward a1 or a2 (fractions of the square), placed or recorded, of any category.
crime_strategy = st.tuples(
    st.sampled_from(["a1", "a2"]),
    st.integers(0, 7),  # one of 8 x 8 spots per ward, so that recorded locations repeat
    st.integers(0, 7),
    st.booleans(),
    st.sampled_from(
        [Category.BURGLARY, Category.ANTI_SOCIAL_BEHAVIOUR, Category.VIOLENT_CRIME, Category.DRUGS]
    ),
    st.sampled_from([date(2024, 1, 1), date(2024, 2, 1)]),
)


@hypothesis_settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(crimes=st.lists(crime_strategy, max_size=40), threshold=st.integers(1, 6))
def test_the_rules_hold_for_any_incidents_and_threshold(world, settings, crimes, threshold):
    Incident.objects.all().delete()
    settings.SN_DISCLOSURE_MIN_COUNT = threshold
    for ward_name, i, j, is_placed, category, month in crimes:
        ward = world.wards[ward_name]
        lat, lng = corner(ward, (i + 0.5) / 8, (j + 0.5) / 8)
        make = placed if is_placed else recorded
        make(ward, lat, lng, 1, category=category, month=month)
    published_crimes_rebuild()
    assert_disclosure_rules_hold(threshold)
    # Recorded locations whose own cell reaches the threshold are never moved.
    own = Counter(
        Incident.objects.filter(placed=False, latitude__isnull=False)
        .exclude(category=Category.VIOLENT_CRIME)
        .values_list("month", "neighbourhood_id", "latitude", "longitude")
    )
    for (month, ward, lat, lng), n in own.items():
        if n >= threshold:
            kept = PublishedCrime.objects.filter(
                month=month, neighbourhood_id=ward, latitude=lat, longitude=lng
            ).count()
            assert kept >= n


def test_an_import_publishes_its_months_and_an_outcomes_file_updates_their_outcomes(world, lsoa_ids):
    from sn.incidents.kinds import OUTCOMES
    from sn.incidents.tests.helpers import FIXTURES, import_path

    import_path(FIXTURES / "street.csv", lsoa_ids=lsoa_ids)

    assert set(PublishedCrime.objects.values_list("id", flat=True)) == set(
        Incident.objects.values_list("id", flat=True)
    )
    assert_disclosure_rules_hold()

    import_path(FIXTURES / "outcomes.csv", kind=OUTCOMES, lsoa_ids=lsoa_ids)

    assert Incident.objects.exclude(last_outcome_month=None).exists()
    for crime in Incident.objects.exclude(last_outcome_month=None):
        shown = PublishedCrime.objects.get(pk=crime.pk)
        assert (shown.outcome_category, shown.outcome_month) == (
            crime.last_outcome_category,
            crime.last_outcome_month,
        )


def test_a_month_of_only_withheld_crimes_is_published_withheld(world):
    ward = world.wards["a1"]
    recorded(ward, *corner(ward), 1, category=Category.VIOLENT_CRIME)

    summary = published_crimes_rebuild()

    assert (summary.crimes, summary.withheld_category, summary.cells) == (1, 1, 0)
    assert_disclosure_rules_hold()


def test_a_crime_without_a_police_uk_crime_id_gets_a_persistent_id_and_asb_none(world):
    """police.uk gives every crime a 64-hexadecimal persistent id and ASB none, and clients rely on it
    (outcomes-for-crime). Demo points placed from counts have no Crime ID: theirs is the SHA-256 of the
    incident's source key, stable across rebuilds."""
    ward = world.wards["a1"]
    lat, lng = corner(ward)
    crimes = placed(ward, lat, lng, 3)
    asb = placed(ward, lat, lng, 3, category=Category.ANTI_SOCIAL_BEHAVIOUR)
    published_crimes_rebuild()
    for incident in crimes:
        published = PublishedCrime.objects.get(id=incident.id)
        assert published.persistent_id == hashlib.sha256(incident.source_key.encode()).hexdigest()
    assert {PublishedCrime.objects.get(id=i.id).persistent_id for i in asb} == {""}
    published_crimes_rebuild()
    assert PublishedCrime.objects.get(id=crimes[0].id).persistent_id == hashlib.sha256(
        crimes[0].source_key.encode()
    ).hexdigest()
