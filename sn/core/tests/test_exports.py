import csv
import io

import pytest
from django.http import Http404
from django.test import RequestFactory
from openpyxl import load_workbook

from sn.core.exports import download_response, requested_format, safe_cell, table_response

HEADERS = ["Area", "Crimes"]
ROWS = [["=SUM(B1:B9)", 3], ["-1+1", -4], ["@SUM(A1)", 1.5], ["\tTab", None], ["Ward", 0]]


def asked(query: str, **kwargs):
    return requested_format(RequestFactory().get(f"/page/{query}"), **kwargs)


def test_a_page_asked_for_no_format_is_the_page_itself():
    assert asked("") is None
    assert asked("?format=") is None


def test_a_format_the_page_offers_is_the_download():
    assert asked("?format=csv") == "csv"
    assert asked("?format=pdf", offered=("xlsx", "pdf")) == "pdf"


@pytest.mark.parametrize("query", ["?format=pdf", "?format=CSV", "?format=docx", "?format=csv%00"])
def test_a_format_the_page_does_not_offer_is_not_found(query):
    with pytest.raises(Http404):
        asked(query)


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_kept_as_text():
    assert [safe_cell(row[0]) for row in ROWS] == [
        "'=SUM(B1:B9)",
        "'-1+1",
        "'@SUM(A1)",
        "'\tTab",
        "Ward",
    ]
    assert [safe_cell(row[1]) for row in ROWS] == [3, -4, 1.5, None, 0]  # numbers are left as numbers


def test_a_table_downloads_as_csv_with_the_guard_applied():
    response = table_response("demand-force-2024-06", HEADERS, ROWS, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="demand-force-2024-06.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == HEADERS
    assert rows[1] == ["'=SUM(B1:B9)", "3"]
    assert rows[2] == ["'-1+1", "-4"]


def test_a_table_downloads_as_xlsx_with_bold_headings_and_the_guard_applied():
    response = table_response("a-sheet-name-longer-than-excel-allows", HEADERS, ROWS, "xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "a-sheet-name-longer-than-excel-"
    assert [c.value for c in sheet[1]] == HEADERS and sheet["A1"].font.bold
    assert sheet["A2"].value == "'=SUM(B1:B9)" and sheet["A2"].data_type == "s"
    assert sheet["B3"].value == -4


def test_a_table_does_not_download_as_pdf():
    with pytest.raises(ValueError, match="csv or xlsx"):
        table_response("t", HEADERS, ROWS, "pdf")


def test_any_rendered_body_downloads_with_its_content_type_and_name():
    response = download_response(b"%PDF-1.4", filename="report-E09000028-2024-06", fmt="pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="report-E09000028-2024-06.pdf"'
    assert response.content == b"%PDF-1.4"


def test_a_file_name_with_a_quote_cannot_end_the_header_early():
    response = download_response("x", filename='a"b', fmt="csv")
    assert response["Content-Disposition"] == 'attachment; filename="a\\"b.csv"'
