"""Calendar months, held as the first day of the month, and the ?month= that sets a page's period.

The arithmetic is pure; parse_month() is the one reader of a typed month and requested_month() the one
reader of ?month=, so that every page taking a month accepts the same spellings, within the same
bounds, and explains a slip in the same words. No models: core is the lowest layer, and the month
with the latest data is the crime app's to know (sn.crime.months).
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone

from sn.core.parameters import bad_parameter

# Nothing the service holds is older: police.uk street-level data starts in December 2010 and the
# survey in 2006. An earlier month is a typing slip, and refusing it keeps add_months() clear of the
# year-1 limit of date.
EARLIEST_MONTH = date(2000, 1, 1)
PARAMETER = "month"
_YEAR_MONTH = re.compile(r"([0-9]+)-([0-9]+)")
_SHOWN = 20  # characters of a slip quoted back in a message


def add_months(month: date, count: int) -> date:
    """The first day of the month `count` months after (or before, if negative) `month`."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_span(end_month: date, months: int) -> list[date]:
    """The `months` months ending with `end_month`, oldest first."""
    end_month = end_month.replace(day=1)
    return [add_months(end_month, -i) for i in range(months - 1, -1, -1)]


def span_words(first: date, last: date) -> str:
    """A run of months in words: "March 2024", "March to May 2024", "December 2023 to May 2024"."""
    if first == last:
        return f"{first:%B %Y}"
    if first.year == last.year:
        return f"{first:%B} to {last:%B %Y}"
    return f"{first:%B %Y} to {last:%B %Y}"


def months_in_words(months) -> str:
    """Months (first days, any order) as their consecutive runs in words, joined by commas."""
    runs: list[list[date]] = []
    for month in sorted(months):
        if runs and add_months(runs[-1][-1], 1) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(span_words(run[0], run[-1]) for run in runs)


def month_end(month: date) -> date:
    """The last day of the month `month` falls in."""
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def this_month() -> date:
    """The first day of the current month, in the service's time zone."""
    return timezone.localdate().replace(day=1)


def parse_month(text: str, *, latest: date | None = None) -> date:
    """ "2024-03" (or "2024-3") to date(2024, 3, 1), from EARLIEST_MONTH to `latest` (by default this
    month: no data is from the future); anything else is a ValueError whose message can be shown to
    the person who typed it."""
    latest = latest or this_month()
    match = _YEAR_MONTH.fullmatch(text)
    if not match:
        raise ValueError(f"Enter the month as year and month, like 2024-03 (got {_quoted(text)})")
    year, month = match.groups()
    if len(month) > 2 or not 1 <= int(month) <= 12:
        raise ValueError(f"Enter a month from 01 to 12 (got {_quoted(text)})")
    # Length before int(): int() of a few thousand digits is itself an error, and a slow one. Compared
    # as numbers, not dates, because date() has no year 0.
    asked = (int(year), int(month)) if len(year) == 4 else (0, 0)
    if not (EARLIEST_MONTH.year, EARLIEST_MONTH.month) <= asked <= (latest.year, latest.month):
        raise ValueError(f"Enter a month from {EARLIEST_MONTH:%Y-%m} to {latest:%Y-%m} (got {_quoted(text)})")
    return date(int(year), int(month), 1)


def _quoted(text: str) -> str:
    return repr(text) if len(text) <= _SHOWN else f"{text[:_SHOWN]!r}... ({len(text)} characters)"


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

    def bad_request(self, request: HttpRequest) -> HttpResponse:
        """The 400 page naming ?month= and why it cannot be used, for a response with no period form
        to show the error in (a report, a download, map data). Call it when `error` is set."""
        return bad_parameter(request, name=PARAMETER, value=self.text, error=self.error)

    def or_404(self) -> date | None:
        """The month, or not found for a month that cannot be read. Superseded by bad_request(), which
        says what was wrong; kept until the reports app has moved to it."""
        if self.error:
            raise Http404(self.error)
        return self.month


def requested_month(request: HttpRequest) -> RequestedMonth:
    """?month=YYYY-MM. Pages with a period form show `error` beside it and fall back to their default
    period; the rest answer with bad_request() when `error` is set."""
    text = request.GET.get(PARAMETER, "").strip()
    if not text:
        return RequestedMonth(text="", month=None)
    try:
        return RequestedMonth(text=text, month=parse_month(text))
    except ValueError as error:
        return RequestedMonth(text=text, month=None, error=str(error))
