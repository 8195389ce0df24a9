"""Monthly reports are a list of sections; each app contributes the sections it knows about.

An app registers a `ReportSectionProvider` in `sn.core.registries.REPORT_SECTIONS` from its hooks
(staffing from teams, crime and demand from crime, the survey from performance). Later parts of the
cycle add theirs the same way; the renderers (HTML for print, XLSX, PDF) need no change.
"""

from datetime import date

from sn.core.registries import REPORT_SECTIONS, ReportSection, Table  # noqa: F401 - the report's parts
from sn.geography.models import Borough, Neighbourhood

Area = Borough | Neighbourhood


def build_sections(area: Area, month: date) -> list[ReportSection]:
    return [s for provider in REPORT_SECTIONS if (s := provider.build(area, month)) is not None]
