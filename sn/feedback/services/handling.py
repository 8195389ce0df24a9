"""The borough's handling of a message: triage (a handler, a category, the right ward), replies, and
closing with an outcome."""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor, current_actor
from sn.feedback.models import (
    CLOSES_WITHOUT_REPLY,
    Category,
    FeedbackMessage,
    FeedbackReply,
    Kind,
    Outcome,
    ReplyBy,
    Status,
)
from sn.feedback.permissions import may_handle_area
from sn.feedback.rules import clean_text, length_problem
from sn.geography.models import Borough, Neighbourhood

log = logging.getLogger("sn.feedback")


def _refuse_closed(feedback: FeedbackMessage) -> None:
    if feedback.is_erased:
        raise ValidationError("This message's details have been erased; it can no longer be changed.")
    if feedback.status == Status.CLOSED:
        raise ValidationError("This message is closed; it can no longer be changed.")


def feedback_assign(
    *,
    feedback: FeedbackMessage,
    handler,
    category: str,
    borough: Borough,
    neighbourhood: Neighbourhood | None = None,
    about_conduct: bool | None = None,
    actor=None,
) -> FeedbackMessage:
    """Triage: who handles the message, what it is about, and the ward (or the whole borough) it belongs
    to, moved when the sender chose the wrong one. A complaint found to be about an officer's conduct is
    marked so, which takes it to the borough lead. The handler must be able to handle the message where
    it ends up."""
    _refuse_closed(feedback)
    about_conduct = feedback.about_conduct if about_conduct is None else about_conduct
    errors: dict[str, str] = {}
    if category not in Category.values:
        errors["category"] = "Choose what the message is about."
    if neighbourhood is not None and neighbourhood.borough_id != borough.pk:
        errors["area"] = f"{neighbourhood.name} is not in {borough.name}."
    if about_conduct and feedback.kind != Kind.COMPLAINT:
        errors["about_conduct"] = "Only a complaint can be about an officer's or staff member's conduct."
    if handler is None:
        errors["handler"] = "Choose who handles the message."
    elif "area" not in errors and not may_handle_area(
        handler, borough=borough, neighbourhood=neighbourhood, about_conduct=about_conduct
    ):
        where = neighbourhood.name if neighbourhood else f"the whole of {borough.name}"
        what = "a conduct complaint about " if about_conduct else "messages about "
        errors["handler"] = f"{handler} cannot handle {what}{where}."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        feedback.handler = handler
        feedback.category = category
        feedback.borough = borough
        feedback.neighbourhood = neighbourhood
        feedback.about_conduct = about_conduct
        feedback.assigned_at = timezone.now()
        if feedback.status == Status.NEW:
            feedback.status = Status.TRIAGED
        feedback.save()
    return feedback


def reply_methods(feedback: FeedbackMessage) -> list[tuple[str, str]]:
    """The ways this sender can be replied to: those they gave details for."""
    available = {
        ReplyBy.EMAIL: feedback.sender_email,
        ReplyBy.PHONE: feedback.sender_phone,
        ReplyBy.POST: feedback.sender_address,
    }
    return [(method.value, method.label) for method, detail in available.items() if detail]


def emails_are_sent() -> bool:
    return bool(settings.SN_FEEDBACK_REPLY_FROM)


def feedback_reply(
    *, feedback: FeedbackMessage, text: str, method: str | None = None, actor=None
) -> FeedbackReply:
    """Record a reply to the sender, by the way they asked for unless another they gave details for is
    chosen. By email, with the service's email configured, it is sent from here, and a failure to send
    records nothing; otherwise the handler sends it (or phones) and this records what was said."""
    _refuse_closed(feedback)
    text = clean_text(text)
    method = method or feedback.reply_by
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = "Enter the reply."
    elif problem := length_problem("text", text):
        errors["text"] = problem
    if feedback.reply_by == ReplyBy.NONE:
        errors["method"] = "The sender asked for no reply and left no contact details."
    elif method not in dict(reply_methods(feedback)):
        errors["method"] = "Choose a way of replying the sender gave details for."
    if errors:
        raise ValidationError(errors)
    sent = method == ReplyBy.EMAIL and emails_are_sent()
    with transaction.atomic(), audit_actor(actor):
        replied_by = current_actor()
        reply = FeedbackReply.objects.create(
            feedback=feedback,
            text=text,
            method=method,
            sent_by_service=sent,
            replied_at=timezone.now(),
            replied_by=replied_by,
        )
        if feedback.handler_id is None and replied_by is not None:
            feedback.handler = replied_by
            feedback.assigned_at = timezone.now()
        feedback.status = Status.REPLIED
        feedback.save()
        if sent:
            _send(feedback, text)
    return reply


def _send(feedback: FeedbackMessage, text: str) -> None:
    try:
        send_mail(
            f"Your message {feedback.reference}",
            text,
            settings.SN_FEEDBACK_REPLY_FROM,
            [feedback.sender_email],
        )
    except Exception as error:  # noqa: BLE001 - any mail failure refuses the reply, so nothing is recorded
        log.exception("feedback: the reply to %s could not be emailed", feedback.reference)
        raise ValidationError(
            {
                "text": "The email could not be sent, so the reply was not recorded. Try again, or reply "
                "another way."
            }
        ) from error


def feedback_close(*, feedback: FeedbackMessage, outcome: str, note: str = "", actor=None) -> FeedbackMessage:
    """Close with an outcome. A sender who wanted a reply must have had one, unless they could not be
    reached or the complaint went to professional standards."""
    _refuse_closed(feedback)
    note = clean_text(note)
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = "Choose the outcome."
    elif feedback.wants_reply and outcome not in CLOSES_WITHOUT_REPLY and not feedback.replies.exists():
        errors["outcome"] = (
            f"The sender asked for a reply by {feedback.get_reply_by_display().lower()}: record the reply "
            "first, or close it as “could not contact the sender”."
        )
    if problem := length_problem("note", note):
        errors["note"] = problem
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        closer = current_actor()
        if feedback.handler_id is None and closer is not None:
            feedback.handler = closer
            feedback.assigned_at = timezone.now()
        feedback.status = Status.CLOSED
        feedback.outcome = outcome
        feedback.closing_note = note
        feedback.closed_at = timezone.now()
        feedback.save()
    return feedback
