"""Long tables on the server: ?sort= and ?dir= order the rows, ?q= keeps the rows whose text holds what
was typed, ?page= shows one page of them with GOV.UK pagination.

Server-side rather than in the browser, so that it works without JavaScript, a sorted or filtered table
has an address that can be shared, and a page of 50 rows is what a phone receives instead of 700. The
column headings are links that say which way the rows run (`aria-sort`); the links and the filter form
keep every other parameter of the address (the period, say). A ?sort= or ?dir= the links never make
came from an edited address and gets the 400 page naming it; a page past the last shows the last.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict

from sn.core.parameters import bad_parameter

SORT, DIRECTION, QUERY, PAGE = "sort", "dir", "q", "page"
ASCENDING, DESCENDING = "asc", "desc"
ARIA = {ASCENDING: "ascending", DESCENDING: "descending"}
_LONGEST_QUERY = 100


@dataclass(frozen=True)
class Column:
    """A column the rows can be sorted by: `value(row)` is the sort key (None sorts last either way)."""

    key: str
    label: str
    value: Callable[[Any], Any]
    first: str = ASCENDING  # the direction of the first click: numbers usually biggest first
    ways: tuple[str, str] = ("lowest first", "highest first")  # ascending and descending, in words


@dataclass(frozen=True)
class Heading:
    """What a column heading shows: a link that sorts by the column, and how the rows run now."""

    label: str
    href: str
    aria_sort: str  # "ascending", "descending" or "none"
    next_label: str  # what the link does, for a screen reader: "sort by Crime, highest first"


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: the ellipsis between page numbers
    href: str = ""
    current: bool = False


@dataclass
class Table:
    """One request's view of a long table."""

    rows: list  # the rows to show: sorted, filtered, this page's
    total: int  # rows before filtering
    matched: int  # rows after filtering
    sort: str
    direction: str
    query: str
    headings: dict[str, Heading] = field(default_factory=dict)
    page: Page | None = None
    pages: list[PageLink] = field(default_factory=list)
    previous_href: str = ""
    next_href: str = ""
    kept: list[tuple[str, str]] = field(default_factory=list)  # other parameters, for the filter form
    order: str = ""  # how the rows run, in words: "crime, highest first"
    default_order: bool = True  # the rows run as they came (sorted by the default)
    error: tuple[str, str, str] | None = None  # (parameter, value, why) when the address cannot be used

    def bad_request(self, request: HttpRequest) -> HttpResponse:
        name, value, why = self.error
        return bad_parameter(request, name=name, value=value, error=why)


def _href(params: QueryDict, **changes) -> str:
    query = params.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value not in (None, ""):
            query[name] = str(value)
    return "?" + query.urlencode() if query else "?"


def _sorted(rows: Sequence, column: Column, direction: str) -> list:
    present = [r for r in rows if column.value(r) is not None]
    missing = [r for r in rows if column.value(r) is None]
    # Python's sort is stable, so rows with equal values keep the order they came in (busiest first).
    return sorted(present, key=column.value, reverse=direction == DESCENDING) + missing


def _page_links(params: QueryDict, page: Page) -> list[PageLink]:
    """GOV.UK pagination: the first and last pages, the current one and its neighbours, ellipses between."""
    last, current = page.paginator.num_pages, page.number
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    links: list[PageLink] = []
    for number in shown:
        if links and number - links[-1].number > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, _href(params, page=number if number > 1 else None), number == current))
    return links


def table(
    request: HttpRequest,
    rows: Sequence,
    *,
    columns: Sequence[Column],
    default: tuple[str, str],
    text: Callable[[Any], str] | None = None,
    per_page: int | None = None,
) -> Table:
    """The rows as ?sort=, ?dir=, ?q= and ?page= ask. `default` is the (column key, direction) the rows
    already come in; `text(row)` is what ?q= searches (none: no filter); `per_page` None: one page."""
    params = request.GET.copy()
    params.pop("format", None)
    by_key = {c.key: c for c in columns}
    sort = params.get(SORT) or default[0]
    first = default[1] if sort == default[0] else by_key.get(sort, columns[0]).first
    direction = params.get(DIRECTION) or first
    query = " ".join(params.get(QUERY, "").split())[:_LONGEST_QUERY]
    result = Table(rows=[], total=len(rows), matched=0, sort=sort, direction=direction, query=query)
    if sort not in by_key:
        result.error = (SORT, sort, f"Sort by one of: {', '.join(by_key)}")
        return result
    if direction not in ARIA:
        result.error = (DIRECTION, direction, "Sort direction is asc or desc")
        return result
    matched = list(rows)
    if text and query:
        # The words as typed, together: "borough b" finds Borough B's wards, not every row with a "b".
        wanted = query.casefold()
        matched = [r for r in matched if wanted in " ".join(text(r).casefold().split())]
    if (sort, direction) != default:
        matched = _sorted(matched, by_key[sort], direction)
    result.matched = len(matched)
    result.default_order = (sort, direction) == default
    current = by_key[sort]
    way = current.ways[0] if direction == ASCENDING else current.ways[1]
    result.order = f"{current.label.lower()}, {way}"
    for column in columns:
        now = direction if column.key == sort else None
        then = (DESCENDING if now == ASCENDING else ASCENDING) if now else column.first
        next_way = column.ways[0] if then == ASCENDING else column.ways[1]
        result.headings[column.key] = Heading(
            label=column.label,
            href=_href(params, sort=column.key, dir=then, page=None),
            aria_sort=ARIA[now] if now else "none",
            next_label=f"sort by {column.label.lower()}, {next_way}",
        )
    result.kept = [(k, v) for k, v in params.items() if k not in (QUERY, PAGE)]
    if per_page is None:
        result.rows = matched
        return result
    page_text = params.get(PAGE, "1")
    if not page_text.isdigit() or int(page_text) < 1:
        result.error = (PAGE, page_text, "The page is a whole number from 1")
        return result
    page = Paginator(matched, per_page).get_page(int(page_text))
    result.page, result.rows = page, list(page.object_list)
    if page.paginator.num_pages > 1:
        result.pages = _page_links(params, page)
        if page.has_previous():
            number = page.previous_page_number()
            result.previous_href = _href(params, page=number if number > 1 else None)
        if page.has_next():
            result.next_href = _href(params, page=page.next_page_number())
    return result
