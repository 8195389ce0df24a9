"""Writes of the scorecard: building a past month's snapshots."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.audit import record_bulk_create, record_change
from sn.core.months import this_month
from sn.core.registries import SCORECARD_MEASURES
from sn.geography.models import Neighbourhood
from sn.scorecard.models import ScorecardMonth, ScorecardSnapshot
from sn.scorecard.selectors import measure, period


@transaction.atomic
def scorecard_snapshot_build(*, month: date, source: str = "service") -> ScorecardMonth:
    """Compute every registered measure per ward for a complete month and store it, replacing what the
    month held. The current month is refused: it is still changing, and the pages compute it live."""
    if month.day != 1:
        raise ValidationError({"month": "A scorecard month starts on its first day"})
    if month >= this_month():
        raise ValidationError(
            {"month": "Only a complete month can be stored; the current month is computed live"}
        )
    start, end = period(month)
    wards = set(Neighbourhood.objects.values_list("id", flat=True))
    keys = SCORECARD_MEASURES.keys()
    rows = []
    for key in keys:
        for ward_id, (numerator, denominator) in measure(key).figures(start, end).items():
            if ward_id in wards and (numerator or denominator):
                rows.append((key, ward_id, float(numerator), float(denominator)))
    built, created = ScorecardMonth.objects.get_or_create(
        month=month, defaults={"built_at": timezone.now(), "measure_keys": keys}
    )
    if not created:
        # Derived rows, replaced as a batch: the month's own record says when and with which measures,
        # and the new rows are recorded as one batch below (a delete per row would be 10,000 events).
        old = built.snapshots.count()
        built.snapshots.all()._raw_delete(built.snapshots.db)
        built.built_at = timezone.now()
        built.measure_keys = keys
        built.save(update_fields=["built_at", "measure_keys", "modified_at"])
        record_change(built, {"snapshots": [old, len(rows)]})
    snapshots = ScorecardSnapshot.objects.bulk_create(
        [
            ScorecardSnapshot(
                month=built, measure_key=key, neighbourhood_id=ward_id, numerator=n, denominator=d
            )
            for key, ward_id, n, d in rows
        ],
        batch_size=2000,
    )
    record_bulk_create(ScorecardSnapshot, snapshots, source)
    return built
