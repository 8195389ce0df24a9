"""A monthly report as a document, the same whether a page downloads it or a job puts it in a zip: its
title, its subtitle and its PDF as `user` may see it."""

from datetime import date

from sn.reports.renderers import render_pdf
from sn.reports.sections import Area, build_sections, long_date


def report_title(area: Area, month: date) -> str:
    return f"{area.name}: monthly report, {month:%B %Y}"


def report_dated(day: date) -> str:
    return f"Report date: {long_date(day)}"


def report_pdf(user, area: Area, kind: str, month: date, day: date) -> bytes:
    sections = build_sections(user, area, day)
    return render_pdf(report_title(area, month), f"{kind} · {area.code} · {report_dated(day)}", sections)


def report_filename(slug: str, month: date) -> str:
    """Without the extension, as sn.core.exports.download_response adds it."""
    return f"report-{slug}-{month:%Y-%m}"
