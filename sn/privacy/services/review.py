"""The retention review: the daily run that lists what is due, and the responsible person's decision on
each item (erase, or keep with a reason, which starts the period again)."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.asb.models import AsbPerson
from sn.asb.services import asb_person_erase
from sn.core.audit import audit_actor, current_actor, record_bulk_create
from sn.feedback.models import FeedbackMessage
from sn.feedback.services import feedback_sender_erase
from sn.panels.models import DiversityAnswers
from sn.panels.services import diversity_answers_erase
from sn.privacy.models import ReviewItem
from sn.privacy.retention import LISTED_KINDS, RecordKind, due_on
from sn.privacy.selectors import due_asb, due_community_counts, due_diversity, due_feedback, due_queries
from sn.queries.models import CommunityQuery
from sn.queries.services import query_sender_erase

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
            f"{self.open.get(kind, 0)} {PLURALS[kind]} due a review ({self.new.get(kind, 0)} new)"
            for kind in LISTED_KINDS
        )
        community = "; ".join(f"{n} {PLURALS[kind]}" for kind, n in self.community.items())
        return (
            f"Retention review of {self.today:%-d %B %Y}: {listed}; {self.lapsed} listed before, no longer "
            f"due. Due their ward's review page: {community or 'none counted'}."
        )


PLURALS = {
    RecordKind.FEEDBACK_SENDER: "feedback senders' details",
    RecordKind.DIVERSITY_ANSWERS: "panel members' diversity answers",
    RecordKind.KIN_MEMBER: "KIN members",
    RecordKind.CONTACT: "community contacts",
    RecordKind.QUERY_SENDER: "community query senders' details",
    RecordKind.ASB_VICTIM: "ASB victims",
}


def retention_review_run(*, today: date | None = None, actor=None) -> ReviewSummary:
    """List every record now due that is not listed yet; close the listed ones no longer due (used again,
    or erased another way). Safe to run again: a second run the same day changes nothing."""
    today = today or timezone.localdate()
    summary = ReviewSummary(today=today)
    with transaction.atomic(), audit_actor(actor, CONTEXT):
        for kind, due in (
            (RecordKind.FEEDBACK_SENDER, due_feedback(today)),
            (RecordKind.DIVERSITY_ANSWERS, due_diversity(today)),
            (RecordKind.QUERY_SENDER, due_queries(today)),
            (RecordKind.ASB_VICTIM, due_asb(today)),
        ):
            by_id = {row.record_id: row for row in due}
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
        summary.community = due_community_counts(today)
    return summary


def _open(item: ReviewItem) -> None:
    if not item.is_open:
        raise ValidationError(f"This record was reviewed already: {item.get_status_display().lower()}.")


def review_item_erase(*, item: ReviewItem, actor=None) -> ReviewItem:
    """Erase the record's personal data, leaving its anonymous count (area, kind, dates)."""
    _open(item)
    with transaction.atomic(), audit_actor(actor, CONTEXT):
        if item.kind == RecordKind.FEEDBACK_SENDER:
            feedback = FeedbackMessage.objects.select_for_update().get(pk=item.record_id)
            feedback_sender_erase(feedback=feedback, context=CONTEXT)
        elif item.kind == RecordKind.QUERY_SENDER:
            query_sender_erase(query=CommunityQuery.objects.select_for_update().get(pk=item.record_id))
        elif item.kind == RecordKind.ASB_VICTIM:
            asb_person_erase(person=AsbPerson.objects.select_for_update().get(pk=item.record_id))
        else:
            answers = DiversityAnswers.objects.select_for_update().get(pk=item.record_id)
            diversity_answers_erase(answers=answers, reason=CONTEXT)
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
