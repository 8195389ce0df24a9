"""The sweep that records lapses in named, contactable officers (issue 14, part 1)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.guarantee.models import NamedOfficerLapse
from sn.guarantee.selectors import ward_statuses


@dataclass
class SweepSummary:
    opened: int = 0
    closed: int = 0
    open_now: int = 0

    def __str__(self) -> str:
        return (
            f"{self.opened} lapse(s) in named contactable officers recorded, {self.closed} ended; "
            f"{self.open_now} open"
        )


@transaction.atomic
def named_officer_lapses_sweep(*, today: date, actor=None, look_ahead: bool = True) -> SweepSummary:
    """Record each ward's lapse from the first day (today, or within SN_NAMED_OFFICER_LOOKAHEAD_DAYS
    when `look_ahead`) it has no named contactable officer, and end the open lapses of the wards that
    have one again today. A second run on the same day changes nothing; every write is audited."""
    if today > timezone.localdate() + timedelta(days=1):
        raise ValidationError({"today": "The sweep cannot be run for a day in the future."})
    days = settings.SN_NAMED_OFFICER_LOOKAHEAD_DAYS if look_ahead else 0
    summary = SweepSummary()
    with audit_actor(actor, "named officers sweep"):
        open_lapses = {
            lapse.neighbourhood_id: lapse for lapse in NamedOfficerLapse.objects.filter(ends_on__isnull=True)
        }
        now_status = ward_statuses(today)
        first_gap: dict[int, tuple[date, str]] = {}
        for ward_id, status in now_status.items():
            if not status.covered:
                first_gap[ward_id] = (today, status.reason)
        for offset in range(1, days + 1):
            day = today + timedelta(days=offset)
            for ward_id, status in ward_statuses(day).items():
                if not status.covered and ward_id not in first_gap:
                    first_gap[ward_id] = (day, status.reason)
        now = timezone.now()
        for ward_id, lapse in open_lapses.items():
            if (
                now_status.get(ward_id) is not None
                and now_status[ward_id].covered
                and lapse.starts_on <= today
            ):
                lapse.ends_on = max(today - timedelta(days=1), lapse.starts_on)
                lapse.save(update_fields=["ends_on"])
                summary.closed += 1
            elif lapse.starts_on > today and ward_id not in first_gap:
                # A lapse seen ahead that will not happen after all (the posting was extended).
                lapse.delete()
                summary.closed += 1
        still_open = set(
            NamedOfficerLapse.objects.filter(ends_on__isnull=True).values_list("neighbourhood_id", flat=True)
        )
        for ward_id, (day, reason) in sorted(first_gap.items()):
            if ward_id in still_open:
                continue
            NamedOfficerLapse.objects.create(
                neighbourhood_id=ward_id, starts_on=day, reason=reason[:255], noticed_at=now
            )
            summary.opened += 1
        summary.open_now = NamedOfficerLapse.objects.filter(ends_on__isnull=True).count()
    return summary
