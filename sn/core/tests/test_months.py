from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import escape
from hypothesis import given, settings
from hypothesis import strategies as st

from sn.core.months import (
    EARLIEST_MONTH,
    add_months,
    month_end,
    month_span,
    months_in_words,
    parse_month,
    requested_month,
    this_month,
)

THIS_MONTH = timezone.localdate().replace(day=1)
months = st.dates(min_value=EARLIEST_MONTH, max_value=THIS_MONTH).map(lambda day: day.replace(day=1))
days = st.dates(min_value=EARLIEST_MONTH, max_value=date(2100, 12, 31))
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
        ("2023-3\n", "like 2024-03"),
    ],
)
def test_a_month_that_cannot_be_read_says_how_to_write_one(text, message):
    with pytest.raises(ValueError, match=message):
        parse_month(text)


BOUNDS = f"Enter a month from 2000-01 to {THIS_MONTH:%Y-%m}"


@pytest.mark.parametrize(
    "text",
    ["0001-01", "0000-01", "1999-12", "9999-12", "2101-01", "99999-01", "9" * 5000 + "-01"],
)
def test_a_month_before_the_service_began_or_far_ahead_is_refused_with_the_bounds(text):
    with pytest.raises(ValueError, match=BOUNDS) as refused:
        parse_month(text)
    assert len(str(refused.value)) < 200, "a long text is not echoed whole"


def test_the_months_run_from_the_earliest_the_service_holds_to_this_month():
    assert EARLIEST_MONTH == date(2000, 1, 1)
    assert this_month() == THIS_MONTH
    assert parse_month("2000-01") == EARLIEST_MONTH
    assert parse_month(f"{THIS_MONTH:%Y-%m}") == THIS_MONTH
    with pytest.raises(ValueError, match=BOUNDS):
        parse_month(f"{add_months(THIS_MONTH, 1):%Y-%m}")


def test_the_latest_month_can_be_given_so_the_bound_is_testable():
    assert parse_month("2030-05", latest=date(2030, 5, 1)) == date(2030, 5, 1)
    with pytest.raises(ValueError, match="Enter a month from 2000-01 to 2024-03"):
        parse_month("2024-04", latest=date(2024, 3, 1))


@no_deadline
@given(st.text(max_size=12) | st.from_regex(r"[0-9]{1,6}-[0-9]{1,3}", fullmatch=True))
def test_any_text_is_a_month_within_the_bounds_or_a_value_error(text):
    try:
        month = parse_month(text)
    except ValueError as error:
        assert str(error).startswith("Enter")
        return
    assert month.day == 1 and EARLIEST_MONTH <= month <= THIS_MONTH


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


@pytest.mark.parametrize("text", ["2023-13", "abcd", "2023-1-1", "99999-01", "0001-01", "9999-12"])
def test_a_month_that_cannot_be_read_is_explained_on_a_page_and_not_found_elsewhere(text):
    period = asked(f"?month={text}")
    assert period.month is None and period.text == text
    assert period.error.startswith("Enter")
    assert period.query == ""  # links show the default period the page fell back to
    with pytest.raises(Http404):
        period.or_404()


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["0001-01", "9999-12", "2023-13", "<b>June</b>"])
def test_a_month_a_page_cannot_use_gets_a_400_page_naming_the_parameter(text):
    request = RequestFactory().get("/reports/boroughs/E09000901/", {"month": text, "format": "pdf"})
    request.user = AnonymousUser()
    period = requested_month(request)
    response = period.bad_request(request)
    body = response.content.decode()
    assert response.status_code == 400
    assert "<code>month</code>" in body and escape(period.error) in body
    assert "<b>June</b>" not in body  # what was typed is shown escaped
    assert 'href="/reports/boroughs/E09000901/"' in body  # the page without the parameter


def test_a_month_with_characters_that_mean_something_in_a_query_stays_one_value():
    period = asked("?month=2024-03%26format%3Dcsv")
    assert period.text == "2024-03&format=csv" and period.error and period.query == ""


def test_months_in_words_joins_consecutive_months_into_runs():
    months = [date(2024, 5, 1), date(2023, 12, 1), date(2024, 1, 1), date(2024, 3, 1), date(2024, 4, 1)]
    months.append(date(2024, 7, 1))
    assert months_in_words(months) == "December 2023 to January 2024, March to May 2024, July 2024"
    assert months_in_words([]) == ""
