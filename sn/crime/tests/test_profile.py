from datetime import date

import pytest

from sn.core.months import add_months, month_span
from sn.crime.profile import borough_profile, ward_profile
from sn.crime.tests.helpers import ASB, END, add_incidents, add_monthly, cover
from sn.incidents.categories import Category

BURGLARY, ROBBERY = Category.BURGLARY, Category.ROBBERY


def series(profile, category):
    return next(c for c in profile.categories if c.category == category)


def test_the_monthly_series_is_zero_filled_for_months_without_data(world):
    a1 = world.wards["a1"]
    add_monthly((a1, END, BURGLARY, 4), (a1, add_months(END, -2), BURGLARY, 7))
    profile = ward_profile(a1, end_month=END)
    assert profile.months == month_span(END, 12)
    assert series(profile, BURGLARY).monthly == (0,) * 9 + (7, 0, 4)
    assert series(profile, ROBBERY).monthly == (0,) * 12
    assert len(profile.categories) == len(Category.values)


def test_change_compares_the_same_months_a_year_earlier(world):
    a1 = world.wards["a1"]
    cover(add_months(END, -23), END)
    add_monthly(
        (a1, END, BURGLARY, 30),
        (a1, add_months(END, -12), BURGLARY, 15),
        (a1, add_months(END, -24), BURGLARY, 500),  # two years back: in neither period
        (a1, END, ASB, 10),
        (a1, add_months(END, -12), ASB, 10),
    )
    profile = ward_profile(a1, end_month=END)
    burglary = series(profile, BURGLARY).change
    assert (burglary.current, burglary.previous) == (30, 15)
    assert burglary.p_value == pytest.approx(0.0357, abs=1e-4)
    assert burglary.significant
    assert (profile.crime.current, profile.crime.previous) == (30, 15)
    assert (profile.asb.current, profile.asb.previous, profile.asb.significant) == (10, 10, False)
    assert (profile.total.current, profile.total.previous) == (40, 25)


def test_a_short_period_compares_with_the_same_short_period_a_year_earlier(world):
    a1 = world.wards["a1"]
    add_monthly(
        (a1, END, BURGLARY, 5),
        (a1, add_months(END, -12), BURGLARY, 2),
        (a1, add_months(END, -6), BURGLARY, 99),  # between the two periods: in neither
    )
    profile = ward_profile(a1, end_month=END, months=3)
    assert profile.months == [date(2024, 4, 1), date(2024, 5, 1), END]
    assert (series(profile, BURGLARY).change.current, series(profile, BURGLARY).change.previous) == (5, 2)


def test_top_categories_are_largest_first_with_their_share(world):
    a1 = world.wards["a1"]
    add_monthly((a1, END, BURGLARY, 30), (a1, END, ASB, 60), (a1, END, ROBBERY, 10))
    top = ward_profile(a1, end_month=END).top_categories()
    assert [(c.category, share) for c, share in top] == [(ASB, 0.6), (BURGLARY, 0.3), (ROBBERY, 0.1)]


def test_top_locations_count_the_period_s_incidents_by_street(world):
    a1, a2 = world.wards["a1"], world.wards["a2"]
    add_incidents(a1, END, BURGLARY, "On or near High Street", 3)
    add_incidents(a1, add_months(END, -1), ASB, "On or near Park Road", 5)
    add_incidents(a1, add_months(END, -12), ASB, "On or near Old Lane", 9)  # before the period
    add_incidents(a1, END, ASB, "", 4)  # no location
    add_incidents(a2, END, ASB, "On or near Other Ward Street", 8)
    locations = ward_profile(a1, end_month=END).top_locations
    assert [(loc.location, loc.count) for loc in locations] == [
        ("On or near Park Road", 5),
        ("On or near High Street", 3),
    ]


def test_the_borough_profile_adds_up_its_wards_and_names_the_ward_of_each_location(world):
    w = world.wards
    add_monthly((w["a1"], END, BURGLARY, 3), (w["a2"], END, BURGLARY, 4), (w["b1"], END, BURGLARY, 50))
    add_incidents(w["a2"], END, BURGLARY, "On or near High Street", 2)
    profile = borough_profile(world.boroughs["a"], end_month=END)
    assert series(profile, BURGLARY).monthly[-1] == 7
    assert profile.population == 15000 + 3 * 9000
    assert profile.crime_rate == pytest.approx(7 / 42)
    assert [(loc.location, loc.area, loc.count) for loc in profile.top_locations] == [
        ("On or near High Street", w["a2"].name, 2)
    ]


def test_a_profile_without_data_says_so(world):
    profile = ward_profile(world.wards["a1"], end_month=END)
    assert not profile.has_data
    assert profile.top_categories() == []
    assert profile.total.p_value == 1.0


def test_the_profile_ends_with_the_latest_month_with_data_by_default(world):
    add_monthly((world.wards["b1"], END, BURGLARY, 1))
    assert ward_profile(world.wards["a1"]).end_month == END


def test_a_ward_profile_takes_three_queries(world, django_assert_num_queries):
    add_monthly((world.wards["a1"], END, BURGLARY, 1))
    with django_assert_num_queries(3):
        ward_profile(world.wards["a1"], end_month=END)


def test_the_latest_month_is_the_latest_with_every_category_loaded(world):
    from datetime import date

    from sn.crime.months import latest_month
    from sn.crime.tests.helpers import add_monthly
    from sn.incidents.categories import Category

    ward = world.wards["a1"]
    add_monthly(
        (ward, date(2023, 11, 1), Category.BURGLARY, 5),
        (ward, date(2023, 11, 1), Category.ROBBERY, 2),
        (ward, date(2024, 12, 1), Category.BURGLARY, 4),  # published ahead of the rest
    )
    assert latest_month() == date(2023, 11, 1)


def test_consecutive_incomplete_months_are_named_as_one_range(world):
    a1 = world.wards["a1"]
    add_monthly((a1, END, BURGLARY, 3))
    cover(add_months(END, -11), END)  # the profile's twelve months: complete
    june = add_months(END, -12)
    cover(june, june, categories=(BURGLARY,))  # a year earlier: June's burglary only

    profile = ward_profile(a1, end_month=END)

    others = ", ".join(label.lower() for value, label in Category.choices if value != BURGLARY)
    assert profile.gap_notes == [
        "no figures for July 2022 to May 2023",
        f"no {others} figures for June 2023",
    ]
