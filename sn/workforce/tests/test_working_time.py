"""The working-time rules over a weekly pattern."""

from hypothesis import given
from hypothesis import strategies as st

from sn.workforce.working_time import (
    HOURS_IN_WEEK,
    breaches,
    malformations,
    on_duty_by_hour,
    on_duty_intervals,
)

EARLY = {"start": "07:00", "hours": 8}
LATE = {"start": "14:00", "hours": 9}


def test_a_week_of_earlies_with_two_rest_days_keeps_the_rules():
    assert malformations([EARLY] * 5 + [None, None]) == []
    assert breaches([EARLY] * 5 + [None, None]) == []


def test_a_shift_over_ten_hours_is_a_breach_naming_the_day():
    days = [EARLY, EARLY, {"start": "07:00", "hours": 11}, None, None, None, None]
    assert breaches(days) == ["Wednesday: a shift of 11 hours is longer than the 10 hours allowed."]


def test_a_late_then_an_early_leaves_too_little_rest():
    days = [{"start": "14:00", "hours": 10}, EARLY, None, None, None, None, None]
    assert breaches(days) == [
        "Monday into Tuesday: only 7 hours of rest between shifts, at least 11 hours required."
    ]


def test_sunday_night_into_monday_morning_counts():
    days = [EARLY, None, None, None, None, None, {"start": "22:00", "hours": 8}]
    # Sunday 22:00 + 8 = Monday 06:00; Monday's early at 07:00 is an hour later.
    assert breaches(days) == [
        "Sunday into Monday: the Monday shift starts before the Sunday one ends."
    ] or breaches(days) == [
        "Sunday into Monday: only 1 hour of rest between shifts, at least 11 hours required."
    ]
    assert "Sunday into Monday" in breaches(days)[0]


def test_the_limits_come_from_settings(settings):
    settings.SN_MAX_SHIFT_HOURS = 12
    settings.SN_MIN_REST_HOURS = 8
    days = [{"start": "07:00", "hours": 12}, None, None, None, None, None, None]
    assert breaches(days) == []


def test_malformed_patterns_are_described_by_day():
    assert malformations([EARLY] * 6) == [
        "A shift pattern has seven days, Monday first (null for a rest day)."
    ]
    days = [{"start": "7am", "hours": 8}, {"start": "07:00", "hours": -1}, {"begin": "07:00"}] + [None] * 4
    assert malformations(days) == [
        "Monday: the start '7am' is not a time like 07:00.",
        "Tuesday: the hours -1 are not a number between 0 and 24.",
        "Wednesday: a working day has a start (HH:MM) and a number of hours.",
    ]


def test_a_sunday_late_wraps_into_monday():
    days = [None] * 6 + [{"start": "20:00", "hours": 8}]
    assert on_duty_intervals(days) == [(0.0, 4.0), (164.0, 168.0)]
    cover = on_duty_by_hour(days)
    assert sum(cover) == 8
    assert cover[0] == cover[167] == 1
    assert cover[4] == 0


def test_half_hours_count_as_half():
    cover = on_duty_by_hour([{"start": "07:30", "hours": 8}] + [None] * 6)
    assert cover[7] == 0.5 and cover[15] == 0.5 and sum(cover) == 8


day = st.one_of(
    st.none(),
    st.builds(
        lambda h, m, hours: {"start": f"{h:02d}:{m:02d}", "hours": hours},
        st.integers(0, 23),
        st.sampled_from([0, 30]),
        st.sampled_from([6, 7.5, 8, 9, 10, 11]),
    ),
)


@given(st.lists(day, min_size=7, max_size=7))
def test_hours_on_duty_equal_the_hours_of_a_pattern_that_keeps_the_rules(days):
    if breaches(days):
        return
    cover = on_duty_by_hour(days)
    assert len(cover) == HOURS_IN_WEEK
    assert abs(sum(cover) - sum(d["hours"] for d in days if d)) < 1e-9
    assert all(0 <= c <= 1 for c in cover)
