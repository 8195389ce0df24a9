"""Which records of each kind listed by the privacy review are due a retention review.

Due: last active on or before the kind's cutoff (sn.privacy.retention), not erased already, and not kept
by a review since the cutoff (keeping starts the period again). KIN members and contacts are found by
sn.community's own selector, which their ward review page uses too (sn.privacy.kinds counts them).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from sn.asb.models import AsbPerson
from sn.feedback.models import FeedbackMessage, Status
from sn.panels.models import DiversityAnswers
from sn.privacy.models import ReviewItem
from sn.privacy.retention import RecordKind, cutoff
from sn.queries.models import CommunityQuery
from sn.queries.models import Status as QueryStatus


@dataclass(frozen=True)
class Due:
    """One record due a review: what and where, and when it was last active."""

    kind: str
    record_id: int
    borough_id: int
    neighbourhood_id: int | None
    last_active_on: date


def _start_of_day_after(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _last_kept(kind: str) -> dict[int, date]:
    """The latest day a review kept each record of `kind`: the record was last active then."""
    kept: dict[int, date] = {}
    rows = ReviewItem.objects.filter(kind=kind, status=ReviewItem.Status.KEPT)
    for record_id, decided_on in rows.values_list("record_id", "decided_on"):
        kept[record_id] = max(decided_on, kept.get(record_id, decided_on))
    return kept


def _kept_after(kept: dict[int, date], day: date) -> list[int]:
    return [record_id for record_id, decided_on in kept.items() if decided_on > day]


def due_feedback(today: date) -> list[Due]:
    """Closed messages whose senders' details are still held, closed on or before the cutoff."""
    day = cutoff(RecordKind.FEEDBACK_SENDER, today)
    kept = _last_kept(RecordKind.FEEDBACK_SENDER)
    rows = (
        FeedbackMessage.objects.filter(
            status=Status.CLOSED, erased_at__isnull=True, closed_at__lt=_start_of_day_after(day)
        )
        .exclude(pk__in=_kept_after(kept, day))
        .values_list("pk", "borough_id", "neighbourhood_id", "closed_at")
        .order_by("closed_at", "pk")
    )
    return [
        Due(RecordKind.FEEDBACK_SENDER, pk, borough, ward, _later(timezone.localdate(closed), kept.get(pk)))
        for pk, borough, ward, closed in rows
    ]


def _later(day: date, kept: date | None) -> date:
    return max(day, kept) if kept else day


def membership_ended_on(left_on: date | None, dissolved_on: date | None, archived_at) -> date | None:
    """When a membership ended: the member left, the panel was dissolved, or the record was archived."""
    if left_on or dissolved_on:
        return left_on or dissolved_on
    return timezone.localdate(archived_at) if archived_at else None


def due_diversity(today: date) -> list[Due]:
    """Diversity answers still held of members whose membership ended on or before the cutoff."""
    day = cutoff(RecordKind.DIVERSITY_ANSWERS, today)
    kept = _last_kept(RecordKind.DIVERSITY_ANSWERS)
    ended = (
        Q(member__left_on__lte=day)
        | Q(member__left_on__isnull=True, member__panel__dissolved_on__lte=day)
        | Q(
            member__left_on__isnull=True,
            member__panel__dissolved_on__isnull=True,
            member__archived_at__lt=_start_of_day_after(day),
        )
    )
    rows = (
        DiversityAnswers.objects.live()
        .filter(ended, consent_withdrawn_on__isnull=True)
        .exclude(pk__in=_kept_after(kept, day))
        .values_list(
            "pk",
            "member__panel__neighbourhood__borough_id",
            "member__panel__neighbourhood_id",
            "member__left_on",
            "member__panel__dissolved_on",
            "member__archived_at",
        )
        .order_by("pk")
    )
    return [
        Due(
            RecordKind.DIVERSITY_ANSWERS,
            pk,
            borough,
            ward,
            _later(membership_ended_on(left, dissolved, archived), kept.get(pk)),
        )
        for pk, borough, ward, left, dissolved, archived in rows
    ]


def due_queries(today: date) -> list[Due]:
    """Queries no longer being worked (answered or closed) whose senders' details are still held, last
    active (closed, else answered) on or before the cutoff. An open or escalated query is still in hand."""
    day = cutoff(RecordKind.QUERY_SENDER, today)
    kept = _last_kept(RecordKind.QUERY_SENDER)
    rows = (
        CommunityQuery.objects.filter(
            status__in=(QueryStatus.ANSWERED, QueryStatus.CLOSED), erased_at__isnull=True
        )
        .annotate(last_active=Coalesce("closed_at", "answered_at", "received_at"))
        .filter(last_active__lt=_start_of_day_after(day))
        .exclude(pk__in=_kept_after(kept, day))
        .values_list("pk", "neighbourhood__borough_id", "neighbourhood_id", "last_active")
        .order_by("last_active", "pk")
    )
    return [
        Due(RecordKind.QUERY_SENDER, pk, borough, ward, _later(timezone.localdate(last), kept.get(pk)))
        for pk, borough, ward, last in rows
    ]


def due_asb(today: date) -> list[Due]:
    """ASB victims whose last report (or, with none, their record's creation) is on or before the cutoff."""
    day = cutoff(RecordKind.ASB_VICTIM, today)
    kept = _last_kept(RecordKind.ASB_VICTIM)
    rows = (
        AsbPerson.objects.filter(erased_at__isnull=True)
        .annotate(last_active=Coalesce(Max("reports__reported_at"), "created_at"))
        .filter(last_active__lt=_start_of_day_after(day))
        .exclude(pk__in=_kept_after(kept, day))
        .values_list("pk", "neighbourhood__borough_id", "neighbourhood_id", "last_active")
        .order_by("last_active", "pk")
    )
    return [
        Due(RecordKind.ASB_VICTIM, pk, borough, ward, _later(timezone.localdate(last), kept.get(pk)))
        for pk, borough, ward, last in rows
    ]
