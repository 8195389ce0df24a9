"""Monthly reports are a list of sections; each app contributes the sections it knows about.

An app registers a `ReportSectionProvider` in `sn.core.registries.REPORT_SECTIONS` from its hooks
(staffing from teams, crime and demand from crime, the survey from performance). Later parts of the
cycle add theirs the same way; the renderers (HTML for print, XLSX, PDF) need no change.
"""

from datetime import date

from sn.core.access import has_permission
from sn.core.registries import REPORT_SECTIONS, ReportSection, Table  # noqa: F401 - the report's parts
from sn.geography.models import Borough, Neighbourhood

Area = Borough | Neighbourhood


def build_sections(user, area: Area, month: date) -> list[ReportSection]:
    """The sections `user` may see, in order. A section behind a permission the user lacks is not
    built at all: the report is read by the same people as the pages, and hides what they hide."""
    providers = [p for p in REPORT_SECTIONS if p.permission is None or has_permission(user, p.permission)]
    return [s for provider in providers if (s := provider.build(area, month)) is not None]
