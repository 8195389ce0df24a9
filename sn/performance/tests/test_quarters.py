from datetime import date

import pytest

from sn.performance.quarters import FinancialQuarter


def test_a_financial_quarter_starts_in_april():
    assert FinancialQuarter(2010, 1).start == date(2010, 4, 1)
    assert FinancialQuarter(2010, 2).start == date(2010, 7, 1)
    assert FinancialQuarter(2010, 4).start == date(2011, 1, 1)


def test_a_quarter_is_written_and_read_as_the_force_reports_it():
    quarter = FinancialQuarter.parse("2010/11 Q2")
    assert quarter == FinancialQuarter(2010, 2)
    assert str(quarter) == "2010/11 Q2"
    assert quarter.months == "Jul–Sep 2010"
    assert str(FinancialQuarter.parse("1999/00 Q4")) == "1999/00 Q4"


@pytest.mark.parametrize(
    "text", ["2010-Q3", "2010/12 Q1", "2010/11 Q5", "2010/11 q1", " 2010/11 Q1", "2010/11Q1"]
)
def test_anything_but_the_documented_quarter_format_is_refused(text):
    with pytest.raises(ValueError):
        FinancialQuarter.parse(text)


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
