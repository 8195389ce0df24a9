import csv
import io

import pytest
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def test_a_borough_lead_downloads_the_borough_staffing_as_csv(client_for, world):
    response = client_for("borough_lead").get(f"/staffing/boroughs/{world.boroughs['a'].code}/?format=csv")
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == f'attachment; filename="staffing-{world.boroughs["a"].code}.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Area", "Code", "Teams", "Population"]
    assert [r[0] for r in rows[1:]] == [
        "Ward E05900000 SNT",
        "Ward E05900001 SNT",
        "Ward E05900002 SNT",
        "Ward E05900003 SNT",
        "Total",
    ]
    total = dict(zip(rows[0], rows[-1], strict=True))
    assert total["PCSO establishment"] == "15.0"
    assert total["Sergeant strength"] == "1.0"


def test_the_force_staffing_downloads_as_xlsx_with_a_row_per_borough(client_for, world):
    response = client_for("central_unit").get("/staffing/?format=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Borough A",
        "Borough B",
        "Total",
    ]


def test_an_unknown_download_format_is_not_found(client_for):
    assert client_for("central_unit").get("/staffing/?format=pdf").status_code == 404


def test_the_ward_page_shows_the_team_and_its_staffing(client_for, world):
    response = client_for("sergeant").get(f"/wards/{world.wards['a1'].code}/")
    body = response.content.decode()
    assert world.officers["pc_a"].full_name in body
    assert "Also leads Ward E05900001 SNT" in body  # the shared sergeant
    assert "1-2-6" in body
    assert 'id="ward-map-data"' in body


def test_the_ward_page_query_count_does_not_grow_with_the_team(
    client_for, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sn.teams.models import Rank
    from sn.teams.tests.factories import PostingFactory

    client = client_for("sergeant")
    url = f"/wards/{world.wards['a1'].code}/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    PostingFactory.create_batch(20, officer__rank=Rank.VOLUNTEER, team=world.teams["a1"])
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
