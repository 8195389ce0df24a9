from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sn.performance.quarters import EARLIEST_YEAR, FinancialQuarter, latest_year


def test_a_financial_quarter_starts_in_april():
    assert FinancialQuarter(2010, 1).start == date(2010, 4, 1)
    assert FinancialQuarter(2010, 2).start == date(2010, 7, 1)
    assert FinancialQuarter(2010, 4).start == date(2011, 1, 1)


def test_a_quarter_is_written_and_read_as_the_force_reports_it():
    quarter = FinancialQuarter.parse("2010/11 Q2")
    assert quarter == FinancialQuarter(2010, 2)
    assert str(quarter) == "2010/11 Q2"
    assert quarter.months == "Jul–Sep 2010"
    assert str(FinancialQuarter(1999, 4)) == "1999/00 Q4"  # the century turns in the short year


@pytest.mark.parametrize(
    "text",
    [
        "2010-Q3",
        "2010/11 Q5",
        "2010/11 q1",
        " 2010/11 Q1",
        "2010/11Q1",
        "2010/11 Q1\n",
        "٢٠١٠/١١ Q1",  # Arabic-Indic digits: digits, but not ones a quarter is written with
        "2010/11 Q٣",
        "",
    ],
)
def test_anything_but_the_documented_quarter_format_is_refused(text):
    with pytest.raises(ValueError, match="is not a quarter like 2010/11 Q2"):
        FinancialQuarter.parse(text)


def test_a_financial_year_that_does_not_follow_on_is_named():
    with pytest.raises(ValueError, match="the financial year 2010/12 does not exist"):
        FinancialQuarter.parse("2010/12 Q1")


def test_the_quarters_run_from_2000_01_to_the_financial_year_after_this_one():
    today = date(2026, 11, 30)  # in 2026/27
    assert EARLIEST_YEAR == 2000 and latest_year(today) == 2027
    assert latest_year(date(2027, 3, 31)) == 2027 and latest_year(date(2027, 4, 1)) == 2028
    assert FinancialQuarter.parse("2000/01 Q1", today=today) == FinancialQuarter(2000, 1)
    assert FinancialQuarter.parse("2027/28 Q4", today=today) == FinancialQuarter(2027, 4)


@pytest.mark.parametrize(
    "text", ["0000/01 Q1", "0001/02 Q1", "1999/00 Q4", "2028/29 Q1", "9999/00 Q4", "9998/99 Q1"]
)
def test_a_quarter_outside_the_years_the_service_holds_is_refused_with_the_bounds(text):
    with pytest.raises(ValueError, match=r"outside the years the service holds \(2000/01 to 2027/28\)"):
        FinancialQuarter.parse(text, today=date(2026, 11, 30))


def test_a_long_text_is_not_echoed_whole():
    with pytest.raises(ValueError) as refused:
        FinancialQuarter.parse("2010/11 Q1" * 10_000)
    assert len(str(refused.value)) < 200


@given(st.text(max_size=14) | st.from_regex(r"[0-9]{1,5}/[0-9]{1,3} Q[0-9]", fullmatch=True))
def test_any_text_is_a_quarter_within_the_bounds_or_a_value_error(text):
    today = date(2026, 11, 30)
    try:
        quarter = FinancialQuarter.parse(text, today=today)
    except ValueError:
        return
    assert EARLIEST_YEAR <= quarter.year <= latest_year(today)
    assert str(quarter) == text
    # Every quarter a page works out from it (a rolling year, a year earlier) is a real date.
    assert all(q.start.year >= 1998 for q in quarter.shifted(-4).last_four())


@pytest.mark.parametrize("year", [0, -1, 9999, 10_000])
def test_a_quarter_whose_dates_cannot_exist_cannot_be_made(year):
    with pytest.raises(ValueError):
        FinancialQuarter(year, 1)


def test_quarters_shift_across_financial_years():
    assert FinancialQuarter(2010, 1).shifted(-1) == FinancialQuarter(2009, 4)
    assert FinancialQuarter(2010, 4).shifted(1) == FinancialQuarter(2011, 1)
    assert FinancialQuarter(2010, 2).last_four() == [
        FinancialQuarter(2009, 3),
        FinancialQuarter(2009, 4),
        FinancialQuarter(2010, 1),
        FinancialQuarter(2010, 2),
    ]


def test_a_quarter_is_found_from_its_first_day_or_any_day_in_it():
    assert FinancialQuarter.from_start(date(2011, 1, 1)) == FinancialQuarter(2010, 4)
    assert FinancialQuarter.containing(date(2010, 8, 15)) == FinancialQuarter(2010, 2)
    with pytest.raises(ValueError):
        FinancialQuarter.from_start(date(2010, 5, 1))
