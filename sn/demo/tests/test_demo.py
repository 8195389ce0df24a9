"""The demo force, built from the real boundaries and populations shipped in the repo."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sn.geography.locate import locate, locate_overlays
from sn.geography.models import Borough, Cluster, Neighbourhood
from sn.teams.models import Posting, Rank, Team
from sn.teams.selectors import staffing_summary, team_staffing


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("seed-demo", "--seed", "7", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        call_command("flush", interactive=False, verbosity=0)


pytestmark = pytest.mark.django_db


def test_the_demo_force_is_the_met_on_2022_wards(demo):
    assert Borough.objects.count() == 32
    assert not Borough.objects.filter(code="E09000001").exists()  # the City has its own police
    assert Neighbourhood.objects.filter(kind="ward").count() == 679
    assert Neighbourhood.objects.filter(kind="non_ward").count() == 4
    assert Team.objects.count() == Neighbourhood.objects.count()


def test_every_ward_has_a_population_a_cluster_and_neighbours(demo):
    wards = Neighbourhood.objects.filter(kind="ward")
    assert not wards.filter(population__isnull=True).exists()
    assert not wards.filter(cluster__isnull=True).exists()
    assert not wards.filter(neighbours__isnull=True).exists()
    assert 8_000_000 < sum(wards.values_list("population", flat=True)) < 10_000_000


def test_clusters_hold_four_to_eight_wards_of_one_borough(demo):
    for cluster in Cluster.objects.prefetch_related("neighbourhoods"):
        wards = [n for n in cluster.neighbourhoods.all() if n.kind == "ward"]
        assert 4 <= len(wards) <= 8, cluster
        assert {w.borough_id for w in wards} == {cluster.borough_id}


def test_teams_on_wards_of_14000_or_more_have_the_1_2_6_establishment(demo):
    staffing = team_staffing(Team.objects.select_related("neighbourhood"))
    teams = {t.id: t for t in Team.objects.select_related("neighbourhood")}
    for team_id, s in staffing.items():
        population = teams[team_id].neighbourhood.population
        expected = 6 if population >= 14000 else 3
        assert s.establishment[Rank.PCSO] == expected, teams[team_id]


def test_the_demo_is_staffed_realistically(demo):
    staffing = team_staffing(Team.objects.all())
    posts = sum(s.total_establishment for s in staffing.values())
    vacant = sum(s.total_vacancies for s in staffing.values())
    assert 0.01 < vacant / posts < 0.15
    shared = Posting.objects.filter(officer__rank=Rank.SERGEANT).values("officer").distinct().count()
    assert shared < Team.objects.count()  # some sergeants lead more than one team


def test_seeding_again_refuses_unless_asked_to_reset(demo):
    with pytest.raises(CommandError, match="--reset"):
        call_command("seed-demo")
    call_command("seed-demo", "--if-empty", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Neighbourhood.objects.count() == 683


def _fingerprint() -> list:
    return list(
        Posting.objects.order_by("officer__collar_number", "team__name").values_list(
            "officer__collar_number", "officer__last_name", "team__name", "start_date"
        )
    )


def test_the_same_seed_builds_the_same_force(demo):
    before = _fingerprint()
    call_command("seed-demo", "--seed", "7", "--reset", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _fingerprint() == before


# Non-ward areas are overlays and populations are Census 2021 (issue 8, items 5 and 6).
HAMMERSMITH_AND_FULHAM = "E09000013"
CAMDEN = "E09000007"


def test_a_boroughs_population_is_the_sum_of_its_wards_with_no_overlay_on_top(demo):
    wards = Neighbourhood.objects.filter(borough__code=HAMMERSMITH_AND_FULHAM, kind="ward")
    ward_total = sum(wards.values_list("population", flat=True))
    # Two town-centre overlays lie in Hammersmith and Fulham; their people live in its wards.
    assert Neighbourhood.objects.filter(borough__code=HAMMERSMITH_AND_FULHAM, kind="non_ward").count() == 2
    groups, total = staffing_summary(
        Team.objects.all(),
        group_by="neighbourhood__borough__code",
        label_field="neighbourhood__borough__name",
    )
    borough = next(g for g in groups if g.key == HAMMERSMITH_AND_FULHAM)
    assert borough.population == ward_total == 183_158  # Census 2021 usual residents
    assert total.population == sum(
        Neighbourhood.objects.filter(kind="ward").values_list("population", flat=True)
    )


def test_no_camden_team_has_the_enhanced_establishment_on_census_2021_populations(demo):
    staffing = team_staffing(Team.objects.filter(neighbourhood__borough__code=CAMDEN))
    assert len(staffing) == 20
    assert all(s.establishment[Rank.PCSO] == 3 for s in staffing.values())
    assert all("ONS Census 2021" in s.establishment_basis for s in staffing.values())


def test_every_non_ward_areas_residents_come_from_the_census_lsoas_beneath_it(demo):
    for area in Neighbourhood.objects.filter(kind="non_ward"):
        assert area.population_year == 2021
        assert "share of each 2021 LSOA beneath" in area.population_source
        # A few streets, not the thousands of a ward.
        assert 100 < area.population < 2_000, area.name
        assert area.area_hectares < 25, area.name


def test_a_point_on_shepherds_bush_green_is_in_its_ward_and_separately_in_the_town_centre(demo):
    lat, lng = 51.5046, -0.2215  # on the green
    assert Neighbourhood.objects.get(id=locate(lat, lng)).name == "Shepherd's Bush Green"
    assert [Neighbourhood.objects.get(id=i).code for i in locate_overlays(lat, lng)] == ["NW-SBG"]
