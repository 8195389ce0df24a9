"""A message from the public form: checked, given a reference and a due date, put in its borough's queue,
and acknowledged by email where the service sends email and the sender gave an address."""

import logging
import secrets
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.feedback.models import FeedbackMessage, Kind, ReplyBy
from sn.feedback.rules import NO_MESSAGE, clean_text, contact_problems, due_date, length_problem
from sn.geography.models import Borough, Neighbourhood

log = logging.getLogger("sn.feedback")

# No 0/O, 1/I/L, 5/S: a reference read out over the phone is not misheard. 30^6 is 729 million a year,
# so a reference says nothing about how many messages there are and cannot be guessed from another.
REFERENCE_ALPHABET = "2346789ABCDEFGHJKMNPQRTUVWXYZ"
REFERENCE_LENGTH = 6


def new_reference(year: int) -> str:
    """A reference no message has yet, like YVC-2026-7KQ3WD."""
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
        reference = f"YVC-{year}-{code}"
        if not FeedbackMessage.objects.filter(reference=reference).exists():
            return reference


def feedback_submit(
    *,
    borough: Borough,
    neighbourhood: Neighbourhood | None = None,
    kind: str,
    message: str,
    reply_by: str,
    about_conduct: bool = False,
    sender_name: str = "",
    sender_email: str = "",
    sender_phone: str = "",
    sender_address: str = "",
    received_at: datetime | None = None,
    actor=None,
) -> FeedbackMessage:
    """Record a message about a ward (and so its team) or, with no neighbourhood, a whole borough. Only
    the contact details for the chosen way of replying are kept (a phone number typed before choosing
    email is not); the name is kept when given, and needed when a reply is wanted. Nothing is written
    when any field is wrong."""
    texts = {
        "message": clean_text(message),
        "sender_name": clean_text(sender_name),
        "sender_email": clean_text(sender_email),
        "sender_phone": clean_text(sender_phone),
        "sender_address": clean_text(sender_address),
    }
    errors: dict[str, str] = {}
    if neighbourhood is not None and neighbourhood.borough_id != borough.pk:
        errors["area"] = f"{neighbourhood.name} is not in {borough.name}."
    if kind not in Kind.values:
        errors["kind"] = "Choose what your message is: praise, a complaint, a suggestion or joining."
    if about_conduct and kind != Kind.COMPLAINT:
        errors["about_conduct"] = "Only a complaint can be about an officer's or staff member's conduct."
    if not texts["message"]:
        errors["message"] = NO_MESSAGE
    if kind == Kind.JOIN and reply_by == ReplyBy.NONE:
        errors["reply_by"] = "To join the panel or the Key Individual Network, tell us how to contact you."
    else:
        errors.update(
            contact_problems(
                reply_by,
                texts["sender_name"],
                texts["sender_email"],
                texts["sender_phone"],
                texts["sender_address"],
            )
        )
    for name, value in texts.items():
        if name not in errors and (problem := length_problem(name, value)):
            errors[name] = problem
    if errors:
        raise ValidationError(errors)
    # Keep only the details the chosen way of replying needs (data minimisation).
    kept = {
        "sender_email": texts["sender_email"] if reply_by == ReplyBy.EMAIL else "",
        "sender_phone": texts["sender_phone"] if reply_by == ReplyBy.PHONE else "",
        "sender_address": texts["sender_address"] if reply_by == ReplyBy.POST else "",
    }
    received_at = received_at or timezone.now()
    received_on = timezone.localdate(received_at)
    with transaction.atomic(), audit_actor(actor, "Your Voice Counts form"):
        feedback = FeedbackMessage.objects.create(
            reference=new_reference(received_on.year),
            borough=borough,
            neighbourhood=neighbourhood,
            kind=kind,
            about_conduct=about_conduct,
            message=texts["message"],
            reply_by=reply_by,
            sender_name=texts["sender_name"],
            received_at=received_at,
            due_on=due_date(kind, received_on),
            **kept,
        )
        if settings.SN_FEEDBACK_REPLY_FROM and feedback.sender_email:
            transaction.on_commit(lambda: _acknowledge(feedback))
    return feedback


def _acknowledge(feedback: FeedbackMessage) -> None:
    """The automated acknowledgement seed 003 describes: the reference and the date to expect an answer.
    A mail server that is down must not lose the message, which is already saved: the failure is logged."""
    body = (
        f"Thank you for your message to the Safer Neighbourhoods team ({feedback.area_name}).\n\n"
        f"Your reference is {feedback.reference}.\n"
        f"We aim to reply by {feedback.due_on:%A %-d %B %Y}.\n\n"
        "Please quote the reference if you contact us about it. Do not reply to report a crime: in an "
        "emergency call 999, otherwise 101."
    )
    try:
        send_mail(
            f"Your message {feedback.reference}",
            body,
            settings.SN_FEEDBACK_REPLY_FROM,
            [feedback.sender_email],
        )
    except Exception:  # noqa: BLE001 - any mail failure: the message is kept, the failure logged
        log.exception("feedback: the acknowledgement of %s could not be emailed", feedback.reference)
