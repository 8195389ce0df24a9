"""Working days in England and Wales: the published bank holidays, weekends, and substitute days."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from sn.feedback.working_days import (
    add_working_days,
    bank_holidays,
    easter_sunday,
    is_working_day,
    working_days_between,
)

# GOV.UK's published England and Wales bank holidays.
PUBLISHED = {
    2023: {"01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26"},
    2024: {"01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"},
    2025: {"01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"},
    2026: {"01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"},
    2027: {"01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28"},
}


def test_the_bank_holidays_are_the_published_ones():
    for year, days in PUBLISHED.items():
        assert {f"{d:%m-%d}" for d in bank_holidays(year)} == days, year


def test_easter():
    assert [easter_sunday(y) for y in (2024, 2025, 2026)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
    ]


def test_christmas_week_counts_three_working_days_in_2026():
    # Received Wednesday 23 December 2026: 24th, then 29th, 30th (25th, 28th holidays; 26th, 27th weekend).
    assert add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 30)


@given(start=st.dates(date(2020, 1, 1), date(2035, 12, 31)), days=st.integers(1, 40))
def test_a_due_date_is_a_working_day_that_many_working_days_on(start, days):
    due = add_working_days(start, days)
    assert is_working_day(due)
    assert working_days_between(start, due) == days
    assert working_days_between(due, start) == -days
    assert due - start <= timedelta(days=days * 2 + 10)
