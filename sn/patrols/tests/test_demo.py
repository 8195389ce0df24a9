"""The demo loader on the test world: a town centre where the shop theft is, plans for past and next
weeks, delivery from duties and logged patrols, the same for the same seed."""

from datetime import date, timedelta

import pytest

from sn.incidents.models import Incident
from sn.patrols.demo import patrols_demo_load
from sn.patrols.models import PatrolArea, PatrolPlan, PatrolRecord, PatrolSlot
from sn.patrols.tests.factories import ward_centre

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 18)


def _incidents(world):
    rows = []
    for key in ("a1", "a2", "b1"):
        lat, lng = ward_centre(world.wards[key])
        for i in range(8 if key != "a2" else 3):
            for category in ("shoplifting", "anti-social-behaviour"):
                rows.append(
                    Incident(
                        source_key=f"{key}-{category}-{i}",
                        month=date(2023, 10, 1),
                        category=category,
                        longitude=lng + 0.0001 * i,
                        latitude=lat,
                        neighbourhood=world.wards[key],
                    )
                )
    Incident.objects.bulk_create(rows)


def _snapshot():
    return (
        sorted(PatrolArea.objects.values_list("name", "kind", "centre_lat", "centre_lng")),
        sorted(PatrolSlot.objects.values_list("plan__area__name", "starts_at")),
        sorted(PatrolRecord.objects.values_list("area__name", "started_at", "source")),
    )


def test_the_demo_places_areas_and_plans_and_is_deterministic(world):
    _incidents(world)
    summary = patrols_demo_load(seed=3, today=TODAY, progress=lambda _: None)
    assert "town centres" in summary
    town = PatrolArea.objects.filter(kind=PatrolArea.Kind.TOWN_CENTRE)
    assert {a.neighbourhood.borough_id for a in town} == {world.boroughs["a"].pk, world.boroughs["b"].pk}
    assert town.filter(neighbourhood=world.wards["a1"]).exists()
    first = PatrolArea.objects.get(neighbourhood=world.wards["a1"], kind=PatrolArea.Kind.TOWN_CENTRE)
    weeks = sorted(first.plans.values_list("week_start", "status"))
    assert len(weeks) == 10
    assert weeks[-1] == (
        TODAY - timedelta(days=TODAY.weekday()) + timedelta(days=7),
        PatrolPlan.Status.PROPOSED,
    )
    before = _snapshot()
    assert patrols_demo_load(seed=3, today=TODAY, progress=lambda _: None) == "patrol areas already loaded"
    PatrolRecord.objects.all().delete()
    PatrolArea.objects.all().delete()
    patrols_demo_load(seed=3, today=TODAY, progress=lambda _: None)
    assert _snapshot() == before
