"""The report as a workbook people go on to work with: numbers are numbers in their formats, every table
is a sheet with a short name of its own."""

from datetime import date

import pytest

from sn.crime.tests.helpers import add_incidents, add_monthly
from sn.incidents.categories import Category
from sn.performance.tests.helpers import a_declining_borough_a
from sn.reports.tests.helpers import cells_of, workbook_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(world):
    a1 = world.wards["a1"]
    add_monthly(
        (a1, date(2024, 6, 1), Category.BURGLARY, 30),
        (a1, date(2023, 6, 1), Category.BURGLARY, 10),
        (a1, date(2024, 5, 1), Category.ANTI_SOCIAL_BEHAVIOUR, 8),
    )
    add_incidents(a1, date(2024, 6, 1), Category.BURGLARY, "On or near High Street", 3)
    a_declining_borough_a(world)
    return world


def ward_workbook(client_for, world):
    url = f"/reports/wards/{world.wards['a1'].code}/?month=2024-06&format=xlsx"
    return workbook_of(client_for("sergeant").get(url))


def rows_of(sheet) -> dict:
    """A table's rows by their first cell (row 1 is the caption, row 2 its dates, row 3 the headings)."""
    return {row[0].value: row for row in sheet.iter_rows(min_row=4)}


def test_every_table_is_a_sheet_with_a_short_name_of_its_own(client_for, reported):
    names = ward_workbook(client_for, reported).sheetnames
    assert names == [
        "Contents",
        "Staffing by team",
        "Crime change",
        "Crime by month",
        "Top locations",
        "Demand",
        "Survey measures",
    ]


def test_a_change_is_a_number_in_a_signed_percent_format_with_no_apostrophe(client_for, reported):
    burglary = rows_of(ward_workbook(client_for, reported)["Crime change"])["Burglary"]
    this_year, year_earlier, change = burglary[1], burglary[2], burglary[3]
    assert (this_year.value, year_earlier.value) == (30, 10)
    assert (change.value, change.data_type, change.number_format) == (2.0, "n", "+0%;-0%;0%")


def test_survey_estimates_and_intervals_are_numbers_in_a_percent_format(client_for, reported):
    confidence = rows_of(ward_workbook(client_for, reported)["Survey measures"])["Confidence in local police"]
    estimate, low, high = confidence[1], confidence[2], confidence[3]
    assert estimate.value == pytest.approx(0.45) and estimate.number_format == "0%"
    assert low.value < estimate.value < high.value and high.number_format == "0%"


def test_no_number_is_written_as_text(client_for, reported):
    texts = [c.value for c in cells_of(ward_workbook(client_for, reported)) if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith("'")], "no apostrophe in the workbook's own text"
    assert not [t for t in texts if t.rstrip("%").lstrip("+-").replace(".", "").isdigit()]
