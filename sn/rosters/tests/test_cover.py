"""Cover by hour of the week: a duty adds its officer to each hour it spans (part hours by their
fraction), averaged over the period's weeks; abstractions count nowhere; gaps are the window's hours
below one officer."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from sn.rosters.profiles import table_2_wishes
from sn.rosters.selectors import Period, _spread, duty_cover, figures, period_ending, residents_wishes
from sn.workforce.tests.factories import DutyFactory, duty_codes_seed


def test_a_duty_spreads_over_the_hours_it_spans_and_wraps_into_monday():
    cover = [0.0] * 168
    _spread(cover, 7.5, 8)  # Monday 07:30 to 15:30
    assert cover[7] == 0.5 and cover[8] == 1 and cover[14] == 1 and cover[15] == 0.5 and cover[16] == 0
    sunday = [0.0] * 168
    _spread(sunday, 6 * 24 + 20, 8)  # Sunday 20:00 to Monday 04:00
    assert sunday[167] == 1 and sunday[0] == 1 and sunday[3] == 1 and sunday[4] == 0


def test_figures_find_the_hours_of_the_window_below_one_officer():
    cover = [0.0] * 168
    for day in range(7):
        for hour in range(7, 23):
            cover[day * 24 + hour] = 2.0
    cover[5 * 24 + 22] = 0.5  # Saturday 22:00 half covered
    found = figures(cover)
    assert found.window_hours == 112 and found.gaps == [5 * 24 + 22]
    assert found.evening == pytest.approx((2.0 * 34 + 0.5) / 35)


def test_the_period_is_whole_weeks_before_this_one():
    period = period_ending(weeks=4, today=date(2026, 12, 3))  # a Thursday
    assert (period.start, period.end) == (date(2026, 11, 2), date(2026, 11, 30))


def at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


@pytest.mark.django_db
def test_duty_cover_averages_officers_over_the_weeks_and_leaves_out_abstractions(world):
    codes = duty_codes_seed()
    team, ward = world.teams["a1"], world.wards["a1"]
    officers = list(team.postings.values_list("officer", flat=True)[:2])
    monday = date(2026, 11, 2)
    # Week 1: two officers on Monday 07:00-15:00; week 2: one. One abstracted on week 2 (counts nowhere).
    DutyFactory(officer_id=officers[0], team=team, starts_at=at(monday, 7))
    DutyFactory(officer_id=officers[1], team=team, starts_at=at(monday, 7))
    DutyFactory(officer_id=officers[0], team=team, starts_at=at(monday + timedelta(weeks=1), 7))
    DutyFactory(
        officer_id=officers[1], team=team, starts_at=at(monday + timedelta(weeks=1), 7), code=codes["AL"]
    )
    cover = duty_cover(neighbourhood_ids=[ward.id], period=Period(start=monday, weeks=2))[ward.id]
    assert cover[7] == 1.5 and cover[14] == 1.5 and cover[15] == 0 and sum(cover) == 12


@pytest.mark.django_db
def test_without_enough_survey_answers_the_wishes_are_table_2s(world):
    wishes = residents_wishes(neighbourhood_ids=[world.wards["a1"].id])
    assert wishes.source == "table_2" and wishes.by_hour == table_2_wishes()
    assert wishes.by_hour[20] == pytest.approx(0.8202) and wishes.by_hour[3] == 0
