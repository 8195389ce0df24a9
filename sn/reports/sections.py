"""Monthly reports are a list of sections; each app contributes the sections it knows about.

A section provider is a function (area, month) -> ReportSection | None, registered with @section.
Later parts of the cycle (engagement, priorities, problem solving, activity) add their own sections by
registering more providers; the renderers (HTML for print, XLSX, PDF) need no change.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sn.geography.models import Borough, Neighbourhood

Area = Borough | Neighbourhood


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Any]]
    numeric_from: int = 1  # columns from this index are right-aligned numbers


@dataclass
class ReportSection:
    key: str
    title: str
    summary: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    note: str = ""


SectionProvider = Callable[[Area, date], ReportSection | None]
_providers: list[tuple[int, SectionProvider]] = []


def section(order: int) -> Callable[[SectionProvider], SectionProvider]:
    def register(provider: SectionProvider) -> SectionProvider:
        _providers.append((order, provider))
        _providers.sort(key=lambda item: item[0])
        return provider

    return register


def build_sections(area: Area, month: date) -> list[ReportSection]:
    import sn.reports.providers  # noqa: F401 - registers the built-in sections

    return [s for _, provider in _providers if (s := provider(area, month)) is not None]
