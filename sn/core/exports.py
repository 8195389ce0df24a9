"""Downloads: which format a page was asked for (?format=), and the response that carries the file.

Every page with downloads reads the format with requested_format() and answers with table_response()
(a plain table as CSV or XLSX) or download_response() (a body it rendered itself, as the reports do),
so content types, file names and the spreadsheet formula guard are decided here once.
"""

import csv
import io
from collections.abc import Collection, Iterable, Sequence

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.styles import Font

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
TABLE_FORMATS = ("csv", "xlsx")

# A text cell starting with one of these is read by spreadsheets as a formula (OWASP, "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def requested_format(request: HttpRequest, offered: Collection[str] = TABLE_FORMATS) -> str | None:
    """The download ?format= asks for, or None for the page itself. A format the page does not offer
    is not found, as a page at that address would not be."""
    fmt = request.GET.get("format")
    if not fmt:
        return None
    if fmt not in offered:
        raise Http404("Unknown download format")
    return fmt


def download_response(body: bytes | str, *, filename: str, fmt: str) -> HttpResponse:
    """`body` as an attachment named `filename`.`fmt`."""
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, f"{filename}.{fmt}")
    return response


def safe_cell(value):
    """A spreadsheet cell's value, with text that would start a formula kept as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def table_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]  # Excel's limit on a sheet's name
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def table_response(filename: str, headers: Sequence[str], rows: Iterable[Sequence], fmt: str) -> HttpResponse:
    """A table as a CSV or XLSX download; `fmt` comes from requested_format()."""
    if fmt == "csv":
        body = table_csv(headers, rows)
    elif fmt == "xlsx":
        body = table_xlsx(filename, headers, rows)
    else:
        raise ValueError(f"a table downloads as {' or '.join(TABLE_FORMATS)}, not {fmt!r}")
    return download_response(body, filename=filename, fmt=fmt)
