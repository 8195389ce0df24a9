"""profiles_demo_load: the shipped tables for the wards the force has, and 5 to 15 plausible key
locations and recurring events inside every team's area, the same for the same seed and day."""

import datetime
from collections import Counter

import shapely

from sn.geography.geometry import from_geojson_text
from sn.geography.tests.factories import NeighbourhoodFactory, square
from sn.profiles.demo import profiles_demo_load
from sn.profiles.models import DemographicFigure, KeyLocation, RecurringEvent
from sn.teams.tests.factories import TeamFactory

TODAY = datetime.date(2026, 11, 30)


def _places() -> list[tuple]:
    locations = KeyLocation.objects.order_by("neighbourhood__code", "id")
    events = RecurringEvent.objects.order_by("neighbourhood__code", "id")
    return [
        (p.neighbourhood.code, p.kind, p.name, p.address, round(p.latitude, 9), round(p.longitude, 9))
        for p in locations
    ] + [
        (e.neighbourhood.code, e.kind, e.name, e.schedule, e.next_date, round(e.latitude, 9)) for e in events
    ]


def test_every_team_gets_five_to_fifteen_places_inside_its_area(world):
    profiles_demo_load(today=TODAY, progress=lambda line: None)
    per_area = Counter(KeyLocation.objects.values_list("neighbourhood_id", flat=True))
    per_area.update(RecurringEvent.objects.values_list("neighbourhood_id", flat=True))
    assert set(per_area) == {ward.pk for ward in world.wards.values()}
    assert all(5 <= n <= 15 for n in per_area.values())
    for record in [
        *KeyLocation.objects.select_related("neighbourhood"),
        *RecurringEvent.objects.select_related("neighbourhood"),
    ]:
        boundary = from_geojson_text(record.neighbourhood.boundary)
        assert shapely.contains_xy(boundary, record.longitude, record.latitude), record.name
    assert RecurringEvent.objects.exclude(schedule="").count() == RecurringEvent.objects.count()
    assert all(loc.name and loc.description for loc in KeyLocation.objects.all())


def test_the_same_seed_and_day_give_the_same_places_and_a_second_run_adds_nothing(world):
    profiles_demo_load(today=TODAY, progress=lambda line: None)
    first = _places()
    profiles_demo_load(today=TODAY, progress=lambda line: None)
    assert _places() == first
    KeyLocation.objects.all().delete()
    RecurringEvent.objects.all().delete()
    profiles_demo_load(today=TODAY, progress=lambda line: None)
    assert _places() == first
    KeyLocation.objects.all().delete()
    RecurringEvent.objects.all().delete()
    profiles_demo_load(seed=7, today=TODAY, progress=lambda line: None)
    assert _places() != first


def test_next_dates_are_to_come_but_for_a_few_the_team_has_not_moved_on(world):
    # More areas than the world's eight, so that the few passed dates show up.
    for col in range(30):
        TeamFactory(neighbourhood=NeighbourhoodFactory(area=square(col, 60)))
    profiles_demo_load(today=TODAY, progress=lambda line: None)
    dates = list(RecurringEvent.objects.values_list("next_date", flat=True))
    passed = [d for d in dates if d < TODAY]
    assert 0 < len(passed) < len(dates) / 4
    assert all(d <= TODAY + datetime.timedelta(days=400) for d in dates)


def test_the_shipped_tables_are_loaded_for_the_wards_the_force_has(world):
    # A ward with a real code (Southwark's Borough & Bankside, say) gets the shipped figures; the world's
    # made-up wards are left out of the files and so get none.
    real = NeighbourhoodFactory(code="E05011095", area=square(5, 60))
    summary = profiles_demo_load(today=TODAY, progress=lambda line: None)
    figures = DemographicFigure.objects.filter(neighbourhood=real)
    assert figures.filter(measure="age").count() == 6
    assert figures.filter(measure="imd-decile").count() == 10
    assert figures.filter(measure="imd-average-rank").count() == 8
    assert DemographicFigure.objects.exclude(neighbourhood=real).count() == 0
    assert summary.startswith("Ward profiles: 24 demographic figures;")
