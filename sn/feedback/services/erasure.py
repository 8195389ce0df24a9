"""Erasing what a message says about its sender once it has been closed longer than the retention period
(settings.SN_FEEDBACK_RETENTION_DAYS).

Every free text goes with the contact details, not a redacted summary: a message, a reply or a closing
note can name the sender, a neighbour or an officer anywhere in it, and no automatic redaction finds them
all. What stays is an anonymous count: the borough and ward, the kind, whether it was about conduct, the
category, the dates, the outcome and who handled it. The trail never held the values (they are the
models' summarised fields), so it records that they were erased, not what they were. Idempotent: a
second run finds nothing to do.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.feedback.models import FeedbackMessage, Status


@dataclass
class ErasureSummary:
    cutoff: datetime
    erased: int = 0
    replies: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    waiting: int = 0  # closed, within the retention period still

    def __str__(self) -> str:
        kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(self.by_kind.items())) or "none"
        return (
            f"Erased the senders' details and texts of {self.erased} message(s) closed before "
            f"{timezone.localtime(self.cutoff):%-d %B %Y} ({kinds}), and {self.replies} reply text(s). "
            f"{self.waiting} closed message(s) keep their details until their retention period ends."
        )


def _erase(feedback: FeedbackMessage, now: datetime) -> int:
    """Blank the message's personal fields and its replies' texts; the number of replies blanked. The
    caller holds the transaction and the actor."""
    for name in FeedbackMessage.PERSONAL_FIELDS:
        setattr(feedback, name, "")
    feedback.erased_at = now
    feedback.save()
    replies = 0
    for reply in feedback.replies.all():
        if reply.text:
            reply.text = ""
            reply.save(update_fields=["text", "modified_at", "modified_by"])
            replies += 1
    return replies


def retention_cutoff(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(days=settings.SN_FEEDBACK_RETENTION_DAYS)


def feedback_erase_expired(*, now: datetime | None = None, actor=None) -> ErasureSummary:
    """Blank the sender's details and every text of each message closed before the cutoff."""
    now = now or timezone.now()
    summary = ErasureSummary(cutoff=retention_cutoff(now))
    closed = FeedbackMessage.objects.filter(status=Status.CLOSED, erased_at__isnull=True)
    due = closed.filter(closed_at__lt=summary.cutoff).order_by("pk")
    with transaction.atomic(), audit_actor(actor, "Feedback retention: senders' details erased"):
        for feedback in due.select_for_update().prefetch_related("replies"):
            summary.replies += _erase(feedback, now)
            summary.erased += 1
            summary.by_kind[feedback.kind] = summary.by_kind.get(feedback.kind, 0) + 1
        summary.waiting = closed.filter(closed_at__gte=summary.cutoff).count()
    return summary


def feedback_sender_erase(*, feedback: FeedbackMessage, context: str, actor=None) -> FeedbackMessage:
    """Erase one message's sender and texts now: on a retention review's decision, or on the sender's
    request (`context` says which, in the trail). An open message may be erased on request: it stays
    in the queue, with nobody left to reply to."""
    if feedback.is_erased:
        raise ValidationError(f"The sender's details of {feedback.reference} have already been erased.")
    with transaction.atomic(), audit_actor(actor, context):
        _erase(feedback, timezone.now())
    return feedback
