"""The retention review: the daily run that lists what is due, and the responsible person's decision on
each item (erase, or keep with a reason, which starts the period again)."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor, current_actor, record_bulk_create
from sn.privacy.kinds import KINDS, LISTED
from sn.privacy.models import ReviewItem
from sn.privacy.retention import due_on

CONTEXT = "Retention review"


@dataclass
class ReviewSummary:
    today: date
    new: dict[str, int] = field(default_factory=dict)
    open: dict[str, int] = field(default_factory=dict)
    lapsed: int = 0
    # KIN members and contacts due their ward's review page (sn.community), counted, not listed here.
    community: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        listed = "; ".join(
            f"{self.open.get(spec.kind, 0)} {spec.plural} due a review ({self.new.get(spec.kind, 0)} new)"
            for spec in LISTED
        )
        community = "; ".join(f"{n} {KINDS[kind].plural}" for kind, n in self.community.items())
        return (
            f"Retention review of {self.today:%-d %B %Y}: {listed}; {self.lapsed} listed before, no longer "
            f"due. Due their ward's review page: {community or 'none counted'}."
        )


def retention_review_run(*, today: date | None = None, actor=None) -> ReviewSummary:
    """List every record now due that is not listed yet; close the listed ones no longer due (used again,
    or erased another way). Safe to run again: a second run the same day changes nothing."""
    today = today or timezone.localdate()
    summary = ReviewSummary(today=today)
    with transaction.atomic(), audit_actor(actor, CONTEXT):
        for spec in LISTED:
            kind = spec.kind
            by_id = {row.record_id: row for row in spec.review.due(today)}
            listed = ReviewItem.objects.filter(kind=kind, status=ReviewItem.Status.OPEN)
            for item in listed.exclude(record_id__in=list(by_id)):
                item.status = ReviewItem.Status.LAPSED
                item.decided_on = today
                item.save()
                summary.lapsed += 1
            already = set(listed.values_list("record_id", flat=True))
            new = [
                ReviewItem(
                    kind=kind,
                    record_id=row.record_id,
                    borough_id=row.borough_id,
                    neighbourhood_id=row.neighbourhood_id,
                    last_active_on=row.last_active_on,
                    found_on=today,
                    created_by=current_actor(),
                    modified_by=current_actor(),
                )
                for record_id, row in by_id.items()
                if record_id not in already
            ]
            created = ReviewItem.objects.bulk_create(new, batch_size=1000)
            record_bulk_create(ReviewItem, created, CONTEXT)
            summary.new[kind] = len(created)
            summary.open[kind] = len(by_id)
        summary.community = {
            spec.kind: spec.due_elsewhere(today) for spec in KINDS.values() if spec.due_elsewhere
        }
    return summary


def _open(item: ReviewItem) -> None:
    if not item.is_open:
        raise ValidationError(f"This record was reviewed already: {item.get_status_display().lower()}.")


def review_item_erase(*, item: ReviewItem, actor=None) -> ReviewItem:
    """Erase the record's personal data, leaving its anonymous count (area, kind, dates)."""
    _open(item)
    with transaction.atomic(), audit_actor(actor, CONTEXT):
        spec = KINDS[item.kind]
        spec.erase(spec.model.objects.select_for_update().get(pk=item.record_id), CONTEXT)
        _decide(item, ReviewItem.Status.ERASED)
    return item


def review_item_keep(*, item: ReviewItem, reason: str, actor=None) -> ReviewItem:
    """The record is still in use: keep it, with the reason, and start its period again from today."""
    _open(item)
    if not reason.strip():
        raise ValidationError({"reason": "Say why the record is still needed, to keep it."})
    if len(reason.strip()) > 1000:
        raise ValidationError({"reason": "Keep the reason to 1,000 characters or fewer."})
    with transaction.atomic(), audit_actor(actor, CONTEXT):
        item.keep_reason = reason.strip()
        _decide(item, ReviewItem.Status.KEPT)
    return item


def _decide(item: ReviewItem, status: str) -> None:
    item.status = status
    item.decided_on = timezone.localdate()
    item.decided_by = current_actor()
    item.save()


def next_due_on(item: ReviewItem) -> date:
    """When a kept record falls due again."""
    return due_on(item.kind, item.decided_on or item.last_active_on)
