"""A report as a download: XLSX (a sheet per table) or PDF (A4, tables with repeating headers)."""

import io
from datetime import date
from xml.sax.saxutils import escape

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from sn.core.exports import safe_cell
from sn.reports.sections import ReportSection


def _cell_text(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _text(value, style) -> Paragraph:
    """A paragraph showing `value` as written: reportlab reads a paragraph's text as markup, so data
    holding "<b>" would break the document and "<img src=...>" would read a file from disk."""
    return Paragraph(escape(str(value)), style)


def render_xlsx(title: str, sections: list[ReportSection]) -> bytes:
    workbook = Workbook()
    contents = workbook.active
    contents.title = "Contents"
    contents.append([title])
    contents["A1"].font = Font(bold=True, size=14)
    used: set[str] = {"Contents"}
    for section in sections:
        contents.append([])
        contents.append([section.title])
        contents.cell(row=contents.max_row, column=1).font = Font(bold=True)
        for line in section.summary:
            contents.append([line])
        for number, table in enumerate(section.tables, start=1):
            name = f"{section.title[:26]} {number}"[:31]
            while name in used:
                name = name[:29] + str(len(used))
            used.add(name)
            sheet = workbook.create_sheet(name)
            sheet.append([table.caption])
            sheet["A1"].font = Font(bold=True)
            sheet.append(table.headers)
            for cell in sheet[2]:
                cell.font = Font(bold=True)
            for row in table.rows:
                sheet.append([safe_cell(v) for v in row])
        if section.note:
            contents.append([section.note])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_pdf(title: str, subtitle: str, sections: list[ReportSection], generated: date) -> bytes:
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
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
    bold = small.clone("small-bold", fontName="Helvetica-Bold")
    story = [_text(title, styles["Title"]), _text(subtitle, styles["Normal"]), Spacer(1, 6 * mm)]
    for section in sections:
        story.append(_text(section.title, styles["Heading2"]))
        story.extend(_text(line, styles["BodyText"]) for line in section.summary)
        for table in section.tables:
            story.append(_text(table.caption, styles["Heading4"]))
            data = [[_text(h, bold) for h in table.headers]]
            data += [[_text(_cell_text(v), small) for v in row] for row in table.rows]
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
    story.append(_text(f"Produced by Safer Neighbourhoods on {generated:%d %B %Y}.", small))
    document.build(story)
    return buffer.getvalue()
