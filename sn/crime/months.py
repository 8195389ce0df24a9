"""The months the incident data holds. The arithmetic on months is sn.core.months."""

from datetime import date

from django.db.models import Count
from django.utils import timezone

from sn.core.months import add_months
from sn.incidents.models import Coverage, IncidentMonthly


def latest_month() -> date | None:
    """The latest month whose data is complete, or None before the first import.

    Complete means covered (sn.incidents.models.Coverage) for as many categories as the fullest month
    is: a month with only one category loaded (say burglary published ahead of the rest) would make
    every "latest 12 months" page a page about burglary. A database holding counts with no coverage
    record (a test's rows made directly) is judged by the categories its counts hold.
    """
    rows = Coverage.objects if Coverage.objects.exists() else IncidentMonthly.objects
    per_month = list(rows.values("month").annotate(categories=Count("category", distinct=True)).order_by())
    if not per_month:
        return None
    fullest = max(row["categories"] for row in per_month)
    return max(row["month"] for row in per_month if row["categories"] == fullest)


def default_end_month() -> date:
    """The latest month with data; before any import, last calendar month (so pages show zeros)."""
    return latest_month() or add_months(timezone.localdate().replace(day=1), -1)
