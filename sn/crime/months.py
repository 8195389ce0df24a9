"""Calendar months as the incident data counts them: the first day of each month."""

from datetime import date

from django.db.models import Count
from django.utils import timezone

from sn.incidents.models import IncidentMonthly

# police.uk street-level data starts in December 2010; anything far outside is a typing slip.
MIN_YEAR, MAX_YEAR = 2000, 2100


def add_months(month: date, count: int) -> date:
    """The first day of the month `count` months after (or before, if negative) `month`."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_span(end_month: date, months: int) -> list[date]:
    """The `months` months ending with `end_month`, oldest first."""
    end_month = end_month.replace(day=1)
    return [add_months(end_month, -i) for i in range(months - 1, -1, -1)]


def latest_month() -> date | None:
    """The latest month whose data is complete, or None before the first import.

    Complete means holding as many categories as the fullest month does: a month with only one
    category loaded (say burglary published ahead of the rest) would make every "latest 12 months"
    page a page about burglary.
    """
    per_month = list(
        IncidentMonthly.objects.values("month")
        .annotate(categories=Count("category", distinct=True))
        .order_by()
    )
    if not per_month:
        return None
    fullest = max(row["categories"] for row in per_month)
    return max(row["month"] for row in per_month if row["categories"] == fullest)


def default_end_month() -> date:
    """The latest month with data; before any import, last calendar month (so pages show zeros)."""
    return latest_month() or add_months(timezone.localdate().replace(day=1), -1)


def parse_month(text: str) -> date:
    """ "2024-03" to date(2024, 3, 1); ValueError with a message for anything else."""
    try:
        year, month = (int(part) for part in text.split("-"))
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise ValueError
        return date(year, month, 1)
    except ValueError:
        raise ValueError(f"Enter the month as year and month, like 2024-03 (got {text!r})") from None
