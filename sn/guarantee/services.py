"""The sweep that records lapses in named, contactable officers (issue 14, part 1)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.guarantee.models import NamedOfficerLapse
from sn.guarantee.selectors import NAMED_RANKS, ward_statuses
from sn.teams.models import Posting


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
        # Ahead, a ward can lose its officer the day after a posting ends, or to a spell away: the days
        # after the postings ending in the look-ahead, and its last day, are the ones to check.
        ends = Posting.objects.filter(end_date__gte=today, end_date__lt=today + timedelta(days=days))
        ahead = {end + timedelta(days=1) for end in ends.values_list("end_date", flat=True)}
        ahead |= {today + timedelta(days=days)} if days else set()
        for day in sorted(ahead):
            for ward_id, status in ward_statuses(day).items():
                if not status.covered and ward_id not in first_gap:
                    first_gap[ward_id] = (day, status.reason)
        # A sweep run for a past day (the demo's history) notices on that day.
        now = timezone.now()
        if today < timezone.localdate():
            now = timezone.make_aware(datetime.combine(today, time(6)))
        began = _began(today, [w for w, (day, _) in first_gap.items() if day == today])
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
                neighbourhood_id=ward_id,
                starts_on=began.get(ward_id, day),
                reason=reason[:255],
                noticed_at=now,
            )
            summary.opened += 1
        summary.open_now = NamedOfficerLapse.objects.filter(ends_on__isnull=True).count()
    return summary


def _began(today: date, ward_ids: list[int]) -> dict[int, date]:
    """When the wards found without a named officer today lost the last one: the day after their
    team's latest posting (of a named rank) ended, when that is after their last recorded lapse."""
    ended = dict(
        Posting.objects.filter(
            team__neighbourhood_id__in=ward_ids, end_date__lt=today, officer__rank__in=NAMED_RANKS
        )
        .values("team__neighbourhood_id")
        .annotate(last=Max("end_date"))
        .values_list("team__neighbourhood_id", "last")
    )
    closed = dict(
        NamedOfficerLapse.objects.filter(neighbourhood_id__in=ward_ids, ends_on__isnull=False)
        .values("neighbourhood_id")
        .annotate(last=Max("ends_on"))
        .values_list("neighbourhood_id", "last")
    )
    began = {}
    for ward_id, last_end in ended.items():
        start = last_end + timedelta(days=1)
        if ward_id not in closed or start > closed[ward_id]:
            began[ward_id] = start
    return began
