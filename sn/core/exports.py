"""Downloads: which format a page was asked for (?format=), and the files the service writes.

Every page with downloads reads the format with requested_format() and answers with table_response()
(a plain table as CSV or XLSX) or download_response() (a body it rendered itself, as the reports do).
Every spreadsheet and CSV the service writes (table downloads, the report workbook, the import's
rejects report) passes its cells through safe_cell(), writes CSV with a byte-order mark and sheets
with xlsx_row(), so the formula guard, number formats and sheet names are decided here once.
"""

import csv
import io
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}
TABLE_FORMATS = ("csv", "xlsx")

# A text cell starting with one of these is read by spreadsheets as a formula (OWASP, "CSV injection"):
# tab and carriage return because a spreadsheet may drop them and read what follows.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Excel opens a CSV as UTF-8 only when it starts with the byte-order mark; without it "–" and "é" come
# out as mojibake.
BOM = "\ufeff"
# Excel's rules for a sheet's name: 31 characters, none of these, no apostrophe at either end, unique
# ignoring case, and "History" is its own.
SHEET_NAME_LIMIT = 31
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED_SHEET_NAMES = {"history"}


@dataclass(frozen=True)
class NumberFormat:
    """How a number is shown: `excel` is the workbook's number format, `spec` the format() spec giving
    the same text on a page or in a PDF, `zero` the text for exactly zero when the sign would mislead
    (a change of nothing is "0%", not "+0%"), and `trim` drops a ".0" (Excel's General does too)."""

    excel: str
    spec: str
    zero: str | None = None
    trim: bool = False

    def text(self, value: float) -> str:
        if value == 0 and self.zero is not None:
            return self.zero
        text = format(value, self.spec)
        return text.removesuffix(".0") if self.trim else text


# A head count: whole, or to a tenth where a sergeant shared by several teams splits (as the pages).
COUNT = NumberFormat("General", ",.1f", trim=True)
ONE_DECIMAL = NumberFormat("#,##0.0", ",.1f")
PERCENT = NumberFormat("0%", ".0%")
CHANGE = NumberFormat("+0%;-0%;0%", "+.0%", zero="0%")


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
    """A spreadsheet or CSV cell's value, with text that would start a formula kept as text (prefixed
    with an apostrophe, as OWASP advises). Numbers, dates and None are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def sheet_title(text: str, used: set[str]) -> str:
    """A sheet name Excel accepts for `text`: forbidden characters dropped, cut at a word to fit, and
    numbered when the name is taken. `used` (lower case) is updated."""
    name = " ".join(_SHEET_NAME_FORBIDDEN.sub(" ", text).split()).strip("'") or "Sheet"
    base, number = _fit(name, SHEET_NAME_LIMIT), 1
    name = base
    while name.lower() in used | _RESERVED_SHEET_NAMES:
        number += 1
        suffix = f" ({number})"
        name = _fit(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
    used.add(name.lower())
    return name


def _fit(text: str, limit: int) -> str:
    """`text` cut to `limit` characters at the last space or hyphen, or mid-word if it has none."""
    if len(text) <= limit:
        return text
    cut = max(text.rfind(" ", 0, limit + 1), text.rfind("-", 0, limit + 1))
    return (text[:cut] if cut > 0 else text[:limit]).rstrip(" -'")


def xlsx_row(
    sheet: Worksheet,
    values: Sequence,
    *,
    formats: Mapping[int, NumberFormat] | None = None,
    font: Font | None = None,
) -> None:
    """Append a row: text through safe_cell() and stripped of the control characters a workbook cannot
    hold; numbers as numbers, in the format `formats` gives their column (by index)."""
    cells = []
    for value in values:
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", safe_cell(value))
        cells.append(value)
    sheet.append(cells)
    for index, cell in enumerate(sheet[sheet.max_row]):
        if font is not None:
            cell.font = font
        number_format = (formats or {}).get(index)
        if number_format is not None and isinstance(cell.value, int | float):
            cell.number_format = number_format.excel


def table_csv(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(h) for h in headers])
    writer.writerows([safe_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def table_xlsx(title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title(title, set())
    xlsx_row(sheet, headers, font=Font(bold=True))
    for row in rows:
        xlsx_row(sheet, row)
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
