"""A report as a download: XLSX (a sheet per table) or PDF (A4, tables with repeating headers).

The HTML page, the PDF and the workbook show the same text for every cell (cell_text()); the workbook
keeps numbers as numbers in the table's number formats instead.
"""

import io
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from sn.core.exports import NumberFormat, sheet_title, xlsx_row
from sn.reports.sections import ReportSection, Table, section_dates

BOLD = Font(bold=True)


def cell_text(value, number_format: NumberFormat | None = None) -> str:
    if value is None:
        return "–"
    if number_format is not None and isinstance(value, int | float):
        return number_format.text(value)
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def text_rows(table: Table) -> list[list[str]]:
    return [[cell_text(v, table.formats.get(i)) for i, v in enumerate(row)] for row in table.rows]


def render_xlsx(title: str, dated: str, sections: list[ReportSection]) -> bytes:
    """A Contents sheet (the title, the report date, each section's dates, summary and note) and a
    sheet per table: its caption, its section's dates (a sheet is often read on its own), headings."""
    workbook = Workbook()
    contents = workbook.active
    contents.title = "Contents"
    xlsx_row(contents, [title], font=Font(bold=True, size=14))
    xlsx_row(contents, [dated])
    used = {"contents"}
    for section in sections:
        dates = section_dates(section)
        xlsx_row(contents, [])
        xlsx_row(contents, [section.title], font=BOLD)
        if dates:
            xlsx_row(contents, [dates])
        for line in section.summary:
            xlsx_row(contents, [line])
        for table in section.tables:
            sheet = workbook.create_sheet(sheet_title(table.sheet or table.caption, used))
            xlsx_row(sheet, [table.caption], font=BOLD)
            xlsx_row(sheet, [dates])
            xlsx_row(sheet, table.headers, font=BOLD)
            for row in table.rows:
                xlsx_row(sheet, row, formats=table.formats)
        if section.note:
            xlsx_row(contents, [section.note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value, style) -> Paragraph:
    """A paragraph showing `value` as written: reportlab reads a paragraph's text as markup, so data
    holding "<b>" would break the document and "<img src=...>" would read a file from disk."""
    return Paragraph(escape(str(value)), style)


def _cells(texts: list[str], numeric_from: int, text_style, number_style) -> list[Paragraph]:
    return [_text(t, number_style if i >= numeric_from else text_style) for i, t in enumerate(texts)]


def render_pdf(title: str, subtitle: str, sections: list[ReportSection]) -> bytes:
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    bold = small.clone("small-bold", fontName="Helvetica-Bold")
    # Numbers line up on their right, as on the page.
    numeric, numeric_bold = (
        style.clone(f"{style.name}-numeric", alignment=TA_RIGHT) for style in (small, bold)
    )
    dates_style = styles["BodyText"].clone("dates", fontName="Helvetica-Oblique")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=title,
        author="Safer Neighbourhoods",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    story = [_text(title, styles["Title"]), _text(subtitle, styles["Normal"]), Spacer(1, 6 * mm)]
    for section in sections:
        story.append(_text(section.title, styles["Heading2"]))
        if dates := section_dates(section):
            story.append(_text(dates, dates_style))
        story.extend(_text(line, styles["BodyText"]) for line in section.summary)
        for table in section.tables:
            story.append(_text(table.caption, styles["Heading4"]))
            data = [_cells(table.headers, table.numeric_from, bold, numeric_bold)]
            data += [_cells(row, table.numeric_from, small, numeric) for row in text_rows(table)]
            flowable = LongTable(data, repeatRows=1, hAlign="LEFT")
            flowable.setStyle(
                TableStyle(
                    [
                        ("LINEBELOW", (0, 0), (-1, 0), 1, colors.black),
                        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ]
                )
            )
            story.extend([flowable, Spacer(1, 4 * mm)])
        if section.note:
            story.append(_text(section.note, small))
    document.build(story)
    return buffer.getvalue()
