"""The rules a message's fields keep, shared by the form (to say so before sending) and the services (which
decide): how long each may be, what a phone number and an email address look like, and when it is due."""

import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from sn.feedback.models import Kind, ReplyBy
from sn.feedback.working_days import add_working_days

MAX_LENGTHS = {
    "message": 5000,
    "sender_name": 200,
    "sender_email": 254,
    "sender_phone": 30,
    "sender_address": 500,
    "text": 5000,  # a reply
    "note": 2000,  # a closing note
}
FIELD_WORDS = {
    "message": "Your message",
    "sender_name": "Your name",
    "sender_email": "Your email address",
    "sender_phone": "Your phone number",
    "sender_address": "Your postal address",
    "text": "The reply",
    "note": "The note",
}
# Control characters other than tab and line breaks: nothing a person types, and NUL is refused by
# PostgreSQL's text columns.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PHONE = re.compile(r"^\+?[0-9 ()\-]+$")
NO_MESSAGE = "Enter your message."


def clean_text(value: str) -> str:
    """Text as text: line breaks made uniform, control characters dropped, ends trimmed."""
    return _CONTROL.sub("", str(value or "").replace("\r\n", "\n").replace("\r", "\n")).strip()


def length_problem(name: str, value: str) -> str | None:
    limit = MAX_LENGTHS[name]
    if len(value) > limit:
        return f"{FIELD_WORDS[name]} must be {limit:,} characters or fewer (it has {len(value):,})."
    return None


def phone_problem(value: str) -> str | None:
    digits = re.sub(r"\D", "", value)
    if not _PHONE.match(value) or not 10 <= len(digits) <= 15:
        return "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192."
    return None


def email_problem(value: str) -> str | None:
    try:
        validate_email(value)
    except ValidationError:
        return "Enter an email address in the correct format, like name@example.com."
    return None


def contact_problems(reply_by: str, name: str, email: str, phone: str, address: str) -> dict[str, str]:
    """What the chosen way of replying still needs, by field (the form says so before sending, the service
    decides)."""
    errors: dict[str, str] = {}
    if reply_by not in ReplyBy.values:
        return {"reply_by": "Choose how you would like us to reply."}
    if reply_by != ReplyBy.NONE and not name:
        errors["sender_name"] = "Enter your name, so that we know who to reply to."
    if reply_by == ReplyBy.EMAIL:
        errors["sender_email"] = "Enter your email address." if not email else email_problem(email)
    elif reply_by == ReplyBy.PHONE:
        errors["sender_phone"] = "Enter your phone number." if not phone else phone_problem(phone)
    elif reply_by == ReplyBy.POST and not address:
        errors["sender_address"] = "Enter your postal address, with the postcode."
    return {field: problem for field, problem in errors.items() if problem}


def working_days_to_answer(kind: str) -> int:
    if kind == Kind.COMPLAINT:
        return settings.SN_FEEDBACK_COMPLAINT_WORKING_DAYS
    return settings.SN_FEEDBACK_OTHER_WORKING_DAYS


def due_date(kind: str, received_on: date) -> date:
    return add_working_days(received_on, working_days_to_answer(kind))
