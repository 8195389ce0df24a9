import io

import pytest
from openpyxl import load_workbook

from sn.core.registries import REPORT_SECTIONS, ReportSection, ReportSectionProvider, Table
from sn.reports.sections import build_sections

pytestmark = pytest.mark.django_db


def test_a_ward_report_prints_its_sections(client_for, world):
    response = client_for("sergeant").get(f"/reports/wards/{world.wards['a1'].code}/?month=2026-10")
    body = response.content.decode()
    assert response.status_code == 200
    assert f"{world.wards['a1'].name}, October 2026" in body
    assert "Staffing against establishment" in body
    assert "sn/print.css" in body


def test_a_borough_report_downloads_as_xlsx_with_a_sheet_per_table(client_for, world):
    response = client_for("borough_lead").get(
        f"/reports/boroughs/{world.boroughs['a'].code}/?month=2026-10&format=xlsx"
    )
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="report-{world.boroughs["a"].code}-2026-10.xlsx"'
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[0] == "Contents"
    staffing = workbook[workbook.sheetnames[1]]
    assert staffing["A1"].value == "Posts and officers in post by team"
    assert staffing["A2"].value == "As at 31 October 2026."
    assert staffing.max_row == 3 + 4  # caption, dates, headers, four teams


def test_a_borough_report_downloads_as_pdf(client_for, world):
    response = client_for("borough_lead").get(f"/reports/boroughs/{world.boroughs['a'].code}/?format=pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("fmt", ["", "pdf", "xlsx"])
def test_a_month_that_cannot_be_read_is_a_400_naming_the_parameter(client_for, world, fmt):
    client = client_for("borough_lead")
    for month in ("october", "2026-13", "2026-1-1", "99999-10"):
        response = client.get(
            f"/reports/boroughs/{world.boroughs['a'].code}/", {"month": month, "format": fmt}
        )
        assert response.status_code == 400
        assert "<code>month</code>" in response.content.decode()


def test_a_format_the_report_does_not_offer_is_not_found(client_for, world):
    client = client_for("borough_lead")
    assert client.get(f"/reports/boroughs/{world.boroughs['a'].code}/?format=docx").status_code == 404


def test_an_app_adds_a_section_by_registering_a_provider(world):
    from datetime import date

    def extra(area, month):
        return ReportSection(key="extra", title="Extra", tables=[Table("t", ["a"], [["b"]])])

    with REPORT_SECTIONS.isolated(REPORT_SECTIONS.entries()) as sections:
        sections.register(ReportSectionProvider(key="extra", order=99, build=extra))
        titles = [
            s.title for s in build_sections(world.user("sergeant"), world.wards["a1"], date(2026, 10, 31))
        ]
    assert titles[-1] == "Extra"
    assert "extra" not in REPORT_SECTIONS, "the registration stays inside the isolated block"


def test_the_report_shows_the_borough_survey_measures_up_to_the_month(client_for, world):
    from sn.performance.tests.helpers import a_declining_borough_a

    a_declining_borough_a(world)
    body = (
        client_for("sergeant").get(f"/reports/wards/{world.wards['a1'].code}/?month=2011-04").content.decode()
    )
    assert "Public attitude survey" in body
    assert "Covers the rolling year April 2010 to March 2011 (2010/11 Q4)." in body
    assert "the survey is not sampled by ward" in body
    assert "worse" in body  # confidence fell significantly in borough A
    before_any = client_for("sergeant").get(f"/reports/wards/{world.wards['a1'].code}/?month=2005-01")
    assert "Public attitude survey" not in before_any.content.decode()


def test_the_report_shows_crime_asb_and_demand_for_the_12_months_to_the_month(client_for, world):
    from datetime import date

    from sn.crime.tests.helpers import add_incidents, add_monthly, cover
    from sn.incidents.categories import Category

    a1, a2 = world.wards["a1"], world.wards["a2"]
    cover(date(2022, 7, 1), date(2024, 6, 1))
    add_monthly(
        (a1, date(2024, 6, 1), Category.BURGLARY, 30),
        (a1, date(2023, 6, 1), Category.BURGLARY, 10),
        (a1, date(2024, 5, 1), Category.ANTI_SOCIAL_BEHAVIOUR, 8),
        (a2, date(2024, 6, 1), Category.BURGLARY, 3),
    )
    add_incidents(a1, date(2024, 6, 1), Category.BURGLARY, "On or near High Street", 3)
    body = client_for("sergeant").get(f"/reports/wards/{a1.code}/?month=2024-06").content.decode()
    assert "Crime and anti-social behaviour" in body
    assert "30 crimes and 8 ASB incidents" in body and "Covers July 2023 to June 2024." in body
    assert "+200%" in body and "significant" in body
    assert "On or near High Street" in body
    assert "Demand" in body and "Rank in force" in body
