"""A report has one date, and each section says the date its figures stand at or the period they cover.

The report for this month is dated today, so its staffing is what the live pages show; a report for an
earlier month is dated the month's last day. Crime and demand cover the 12 months to the report month,
or to the latest month published; the survey gives its rolling year and how old that is.
"""

from datetime import date

import pytest
from django.http import Http404
from django.utils import timezone

from sn.crime.tests.helpers import add_incidents, add_monthly
from sn.incidents.categories import Category
from sn.performance.tests.helpers import a_declining_borough_a
from sn.reports.sections import report_date
from sn.reports.tests.helpers import pdf_text, workbook_of
from sn.teams.models import Rank
from sn.teams.tests.factories import PostingFactory

pytestmark = pytest.mark.django_db

JOINED = date(2025, 1, 1)


@pytest.fixture
def reported(world):
    """Crime to June 2024, survey to March 2011, and a PC who joined ward a2's team in 2025."""
    a1 = world.wards["a1"]
    add_monthly(
        (a1, date(2024, 6, 1), Category.BURGLARY, 30),
        (a1, date(2023, 6, 1), Category.BURGLARY, 10),
        (a1, date(2024, 5, 1), Category.ANTI_SOCIAL_BEHAVIOUR, 8),
    )
    add_incidents(a1, date(2024, 6, 1), Category.BURGLARY, "On or near High Street", 3)
    a_declining_borough_a(world)
    PostingFactory(team=world.teams["a2"], officer__rank=Rank.PC, start_date=JOINED)
    return world


def borough_report(client_for, world, query: str = ""):
    return client_for("borough_lead").get(f"/reports/boroughs/{world.boroughs['a'].code}/{query}")


def day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def test_the_report_for_this_month_is_dated_today_and_counts_staffing_as_the_borough_page_does(
    client_for, reported
):
    today = timezone.localdate()
    body = borough_report(client_for, reported).content.decode()
    assert f"Report date: {day(today)}" in body
    assert f"As at {day(today)}." in body
    assert "7 officers in post against 27 posts; 20 posts vacant." in body
    page = client_for("borough_lead").get(f"/boroughs/{reported.boroughs['a'].code}/").content.decode()
    assert "7 / 27" in page, "the borough page counts the same officers and posts"


def test_a_report_for_an_earlier_month_is_dated_its_last_day_and_counts_staffing_then(client_for, reported):
    body = borough_report(client_for, reported, "?month=2024-06").content.decode()
    assert "Report date: 30 June 2024" in body
    assert "As at 30 June 2024." in body
    assert "6 officers in post against 27 posts; 21 posts vacant." in body


def test_crime_and_demand_cover_the_latest_12_months_published_when_the_month_has_none_yet(
    client_for, reported
):
    body = borough_report(client_for, reported).content.decode()
    assert body.count("Covers July 2023 to June 2024, the latest 12 months published.") == 2


def test_each_section_states_its_date_or_period_in_every_format(client_for, reported):
    expected = [
        "Report date: 30 June 2024",
        "As at 30 June 2024.",
        "Covers July 2023 to June 2024.",
        "Covers the rolling year April 2010 to March 2011 (2010/11 Q4).",
        "The survey's latest results at the report date; they end 13 years 3 months before it.",
    ]
    query = "?month=2024-06"
    html = borough_report(client_for, reported, query).content.decode().replace("&#x27;", "'")
    pdf = " ".join(pdf_text(borough_report(client_for, reported, f"{query}&format=pdf").content).split())
    contents = workbook_of(borough_report(client_for, reported, f"{query}&format=xlsx"))["Contents"]
    xlsx = [c.value for c in contents["A"]]
    for text in expected:
        assert text in html
        assert text in pdf
        assert text in xlsx


def test_the_report_has_one_date(client_for, reported):
    today = day(timezone.localdate())
    pdf = " ".join(
        pdf_text(borough_report(client_for, reported, "?month=2024-06&format=pdf").content).split()
    )
    assert "Report date: 30 June 2024" in pdf
    assert today not in pdf, "no second date (when it was produced) beside the report's own"


def test_anti_social_behaviour_appears_once_in_the_crime_table_in_every_format(client_for, reported):
    query = "?month=2024-06"
    html = borough_report(client_for, reported, query).content.decode()
    change_table = html.split("Change on the same months a year earlier")[1].split("</table>")[0]
    assert change_table.count(">Anti-social behaviour<") == 1
    sheet = workbook_of(borough_report(client_for, reported, f"{query}&format=xlsx"))["Crime change"]
    assert [c.value for c in sheet["A"]].count("Anti-social behaviour") == 1
    pdf = pdf_text(borough_report(client_for, reported, f"{query}&format=pdf").content).splitlines()
    assert pdf.count("Anti-social behaviour") == 1


def test_a_month_to_come_has_no_report(client_for, reported):
    next_year = timezone.localdate().year + 1
    response = borough_report(client_for, reported, f"?month={next_year}-01")
    assert response.status_code == 400 and "<code>month</code>" in response.content.decode()
    with pytest.raises(Http404):
        report_date(date(next_year, 1, 1), today=timezone.localdate())
