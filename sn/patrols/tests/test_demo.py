"""The demo loader on the test world: a town centre where the shop theft is, plans for past and next
weeks, delivery from duties and logged patrols, the same for the same seed."""

from datetime import date, timedelta

import pytest

from sn.accounts.tests.factories import UserFactory
from sn.core.roles import Role
from sn.incidents.models import Incident
from sn.patrols.demo import patrols_demo_load
from sn.patrols.models import PatrolArea, PatrolPlan, PatrolRecord, PatrolSlot
from sn.patrols.permissions import areas_for_user
from sn.patrols.tests.factories import ward_centre
from sn.teams.models import Rank
from sn.teams.tests.factories import PostingFactory
from sn.testing.world import POSTED_SINCE, add_officer

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


def test_the_demo_users_ward_gets_a_hotspot_with_plans_even_when_other_wards_are_busier(world):
    """The demo users (pc, pcso, sergeant) open the patrols page on their own ward, whatever the
    borough's busiest wards are: a1 and a2 are borough A's town centres, a3 (five ASB reports) its
    hotspot, and the pc serves on a4 (two)."""
    _incidents(world)
    rows = []
    for key, n in (("a3", 5), ("a4", 2)):
        lat, lng = ward_centre(world.wards[key])
        rows += [
            Incident(
                source_key=f"{key}-asb-{i}",
                month=date(2023, 10, 1),
                category="anti-social-behaviour",
                longitude=lng + 0.0001 * i,
                latitude=lat,
                neighbourhood=world.wards[key],
            )
            for i in range(n)
        ]
    Incident.objects.bulk_create(rows)
    officer = add_officer(Rank.PC, 990)
    PostingFactory(officer=officer, team=world.teams["a4"], start_date=POSTED_SINCE)
    pc = UserFactory(username="pc", role=Role.TEAM_OFFICER, officer=officer)
    patrols_demo_load(seed=3, today=TODAY, progress=lambda _: None)
    assert PatrolArea.objects.filter(neighbourhood=world.wards["a3"], kind=PatrolArea.Kind.HOTSPOT).exists()
    hotspot = PatrolArea.objects.get(neighbourhood=world.wards["a4"])
    assert hotspot.kind == PatrolArea.Kind.HOTSPOT
    assert list(areas_for_user(pc)) == [hotspot]
    plans = hotspot.plans.order_by("week_start")
    assert plans.count() == 10
    assert all(plan.slots.exists() for plan in plans)
    before = _snapshot()
    PatrolRecord.objects.all().delete()
    PatrolArea.objects.all().delete()
    patrols_demo_load(seed=3, today=TODAY, progress=lambda _: None)
    assert _snapshot() == before
