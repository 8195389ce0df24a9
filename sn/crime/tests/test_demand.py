from datetime import date

import pytest
from django.test.utils import override_settings

from sn.core.months import add_months
from sn.crime.demand import DemandWeights, competition_ranks, demand_weights, force_demand, quintile
from sn.crime.tests.helpers import ASB, END, add_monthly
from sn.incidents.categories import Category

BURGLARY, VIOLENCE = Category.BURGLARY, Category.VIOLENT_CRIME


def by_code(ranking):
    return {a.code: a for a in ranking.areas}


def test_demand_adds_crime_and_half_the_asb_by_default(world):
    a1 = world.wards["a1"]
    add_monthly((a1, END, BURGLARY, 60), (a1, END, VIOLENCE, 40), (a1, END, ASB, 40))
    area = by_code(force_demand(end_month=END))[a1.code]
    assert (area.crime, area.asb, area.demand) == (100, 40, 120.0)


@override_settings(SN_DEMAND_WEIGHTS={"crime": 2, "asb": 1})
def test_the_weights_come_from_the_setting(world):
    a1 = world.wards["a1"]
    add_monthly((a1, END, BURGLARY, 10), (a1, END, ASB, 5))
    assert demand_weights() == DemandWeights(crime=2.0, asb=1.0)
    assert by_code(force_demand(end_month=END))[a1.code].demand == 25.0


def test_explicit_weights_override_the_setting(world):
    a1 = world.wards["a1"]
    add_monthly((a1, END, BURGLARY, 10), (a1, END, ASB, 5))
    ranking = force_demand(end_month=END, weights=DemandWeights(crime=1, asb=0))
    assert by_code(ranking)[a1.code].demand == 10.0


def test_only_the_twelve_months_ending_with_the_end_month_count(world):
    a1 = world.wards["a1"]
    add_monthly(
        (a1, END, BURGLARY, 1),
        (a1, add_months(END, -11), BURGLARY, 10),
        (a1, add_months(END, -12), BURGLARY, 100),
        (a1, add_months(END, 1), BURGLARY, 1000),
    )
    ranking = force_demand(end_month=END)
    assert (ranking.start_month, ranking.end_month) == (date(2023, 7, 1), END)
    assert by_code(ranking)[a1.code].crime == 11


def test_the_period_ends_with_the_latest_month_with_data_by_default(world):
    a1 = world.wards["a1"]
    add_monthly((a1, END, BURGLARY, 3), (a1, add_months(END, -3), BURGLARY, 4))
    ranking = force_demand()
    assert ranking.end_month == END
    assert by_code(ranking)[a1.code].crime == 7


def test_every_area_is_ranked_even_without_incidents(world):
    ranking = force_demand(end_month=END)
    assert len(ranking.areas) == len(world.wards)
    assert {a.demand for a in ranking.areas} == {0}
    assert {a.force_rank for a in ranking.areas} == {1}


def test_ties_share_a_rank_the_next_rank_skips_and_equals_are_listed_by_name(world):
    w = world.wards
    add_monthly(
        (w["a1"], END, BURGLARY, 50),
        (w["a3"], END, BURGLARY, 30),
        (w["a2"], END, ASB, 60),  # 0.5 * 60 = 30: ties with a3
        (w["b1"], END, BURGLARY, 10),
    )
    ranking = force_demand(end_month=END)
    order = [(a.code, a.force_rank) for a in ranking.areas[:4]]
    tied = sorted([w["a2"], w["a3"]], key=lambda n: n.name)
    assert order == [(w["a1"].code, 1), (tied[0].code, 2), (tied[1].code, 2), (w["b1"].code, 4)]
    assert force_demand(end_month=END).areas == ranking.areas  # the same data, the same table


def test_areas_are_also_ranked_within_their_borough(world):
    w = world.wards
    add_monthly((w["a1"], END, BURGLARY, 5), (w["b1"], END, BURGLARY, 50), (w["b2"], END, BURGLARY, 40))
    areas = by_code(force_demand(end_month=END))
    assert (areas[w["b1"].code].borough_rank, areas[w["b1"].code].force_rank) == (1, 1)
    assert (areas[w["b2"].code].borough_rank, areas[w["b2"].code].force_rank) == (2, 2)
    assert (areas[w["a1"].code].borough_rank, areas[w["a1"].code].force_rank) == (1, 3)
    assert areas[w["a2"].code].borough_rank == 2  # the three quiet wards of A tie after a1


