"""A pack's sections as stored (MeetingPack.sections): plain JSON with every cell already written as the
page, the print and the PDF show it, so that a pack reads the same whenever it is opened."""

from datetime import date

from sn.core.exports import NumberFormat
from sn.core.registries import ReportSection, Table


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else ""


def cell_text(value, number_format: NumberFormat | None = None) -> str | int:
    if value is None:
        return "–"
    if isinstance(value, date):
        return long_date(value)
    if number_format is not None and isinstance(value, int | float):
        return number_format.text(value)
    if isinstance(value, float):
        return f"{value:,.1f}"
    return value


def table_dict(table: Table) -> dict:
    return {
        "caption": table.caption,
        "headers": list(table.headers),
        "rows": [[cell_text(v, table.formats.get(i)) for i, v in enumerate(row)] for row in table.rows],
        "numeric_from": table.numeric_from,
    }


def section_dict(section: ReportSection) -> dict:
    return {
        "key": section.key,
        "title": section.title,
        "as_at": section.as_at.isoformat() if section.as_at else "",
        "dates": section_dates(section),
        "summary": list(section.summary),
        "tables": [table_dict(t) for t in section.tables],
        "note": section.note,
    }


def section_dates(section: ReportSection) -> str:
    parts = []
    if section.as_at:
        parts.append(f"As at {long_date(section.as_at)}.")
    if section.period:
        parts.append(f"Covers {section.period}.")
    return " ".join(parts)
