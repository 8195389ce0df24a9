"""The registries of the platform: what higher apps add to pages, reports and resolvers that lower
apps own. Each app fills them from its `hooks.py`, imported in its `AppConfig.ready()`.

- NAVIGATION: the header links.
- WARD_PANELS: the sections of the internal ward page (one selector builds them all).
- PUBLIC_PANELS: the sections of the public ward page.
- REPORT_SECTIONS: the sections of the monthly ward and borough reports.
- HISTORY_RECORDS: the record types whose change history a supervisor can open, and how each finds
  the neighbourhoods that decide who may see it.
- ROUTE_RULES: access rules of routes whose view is not a plain Django view (the API's operations),
  by URL name, for the generated permissions table.
- WORK_ITEMS: what the home page lists as needing doing, for the user who signed in.
- STRATEGIC_SECTIONS: the sections of a ward's strategic profile (form 301).
- SCORECARD_MEASURES: the Neighbourhood Policing Guarantee's measures (issue 14), each computed per ward
  from the records its app holds and summed to borough and force by the scorecard.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Model

from sn.core.exports import NumberFormat
from sn.core.registry import Registry


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    order: int
    # The link for this user, or None when the item is not theirs (checked with their permissions).
    href: Callable[[Any], str | None]


@dataclass(frozen=True)
class Panel:
    """A section of a page about one neighbourhood. `build(user, neighbourhood)` returns the
    template's context, or None when the panel has nothing to show this user; it is called only
    when the user holds `permission` (None: anyone who may open the page)."""

    key: str
    title: str
    order: int
    template: str
    build: Callable[[Any, Any], dict | None]
    permission: str | None = None


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[Any]]
    numeric_from: int = 1  # columns from this index are right-aligned numbers
    sheet: str = ""  # the table's sheet in a workbook, within Excel's 31 characters (default: caption)
    # How the numbers of a column (by index) are shown, the same in a workbook, on a page and in a PDF.
    formats: dict[int, NumberFormat] = field(default_factory=dict)


@dataclass
class ReportSection:
    key: str
    title: str
    summary: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    note: str = ""
    # Sections draw on data of different ages, so each says when its figures stand (a snapshot, such as
    # staffing) or the period they cover, in words ("July 2023 to June 2024"); every format shows it.
    as_at: date | None = None
    period: str = ""


@dataclass(frozen=True)
class ReportSectionProvider:
    """`build(area, report_date)` for a Borough or a Neighbourhood; None when it has nothing to say. The
    report date is today for this month's report and the month's last day for an earlier one; a section
    shows its figures as they stood then, or its latest data by then. As with a page's panels, it is
    built only for a user holding `permission` (None: anyone who may open the report)."""

    key: str
    order: int
    build: Callable[[Any, date], ReportSection | None]
    permission: str | None = None


@dataclass(frozen=True)
class HistoryRecord:
    key: str
    model: type[Model]
    neighbourhoods_of: Callable[[Model], Iterable[Any]]


@dataclass(frozen=True)
class RouteRule:
    url_name: str
    rule: Any  # sn.core.access.AccessRule


@dataclass(frozen=True)
class WorkItem:
    """One thing that needs doing, on someone's home page: what, where it is done, and how late."""

    title: str
    url: str
    area: str = ""  # the ward, cluster or borough it belongs to, as people name it
    due: date | None = None
    overdue: bool = False
    detail: str = ""
    # Worst first: items sort by (overdue, urgency, due date); a compliance shortfall's size, say.
    urgency: int = 0


@dataclass(frozen=True)
class WorkItemProvider:
    """`build(user)` returns the user's items of one kind (an empty list when none), only for a user
    holding `permission` (None: anyone signed in). Items are scoped to what the user may see."""

    key: str
    heading: str
    order: int
    build: Callable[[Any], list[WorkItem]]
    permission: str | None = None


class MeasureUnit:
    PERCENT = "percent"  # 100 * sum(numerators) / sum(denominators)
    COUNT = "count"  # sum(numerators); denominators ignored, unless the measure says a count needs data
    MEAN = "mean"  # sum(numerators) / sum(denominators), in the measure's own unit (hours, days)


@dataclass(frozen=True)
class ScorecardMeasure:
    """One measure of the Guarantee scorecard.

    `figures(start, end)` returns, for the half-open period [start, end), {ward id: (numerator,
    denominator)} for every ward with anything to count, read from the records (nothing typed in by hand).
    The scorecard sums numerators and denominators over a borough or the force, so a ratio is never an
    average of ratios. It must run a few aggregate queries for the whole force, not a query per ward:
    the force scorecard for a month has a p95 budget of 500 ms for all measures together.
    """

    key: str
    label: str
    # What is counted and from which records, as the national return would define it. The public reads
    # it, so it names no setting: a definition that depends on settings is a callable returning the text
    # with the current values in words (read each time, so a changed setting shows without a restart).
    definition: str | Callable[[], str]
    part: str  # the Guarantee heading it sits under ("Community queries", "ASB", ...)
    unit: str  # a MeasureUnit
    order: int
    figures: Callable[[date, date], dict[int, tuple[float, float]]]
    higher_is_better: bool = True
    target: float | None = None  # in the unit shown (a percentage for PERCENT)
    public: bool = True  # shown on the public scorecard pages
    unit_label: str = ""  # for MEAN: "hours", "days"
    # For a COUNT whose source may not cover the period (police.uk crime arrives months late): each ward
    # with data gives a denominator of 1, and an area whose wards gave none has "No data", not 0.
    count_needs_data: bool = False

    @property
    def definition_text(self) -> str:
        text = self.definition() if callable(self.definition) else self.definition
        return (text or "").strip()

    def __post_init__(self):
        if not self.definition_text:
            raise ValueError(f"Scorecard measure {self.key!r}: a figure needs a definition")
        if self.unit not in (MeasureUnit.PERCENT, MeasureUnit.COUNT, MeasureUnit.MEAN):
            raise ValueError(f"Scorecard measure {self.key!r}: unknown unit {self.unit!r}")


NAVIGATION: Registry[NavItem] = Registry("navigation", key=lambda e: e.key, order=lambda e: e.order)
WARD_PANELS: Registry[Panel] = Registry("ward panels", key=lambda e: e.key, order=lambda e: e.order)
PUBLIC_PANELS: Registry[Panel] = Registry("public panels", key=lambda e: e.key, order=lambda e: e.order)
REPORT_SECTIONS: Registry[ReportSectionProvider] = Registry(
    "report sections", key=lambda e: e.key, order=lambda e: e.order
)
HISTORY_RECORDS: Registry[HistoryRecord] = Registry("history records", key=lambda e: e.key)
ROUTE_RULES: Registry[RouteRule] = Registry("route rules", key=lambda e: e.url_name)
WORK_ITEMS: Registry[WorkItemProvider] = Registry("work items", key=lambda e: e.key, order=lambda e: e.order)
# Built with (neighbourhood, date) like a ward's report section.
STRATEGIC_SECTIONS: Registry[ReportSectionProvider] = Registry(
    "strategic profile sections", key=lambda e: e.key, order=lambda e: e.order
)
SCORECARD_MEASURES: Registry[ScorecardMeasure] = Registry(
    "scorecard measures", key=lambda e: e.key, order=lambda e: e.order
)

ALL_REGISTRIES = (
    NAVIGATION,
    WARD_PANELS,
    PUBLIC_PANELS,
    REPORT_SECTIONS,
    HISTORY_RECORDS,
    ROUTE_RULES,
    WORK_ITEMS,
    STRATEGIC_SECTIONS,
    SCORECARD_MEASURES,
)
