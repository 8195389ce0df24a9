"""An inspector's monthly report for their cluster: the sections a borough report has, for the cluster's
wards only."""

from datetime import date

import pytest

from sn.core.registries import REPORT_SECTIONS
from sn.crime.tests.helpers import add_incidents, add_monthly
from sn.incidents.categories import Category
from sn.performance.tests.helpers import a_declining_borough_a
from sn.reports.sections import build_sections
from sn.reports.tests.helpers import pdf_text, workbook_of

pytestmark = pytest.mark.django_db

JUNE = date(2024, 6, 1)


@pytest.fixture
def reported(world):
    """Crime in two wards of cluster A and one of cluster B, and the survey of both boroughs."""
    w = world.wards
    add_monthly(
        (w["a1"], JUNE, Category.BURGLARY, 30),
        (w["a1"], date(2023, 6, 1), Category.BURGLARY, 10),
        (w["a2"], JUNE, Category.ROBBERY, 5),
        (w["a2"], JUNE, Category.ANTI_SOCIAL_BEHAVIOUR, 4),
        (w["b1"], JUNE, Category.BURGLARY, 50),
    )
    add_incidents(w["a1"], JUNE, Category.BURGLARY, "On or near High Street", 3)
    add_incidents(w["a2"], JUNE, Category.ROBBERY, "On or near Station Road", 2)
    add_incidents(w["b1"], JUNE, Category.BURGLARY, "On or near Far Away Lane", 4)
    a_declining_borough_a(world)
    return world


def cluster_report(client, query: str = "?month=2024-06"):
    return client.get(f"/reports/clusters/C-A/{query}")


def test_an_inspector_has_a_monthly_report_for_their_cluster(client_for, reported):
    body = cluster_report(client_for("inspector")).content.decode()
    assert "Cluster A, June 2024" in body and "Cluster · monthly report" in body
    for title in ("Staffing against establishment", "Crime and anti-social behaviour", "Demand"):
        assert title in body
    assert "4 teams: 6 officers in post against 27 posts" in body
    assert "35 crimes and 4 ASB incidents" in body
    assert f"On or near Station Road ({reported.wards['a2'].name})" in body
    assert "Far Away Lane" not in body and reported.wards["b1"].name not in body


def test_the_cluster_report_ranks_only_the_clusters_wards(client_for, reported):
    sheet = workbook_of(cluster_report(client_for("inspector"), "?month=2024-06&format=xlsx"))["Demand"]
    areas = [row[0].value for row in sheet.iter_rows(min_row=4)]
    assert sorted(areas) == sorted(reported.wards[k].name for k in ("a1", "a2", "a3", "a4"))


def test_the_cluster_report_shows_its_boroughs_survey_and_says_why(client_for, reported):
    body = cluster_report(client_for("inspector")).content.decode().replace("&#x27;", "'")
    assert "Borough A's results: the survey is not sampled by cluster." in body


def test_the_cluster_report_downloads_as_pdf_and_xlsx(client_for, reported):
    client = client_for("inspector")
    pdf = cluster_report(client, "?month=2024-06&format=pdf")
    assert pdf["Content-Disposition"] == 'attachment; filename="report-C-A-2024-06.pdf"'
    assert "Cluster A: monthly report, June 2024" in pdf_text(pdf.content)
    workbook = workbook_of(cluster_report(client, "?month=2024-06&format=xlsx"))
    assert workbook["Contents"]["A1"].value == "Cluster A: monthly report, June 2024"
    assert "Staffing by team" in workbook.sheetnames


@pytest.mark.parametrize("key", REPORT_SECTIONS.keys())
def test_every_registered_section_builds_for_a_cluster(reported, key):
    keys = [
        s.key for s in build_sections(reported.user("inspector"), reported.clusters["a"], date(2024, 6, 30))
    ]
    assert key in keys
