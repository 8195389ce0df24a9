from datetime import date, timedelta

import pytest
from django.http import Http404
from django.test import RequestFactory
from hypothesis import given, settings
from hypothesis import strategies as st

from sn.core.months import (
    MAX_YEAR,
    MIN_YEAR,
    add_months,
    month_end,
    month_span,
    parse_month,
    requested_month,
)

months = st.builds(date, st.integers(MIN_YEAR, MAX_YEAR), st.integers(1, 12), st.just(1))
days = st.dates(min_value=date(MIN_YEAR, 1, 1), max_value=date(MAX_YEAR, 12, 31))
shifts = st.integers(-1200, 1200)  # a century either way
no_deadline = settings(deadline=None)


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


@no_deadline
@given(months, shifts)
def test_adding_months_moves_that_many_months_to_a_first_day(month, count):
    moved = add_months(month, count)
    assert moved.day == 1
    assert months_between(month, moved) == count
    assert add_months(moved, -count) == month


@no_deadline
@given(months, shifts, shifts)
def test_adding_months_twice_is_adding_them_once(month, first, second):
    assert add_months(add_months(month, first), second) == add_months(month, first + second)


@no_deadline
@given(days, st.integers(1, 120))
def test_a_span_is_that_many_consecutive_months_ending_with_the_month(day, length):
    span = month_span(day, length)
    assert len(span) == length
    assert span[-1] == day.replace(day=1)
    assert all(add_months(a, 1) == b for a, b in zip(span, span[1:], strict=False))


@no_deadline
@given(days)
def test_a_month_ends_the_day_before_the_next_begins(day):
    end = month_end(day)
    assert (end.year, end.month) == (day.year, day.month)
    assert end + timedelta(days=1) == add_months(day.replace(day=1), 1)


def test_february_ends_on_the_29th_in_a_leap_year_only():
    assert month_end(date(2024, 2, 10)) == date(2024, 2, 29)
    assert month_end(date(2023, 2, 10)) == date(2023, 2, 28)
    assert month_end(date(2100, 2, 1)) == date(2100, 2, 28)  # a century, not a leap year


@no_deadline
@given(months)
def test_a_month_written_as_year_and_month_reads_back(month):
    assert parse_month(f"{month:%Y-%m}") == month
    assert parse_month(f"{month.year}-{month.month}") == month  # "2024-3" as well as "2024-03"


@pytest.mark.parametrize(
    "text, message",
    [
        ("2023-13", "Enter a month from 01 to 12"),
        ("2023-00", "Enter a month from 01 to 12"),
        ("2023-001", "Enter a month from 01 to 12"),
        ("abcd", "like 2024-03"),
        ("2023-1-1", "like 2024-03"),
        ("", "like 2024-03"),
        ("2023", "like 2024-03"),
        ("March 2024", "like 2024-03"),
        ("2023-03 ", "like 2024-03"),
        ("+2023-03", "like 2024-03"),
        ("٢٠٢٣-٠٣", "like 2024-03"),  # digits, but not ones a date is typed with
        ("1999-12", f"Enter a year from {MIN_YEAR} to {MAX_YEAR}"),
        ("2101-01", f"Enter a year from {MIN_YEAR} to {MAX_YEAR}"),
        ("99999-01", f"Enter a year from {MIN_YEAR} to {MAX_YEAR}"),
        ("9" * 5000 + "-01", f"Enter a year from {MIN_YEAR} to {MAX_YEAR}"),
    ],
)
def test_a_month_that_cannot_be_read_says_how_to_write_one(text, message):
    with pytest.raises(ValueError, match=message):
        parse_month(text)


@no_deadline
@given(st.text(max_size=12))
def test_any_text_is_a_month_or_a_value_error(text):
    try:
        month = parse_month(text)
    except ValueError:
        return
    assert month.day == 1 and MIN_YEAR <= month.year <= MAX_YEAR


def asked(query: str):
    return requested_month(RequestFactory().get(f"/page/{query}"))


def test_a_page_not_asked_for_a_month_has_none_and_no_error():
    period = asked("")
    assert (period.month, period.text, period.error, period.query) == (None, "", "", "")
    assert period.or_404() is None


def test_the_month_asked_for_is_read_and_carried_into_links_in_one_spelling():
    period = asked("?month=+2024-3+")  # spaces either side, as a pasted value may have
    assert (period.month, period.text, period.error) == (date(2024, 3, 1), "2024-3", "")
    assert period.query == "month=2024-03"
    assert period.or_404() == date(2024, 3, 1)


@pytest.mark.parametrize("text", ["2023-13", "abcd", "2023-1-1", "99999-01"])
def test_a_month_that_cannot_be_read_is_explained_on_a_page_and_not_found_elsewhere(text):
    period = asked(f"?month={text}")
    assert period.month is None and period.text == text
    assert period.error.startswith("Enter")
    assert period.query == ""  # links show the default period the page fell back to
    with pytest.raises(Http404):
        period.or_404()


def test_a_month_with_characters_that_mean_something_in_a_query_stays_one_value():
    period = asked("?month=2024-03%26format%3Dcsv")
    assert period.text == "2024-03&format=csv" and period.error and period.query == ""
