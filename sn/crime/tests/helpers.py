"""Incident counts for tests, written the way the importer's rollup would hold them."""

from datetime import date

from sn.core.months import add_months
from sn.incidents.categories import Category
from sn.incidents.models import CountSource, Coverage, Incident, IncidentMonthly

ASB = Category.ANTI_SOCIAL_BEHAVIOUR
END = date(2024, 6, 1)


def add_monthly(*rows: tuple) -> list[IncidentMonthly]:
    """rows of (neighbourhood, month, category, count)."""
    return IncidentMonthly.objects.bulk_create(
        IncidentMonthly(neighbourhood=n, month=m, category=c, count=k) for n, m, c, k in rows
    )


def add_incidents(neighbourhood, month: date, category: str, location: str, count: int) -> None:
    start = Incident.objects.count()
    Incident.objects.bulk_create(
        Incident(
            source_key=f"test-{start + i}",
            month=month,
            category=category,
            location=location,
            neighbourhood=neighbourhood,
        )
        for i in range(count)
    )


def cover(first: date, last: date, categories=tuple(Category.values), source=CountSource.RECORDS) -> None:
    """Record that the data covers every month from `first` to `last` for `categories`, as a load
    would: without it, no comparison over those months is complete (sn.crime.coverage)."""
    month, cells = first, []
    while month <= last:
        cells += [Coverage(month=month, category=c, source=source, label="test data") for c in categories]
        month = add_months(month, 1)
    Coverage.objects.bulk_create(cells, ignore_conflicts=True)
