"""Staffing with a non-ward team (an overlay, docs/adr/0005-non-ward-areas-are-overlays.md), and the
population figure that decides each team's establishment (issue 8, items 5 and 6).

The overlay's residents live in ward a1 too, so borough and force populations count them once, in a1.
"""

import pytest
from shapely.geometry import box

from sn.geography.models import Neighbourhood
from sn.geography.tests.factories import ORIGIN_LAT, ORIGIN_LNG, SIZE, NeighbourhoodFactory
from sn.teams.models import Rank, Team
from sn.teams.selectors import staffing_summary, team_staffing
from sn.teams.tests.factories import TeamFactory

pytestmark = pytest.mark.django_db

OVERLAY_POPULATION = 800
WARDS_A = 15_000 + 3 * 9_000  # the world's borough A: a1 has 15,000 people, a2-a4 9,000 each


@pytest.fixture
def town_centre(world):
    """A town-centre team's area in the middle of ward a1."""
    area = NeighbourhoodFactory(
        kind=Neighbourhood.Kind.NON_WARD,
        borough=world.boroughs["a"],
        cluster=world.clusters["a"],
        code="NW-TEST",
        police_uk_id="nw-test",
        name="Test town centre",
        population=OVERLAY_POPULATION,
        population_year=2021,
        population_source="ONS Census 2021, usual residents: the share of each 2021 LSOA beneath, by area",
        area=box(
            ORIGIN_LNG + 0.4 * SIZE, ORIGIN_LAT + 0.4 * SIZE, ORIGIN_LNG + 0.6 * SIZE, ORIGIN_LAT + 0.6 * SIZE
        ),
    )
    return TeamFactory(neighbourhood=area, name="Test town centre SNT")


def test_a_boroughs_population_is_its_wards_not_its_wards_and_the_overlay_on_them(world, town_centre):
    groups, total = staffing_summary(
        Team.objects.all(),
        group_by="neighbourhood__borough__code",
        label_field="neighbourhood__borough__name",
    )
    borough_a = next(g for g in groups if g.key == world.boroughs["a"].code)
    assert borough_a.population == WARDS_A
    assert borough_a.teams == 5  # the overlay's team is a team like any other
    assert total.population == 2 * WARDS_A


def test_the_overlays_own_row_shows_its_residents(world, town_centre):
    groups, total = staffing_summary(
        Team.objects.filter(neighbourhood__borough=world.boroughs["a"]),
        group_by="neighbourhood__code",
        label_field="name",
    )
    rows = {g.key: g for g in groups}
    assert rows["NW-TEST"].population == OVERLAY_POPULATION
    assert rows["NW-TEST"].overlay
    assert total.population == WARDS_A


def test_a_teams_establishment_names_the_population_figure_that_decided_it(world):
    staffing = team_staffing(Team.objects.all())
    assert staffing[world.teams["a1"].id].establishment_basis == (
        "1-2-6 because population 15,000 ≥ 14,000 (test, 2020)"
    )
    assert staffing[world.teams["a2"].id].establishment_basis == (
        "1-2-3 because population 9,000 < 14,000 (test, 2020)"
    )


def test_an_overlays_establishment_is_decided_by_its_own_residents(world, town_centre):
    staffing = team_staffing(Team.objects.filter(id=town_centre.id))[town_centre.id]
    assert staffing.establishment[Rank.PCSO] == 3
    assert staffing.establishment_basis == (
        "1-2-3 because population 800 < 14,000 (ONS Census 2021, usual residents: the share of each "
        "2021 LSOA beneath, by area, 2021)"
    )


def test_without_a_population_the_standard_model_applies_and_says_why(world):
    ward = world.wards["a3"]
    ward.population = None
    ward.save()
    staffing = team_staffing(Team.objects.filter(id=world.teams["a3"].id))[world.teams["a3"].id]
    assert staffing.establishment_basis == "1-2-3 because the population is not known"


def test_the_ward_page_says_which_population_decided_the_establishment(client_for, world):
    body = client_for("sergeant").get(f"/wards/{world.wards['a1'].code}/").content.decode()
    assert "Establishment model 1-2-6 because population 15,000 ≥ 14,000 (test, 2020)" in body


def test_an_overlays_page_says_its_residents_count_in_the_wards_beneath(client_for, world, town_centre):
    body = client_for("central_unit").get("/wards/NW-TEST/").content.decode()
    assert "1-2-3 because population 800 &lt; 14,000" in body
    assert "counted in those wards too" in body
