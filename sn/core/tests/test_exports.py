import csv
import io

import pytest
from django.http import Http404
from django.test import RequestFactory
from openpyxl import Workbook, load_workbook

from sn.core.exports import (
    CHANGE,
    COUNT,
    ONE_DECIMAL,
    PERCENT,
    download_response,
    requested_format,
    safe_cell,
    sheet_title,
    table_response,
    xlsx_row,
)

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
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert rows[1] == ["'=SUM(B1:B9)", "3"]
    assert rows[2] == ["'-1+1", "-4"]


def test_a_table_downloads_as_xlsx_with_bold_headings_and_the_guard_applied():
    response = table_response("a-sheet-name-longer-than-excel-allows", HEADERS, ROWS, "xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "a-sheet-name-longer-than-excel"
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


def test_a_carriage_return_or_tab_at_the_start_is_kept_as_text_but_inner_ones_are_left():
    assert safe_cell("\r=1+1") == "'\r=1+1"
    assert safe_cell("\t+1") == "'\t+1"
    assert safe_cell("Ward\t=1") == "Ward\t=1"


def test_a_csv_download_starts_with_the_byte_order_mark_excel_needs_for_accents_and_dashes():
    response = table_response("t", HEADERS, [["Café – Ward", 1]], "csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [HEADERS, ["Café – Ward", "1"]]


def test_a_long_download_name_makes_a_sheet_name_cut_at_a_word_not_mid_word():
    response = table_response("demand-E09000028-Southwark-borough-2024-06", HEADERS, ROWS, "xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "demand-E09000028-Southwark"


def test_sheet_names_fit_excel_and_stay_unique():
    used: set[str] = set()
    names = [
        sheet_title(text, used)
        for text in (
            "Change on the same months a year earlier",
            "Change on the same months a year earlier",
            "Staffing: posts [filled]?",
            "history",
            "'quoted'",
        )
    ]
    assert names == [
        "Change on the same months a",
        "Change on the same months a (2)",
        "Staffing posts filled",
        "history (2)",
        "quoted",
    ]
    assert all(len(name) <= 31 for name in names)


def test_a_row_written_to_a_sheet_keeps_numbers_as_numbers_in_their_format_and_text_inert():
    workbook = Workbook()
    sheet = workbook.active
    xlsx_row(
        sheet, ["=1+1", 0.25, -0.5, 12.345, "bell\x07", None], formats={1: PERCENT, 2: CHANGE, 3: ONE_DECIMAL}
    )
    a, b, c, d, e, f = sheet[1]
    assert (a.value, a.data_type) == ("'=1+1", "s")
    assert (b.value, b.data_type, b.number_format) == (0.25, "n", "0%")
    assert (c.value, c.number_format) == (-0.5, "+0%;-0%;0%")
    assert (d.value, d.number_format) == (12.345, "#,##0.0")
    assert e.value == "bell", "a control character a workbook cannot hold is dropped, not a 500"
    assert f.value is None


def test_a_number_format_gives_the_same_text_on_a_page_as_in_the_sheet():
    assert PERCENT.text(0.456) == "46%"
    assert CHANGE.text(2.0) == "+200%" and CHANGE.text(-0.04) == "-4%" and CHANGE.text(0) == "0%"
    assert ONE_DECIMAL.text(1234.56) == "1,234.6" and ONE_DECIMAL.text(2) == "2.0"
    assert COUNT.text(2.0) == "2" and COUNT.text(0.5) == "0.5" and COUNT.text(1234) == "1,234"
