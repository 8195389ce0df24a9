"""Monthly reports are a list of sections; each app contributes the sections it knows about.

An app registers a `ReportSectionProvider` in `sn.core.registries.REPORT_SECTIONS` from its hooks
(staffing from teams, crime and demand from crime, the survey from performance). Later parts of the
cycle add theirs the same way; the renderers (HTML for print, XLSX, PDF) need no change. A report is
for a ward, a cluster or a borough (`Area`), and every provider builds its section for each of them.

A report has one date. This month's report is dated today: it is what people open from the ward and
borough pages, so its staffing must be the staffing those pages show (a staffing figure for the month
of the latest crime data, often months back, read as today's and contradicted them). A report for an
earlier month is dated that month's last day, so that it reads the same whenever it is produced. Each
section then says the date its figures stand at or the period its data covers.
"""

from datetime import date

from django.http import Http404

from sn.core.access import has_permission
from sn.core.months import month_end
from sn.core.registries import REPORT_SECTIONS, ReportSection, Table  # noqa: F401 - the report's parts
from sn.geography.models import Borough, Cluster, Neighbourhood

# A provider handles each kind of area; a cluster's sections are a borough's, for its wards only.
Area = Borough | Cluster | Neighbourhood


def report_date(month: date, *, today: date) -> date:
    """The date of the report for `month`: today for this month, the last day of an earlier month; a
    month to come has no report."""
    if month > today:
        raise Http404("There is no report for a month to come")
    if (month.year, month.month) == (today.year, today.month):
        return today
    return month_end(month)


def build_sections(user, area: Area, day: date) -> list[ReportSection]:
    """The sections `user` may see, in order, as at the report date `day`. A section behind a
    permission the user lacks is not built at all: the report is read by the same people as the
    pages, and hides what they hide."""
    providers = [p for p in REPORT_SECTIONS if p.permission is None or has_permission(user, p.permission)]
    return [s for provider in providers if (s := provider.build(area, day)) is not None]


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def section_dates(section: ReportSection) -> str:
    """When a section's figures stand or what they cover, as every format shows it under its title."""
    parts = []
    if section.as_at:
        parts.append(f"As at {long_date(section.as_at)}.")
    if section.period:
        parts.append(f"Covers {section.period}.")
    return " ".join(parts)