def test_the_spread_divides_the_busiest_by_the_quietest_with_any_demand(world):
    w = world.wards
    add_monthly((w["a1"], END, BURGLARY, 166), (w["a2"], END, BURGLARY, 10), (w["a3"], END, ASB, 40))
    spread = force_demand(end_month=END).spread()
    assert (spread.busiest.code, spread.quietest.code) == (w["a1"].code, w["a2"].code)
    assert spread.ratio == pytest.approx(16.6)
    assert spread.zero_demand == 5  # a4 and b1-b4 have none and are left out


def test_there_is_no_spread_without_demand(world):
    spread = force_demand(end_month=END).spread()
    assert (spread.ratio, spread.busiest, spread.zero_demand) == (None, None, 8)


def test_rates_are_per_thousand_residents_beside_the_counts(world):
    a1, a2 = world.wards["a1"], world.wards["a2"]  # 15,000 and 9,000 residents
    add_monthly((a1, END, BURGLARY, 150), (a1, END, ASB, 30), (a2, END, BURGLARY, 90))
    areas = by_code(force_demand(end_month=END))
    assert (areas[a1.code].crime_rate, areas[a1.code].asb_rate, areas[a1.code].demand_rate) == (
        10.0,
        2.0,
        11.0,
    )
    assert areas[a2.code].crime_rate == 10.0


def test_areas_without_a_population_have_no_rate_but_keep_their_rank(world):
    a1, a2 = world.wards["a1"], world.wards["a2"]
    a1.population = 0
    a1.save()
    a2.population = None
    a2.save()
    add_monthly((a1, END, BURGLARY, 20), (a2, END, BURGLARY, 10))
    areas = by_code(force_demand(end_month=END))
    assert (areas[a1.code].crime_rate, areas[a1.code].demand_rate, areas[a1.code].force_rank) == (
        None,
        None,
        1,
    )
    assert (areas[a2.code].crime_rate, areas[a2.code].force_rank) == (None, 2)


def test_quintiles_split_the_force_by_rank():
    assert [quintile(rank, 10) for rank in range(1, 11)] == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert quintile(1, 1) == 5


def test_tied_areas_take_the_fifth_of_their_middle_position(world):
    add_monthly((world.wards["a1"], END, BURGLARY, 9), (world.wards["a2"], END, BURGLARY, 1))
    areas = by_code(force_demand(end_month=END))
    # Positions 3 to 8 tie at zero: the middle is 5.5 of 8, the third fifth.
    assert {areas[w.code].quintile for key, w in world.wards.items() if key not in ("a1", "a2")} == {3}
    assert (areas[world.wards["a1"].code].quintile, areas[world.wards["a2"].code].quintile) == (5, 5)


def test_competition_ranks_share_and_skip():
    assert competition_ranks([5, 9, 5, 1, 9]) == [3, 1, 3, 5, 1]
    assert competition_ranks([]) == []


def test_the_force_ranking_takes_two_queries_however_many_areas(world, django_assert_num_queries):
    add_monthly(*((ward, END, BURGLARY, i + 1) for i, ward in enumerate(world.wards.values())))
    with django_assert_num_queries(2):
        force_demand(end_month=END)


def test_the_spread_compares_wards_only_not_areas_laid_over_them():
    from sn.crime.demand import AreaDemand, spread

    def area(name, kind, demand):
        return AreaDemand(
            neighbourhood_id=hash(name) % 1000,
            code=name,
            name=name,
            kind=kind,
            borough_id=1,
            borough_code="B",
            borough_name="B",
            population=1000,
            crime=int(demand),
            asb=0,
            demand=demand,
        )

    result = spread(
        [area("busy", "ward", 166), area("quiet", "ward", 10), area("town centre", "non_ward", 1)]
    )
    assert (result.busiest.name, result.quietest.name, round(result.ratio, 1)) == ("busy", "quiet", 16.6)
