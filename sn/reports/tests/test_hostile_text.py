"""Imported text is data: whatever a police.uk file or an area's name holds, every format of the report
shows it as written, and none of them runs it (reportlab markup, spreadsheet formulas, HTML)."""

from datetime import date

import pytest
from PIL import Image

from sn.crime.tests.helpers import add_incidents, add_monthly
from sn.incidents.categories import Category
from sn.reports.tests.helpers import cells_of, pdf_text, workbook_of

pytestmark = pytest.mark.django_db

MONTH = date(2024, 6, 1)
UNCLOSED = "On or near <b>unclosed"
FORMULA = '=HYPERLINK("http://example.com","x")'


@pytest.fixture
def hostile(world, tmp_path):
    """Borough A's first ward named like a formula, and crimes at locations that are reportlab markup
    (one of them an image on this machine's disk), a formula, or hold a character a workbook cannot."""
    secret = tmp_path / "secret.png"
    Image.new("RGB", (8, 8), "red").save(secret)
    ward = world.wards["a1"]
    ward.name = FORMULA
    ward.save()
    add_monthly((ward, MONTH, Category.BURGLARY, 9), (ward, MONTH, Category.ANTI_SOCIAL_BEHAVIOUR, 2))
    add_incidents(ward, MONTH, Category.BURGLARY, UNCLOSED, 3)
    add_incidents(ward, MONTH, Category.BURGLARY, f'<img src="{secret}" width="8" height="8"/>', 2)
    add_incidents(ward, MONTH, Category.BURGLARY, "-1+1 & <i>", 1)
    add_incidents(ward, MONTH, Category.BURGLARY, "\rBell\x07", 1)
    return world


def report_urls(world):
    return [
        ("sergeant", f"/reports/wards/{world.wards['a1'].code}/"),
        ("borough_lead", f"/reports/boroughs/{world.boroughs['a'].code}/"),
    ]


def test_the_html_report_shows_markup_in_data_as_text(client_for, hostile):
    for role, url in report_urls(hostile):
        body = client_for(role).get(f"{url}?month=2024-06").content.decode()
        assert "On or near &lt;b&gt;unclosed" in body
        assert "<b>unclosed" not in body and "<img src=" not in body


def test_the_pdf_report_shows_markup_in_data_as_text_and_opens_no_file(client_for, hostile):
    for role, url in report_urls(hostile):
        response = client_for(role).get(f"{url}?month=2024-06&format=pdf")
        assert response.status_code == 200
        text = " ".join(pdf_text(response.content).split())  # as read, whatever the line breaks
        assert UNCLOSED in text
        assert "-1+1 & <i>" in text
        assert "<img src=" in text
        assert b"/Subtype /Image" not in response.content, "the image on disk was not embedded"
    ward = client_for("sergeant").get(f"/reports/wards/{hostile.wards['a1'].code}/?month=2024-06&format=pdf")
    assert FORMULA in " ".join(pdf_text(ward.content).split())


def test_the_xlsx_report_holds_no_formula_however_its_text_starts(client_for, hostile):
    for role, url in report_urls(hostile):
        workbook = workbook_of(client_for(role).get(f"{url}?month=2024-06&format=xlsx"))
        cells = cells_of(workbook)
        assert not [c.coordinate for c in cells if c.data_type == "f"], "no cell is a formula"
        texts = [c.value for c in cells if isinstance(c.value, str)]
        # A borough's top locations name their ward after the location; the workbook's XML reads a
        # carriage return back as a line feed.
        for start in ("'-1+1 & <i>", "'\nBell", UNCLOSED):
            assert any(text.startswith(start) for text in texts), start
    ward = workbook_of(
        client_for("sergeant").get(f"/reports/wards/{hostile.wards['a1'].code}/?month=2024-06&format=xlsx")
    )
    assert ward["Contents"]["A1"].value.startswith("'=HYPERLINK")
