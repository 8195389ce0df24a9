"""A meeting's pack as a PDF (A4, tables with repeating headers), laid out as the monthly reports' PDFs
are (sn.reports.renderers) from the pack's stored sections. The pack page's download and the pack job
make it alike (pack_pdf)."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from sn.tasking.pack.serial import long_date

LONGEST_CELL = 1200  # characters: a cell taller than a page cannot be laid out at all


def _text(value, style) -> Paragraph:
    """Text as written: reportlab reads a paragraph as markup, and a case title holding "<b>" (or an
    image tag) must neither break the document nor reach the file system."""
    text = str(value)
    if len(text) > LONGEST_CELL:
        text = text[:LONGEST_CELL] + "… (cut short; the page shows it whole)"
    return Paragraph(escape(text), style)


def _widths(columns: int, first_number: int, available: float) -> list[float]:
    """Numbers narrow, text sharing the rest: without widths a paragraph takes the page's whole width
    and a long cell (a theme's wards) cannot fit on a page."""
    numbers = max(columns - first_number, 0)
    number_width = min(24 * mm, available / columns)
    text_width = (available - numbers * number_width) / max(columns - numbers, 1)
    return [text_width if i < first_number else number_width for i in range(columns)]


def render_pack_pdf(title: str, subtitle: str, sections: list[dict]) -> bytes:
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    bold = small.clone("small-bold", fontName="Helvetica-Bold")
    numeric, numeric_bold = (
        style.clone(f"{style.name}-numeric", alignment=TA_RIGHT) for style in (small, bold)
    )
    dates_style = styles["BodyText"].clone("dates", fontName="Helvetica-Oblique")
    buffer = io.BytesIO()
    # Landscape: the stalled cases table has nine columns.
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        title=title,
        author="Safer Neighbourhoods",
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
    )
    story = [_text(title, styles["Title"]), _text(subtitle, styles["Normal"]), Spacer(1, 6 * mm)]
    for section in sections:
        story.append(_text(section["title"], styles["Heading2"]))
        if section.get("dates"):
            story.append(_text(section["dates"], dates_style))
        story.extend(_text(line, styles["BodyText"]) for line in section["summary"])
        for table in section["tables"]:
            first_number = table.get("numeric_from", 1)

            def cells(row, plain, number, first_number=first_number):
                return [_text(v, number if i >= first_number else plain) for i, v in enumerate(row)]

            data = [cells(table["headers"], bold, numeric_bold)]
            data += [cells(row, small, numeric) for row in table["rows"]]
            story.append(_text(table["caption"], styles["Heading4"]))
            flowable = LongTable(
                data,
                colWidths=_widths(len(table["headers"]), first_number, document.width),
                repeatRows=1,
                hAlign="LEFT",
            )
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
        if section.get("note"):
            story.append(_text(section["note"], small))
    document.build(story)
    return buffer.getvalue()


def pack_title(meeting) -> str:
    return f"Pack: {meeting.get_kind_display()}, {meeting.borough.name}, {long_date(meeting.held_on)}"


def pack_pdf(meeting, pack) -> tuple[bytes, str]:
    """The pack's PDF and the name to download it under."""
    prepared = f"As at {long_date(pack.as_at)}; prepared {long_date(pack.prepared_on)}"
    body = render_pack_pdf(pack_title(meeting), prepared, pack.sections)
    return body, f"tasking-pack-{meeting.borough.code}-{meeting.held_on}.pdf"
