"""Calendar months, held as the first day of the month, and the ?month= that sets a page's period.

The arithmetic is pure; requested_month() is the one reader of ?month=, so that every page taking a
month accepts the same spellings and explains a slip in the same words. No models: core is the lowest
layer, and the month with the latest data is the crime app's to know (sn.crime.months).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.http import Http404, HttpRequest

# police.uk street-level data starts in December 2010; a year far outside is a typing slip. Refusing
# it here also keeps add_months() clear of the year 1 and 9999 limits of date.
MIN_YEAR, MAX_YEAR = 2000, 2100
_YEAR_MONTH = re.compile(r"([0-9]+)-([0-9]+)")


def add_months(month: date, count: int) -> date:
    """The first day of the month `count` months after (or before, if negative) `month`."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_span(end_month: date, months: int) -> list[date]:
    """The `months` months ending with `end_month`, oldest first."""
    end_month = end_month.replace(day=1)
    return [add_months(end_month, -i) for i in range(months - 1, -1, -1)]


def month_end(month: date) -> date:
    """The last day of the month `month` falls in."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def parse_month(text: str) -> date:
    """ "2024-03" (or "2024-3") to date(2024, 3, 1); anything else is a ValueError whose message can be
    shown to the person who typed it."""
    match = _YEAR_MONTH.fullmatch(text)
    if not match:
        raise ValueError(f"Enter the month as year and month, like 2024-03 (got {text!r})")
    year, month = match.groups()
    # Length first: int() of a few thousand digits is itself an error, and a slow one.
    if len(year) != 4 or not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise ValueError(f"Enter a year from {MIN_YEAR} to {MAX_YEAR} (got {text!r})")
    if len(month) > 2 or not 1 <= int(month) <= 12:
        raise ValueError(f"Enter a month from 01 to 12 (got {text!r})")
    return date(int(year), int(month), 1)


@dataclass(frozen=True)
class RequestedMonth:
    """What a page's ?month= asked for."""

    text: str  # as typed, to show back in the period form
    month: date | None  # None when not asked for, or when the text could not be read
    error: str = ""  # why the text could not be read

    @property
    def query(self) -> str:
        """The query string that keeps a page's links (downloads, map data) on the period it shows.
        A month that could not be read is left out: the page fell back to the default period."""
        return urlencode({"month": f"{self.month:%Y-%m}"}) if self.month else ""

    def or_404(self) -> date | None:
        """The month, for a response with no form to show the error on (a report, a download, map
        data): there a month that cannot be read is not found."""
        if self.error:
            raise Http404(self.error)
        return self.month


def requested_month(request: HttpRequest) -> RequestedMonth:
    """?month=YYYY-MM. Pages with a period form show `error` beside it and fall back to their default
    period; the rest call or_404()."""
    text = request.GET.get("month", "").strip()
    if not text:
        return RequestedMonth(text="", month=None)
    try:
        return RequestedMonth(text=text, month=parse_month(text))
    except ValueError as error:
        return RequestedMonth(text=text, month=None, error=str(error))
