"""Writes to community queries. Each service is atomic and audited (AuditedModel, under the caller's
audit actor) and writes nothing when it refuses: a ValidationError names the field."""

import logging
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from sn.geography.models import Neighbourhood
from sn.queries import clock
from sn.queries.models import (
    REPLY_MAX_LENGTH,
    SUBJECT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    Channel,
    CommunityQuery,
    QueryReply,
    ReplyKind,
    SenderKind,
    Status,
)
from sn.teams.models import Team

log = logging.getLogger(__name__)
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
STAFF_CHANNELS = (Channel.EMAIL, Channel.MEETING, Channel.PHONE)


def new_reference(year: int) -> str:
    """A reference no query has yet, like CQ-2026-7KQ3WD."""
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        reference = f"CQ-{year}-{code}"
        if not CommunityQuery.objects.filter(reference=reference).exists():
            return reference


def _clean(value: str | None) -> str:
    return (value or "").strip()


def too_long(words: str, value: str, limit: int) -> str | None:
    """The refusal of `value` if it is longer than `limit`, naming the field (`words`: "The subject")."""
    if len(value) > limit:
        return f"{words} must be {limit:,} characters or fewer (it has {len(value):,})."
    return None


def _check_query_fields(errors: dict, *, neighbourhood, sender_kind: str, subject: str, text: str) -> None:
    if not isinstance(neighbourhood, Neighbourhood):
        errors["neighbourhood"] = "Choose the ward the query is about"
    if sender_kind not in SenderKind.values:
        errors["sender_kind"] = "Say whether the sender is a resident or a business"
    if not subject:
        errors["subject"] = "Give the query a subject"
    elif problem := too_long("The subject", subject, SUBJECT_MAX_LENGTH):
        errors["subject"] = problem
    if not text:
        errors["text"] = "Write what the sender asked"
    elif problem := too_long("The question", text, TEXT_MAX_LENGTH):
        errors["text"] = problem


def _create(*, neighbourhood, channel, sender_kind, name, email, phone, subject, text, received_at):
    query = CommunityQuery(
        reference=new_reference(timezone.localtime(received_at).year),
        neighbourhood=neighbourhood,
        team=Team.objects.filter(neighbourhood=neighbourhood).first(),
        channel=channel,
        sender_kind=sender_kind,
        sender_name=name,
        sender_email=email,
        sender_phone=phone,
        subject=subject,
        text=text,
        received_at=received_at,
        due_at=clock.deadline(received_at),
    )
    query.full_clean()
    query.save()
    return query


@transaction.atomic
def query_log(
    *,
    neighbourhood: Neighbourhood,
    channel: str,
    subject: str,
    text: str,
    received_at: datetime,
    sender_kind: str = SenderKind.RESIDENT,
    sender_name: str = "",
    sender_email: str = "",
    sender_phone: str = "",
    now: datetime | None = None,
) -> CommunityQuery:
    """A query that reached staff by e-mail, at a meeting or by phone; its clock runs from when it was
    received, not from when it was typed in."""
    now = now or timezone.now()
    subject, text = _clean(subject), _clean(text)
    errors: dict[str, str] = {}
    _check_query_fields(
        errors, neighbourhood=neighbourhood, sender_kind=sender_kind, subject=subject, text=text
    )
    if channel not in STAFF_CHANNELS:
        errors["channel"] = "Choose how the query reached you: e-mail, a meeting or a phone call"
    if received_at is None:
        errors["received_at"] = "Say when the query was received"
    elif received_at > now:
        errors["received_at"] = "A query cannot be received in the future"
    elif received_at < now - timedelta(days=settings.SN_QUERY_MAX_BACKDATE_DAYS):
        errors["received_at"] = (
            f"Log a query within {settings.SN_QUERY_MAX_BACKDATE_DAYS} days of receiving it: "
            "check the date it was received"
        )
    if errors:
        raise ValidationError(errors)
    return _create(
        neighbourhood=neighbourhood,
        channel=channel,
        sender_kind=sender_kind,
        name=_clean(sender_name),
        email=_clean(sender_email),
        phone=_clean(sender_phone),
        subject=subject,
        text=text,
        received_at=received_at,
    )


@transaction.atomic
def query_submit_public(
    *,
    neighbourhood: Neighbourhood,
    sender_kind: str,
    sender_name: str,
    sender_email: str,
    subject: str,
    text: str,
    sender_phone: str = "",
    now: datetime | None = None,
) -> CommunityQuery:
    """A query from the public form, received now. An e-mail address is required: the answer, and on a
    breach the route to recourse, go to it."""
    subject, text, email = _clean(subject), _clean(text), _clean(sender_email)
    errors: dict[str, str] = {}
    _check_query_fields(
        errors, neighbourhood=neighbourhood, sender_kind=sender_kind, subject=subject, text=text
    )
    if not email:
        errors["sender_email"] = "Give an e-mail address for the answer"
    if errors:
        raise ValidationError(errors)
    return _create(
        neighbourhood=neighbourhood,
        channel=Channel.PUBLIC_FORM,
        sender_kind=sender_kind,
        name=_clean(sender_name),
        email=email,
        phone=_clean(sender_phone),
        subject=subject,
        text=text,
        received_at=now or timezone.now(),
    )


def reply_kinds(query: CommunityQuery) -> list[str]:
    """The kinds of reply the query can take now: until the substantive answer an acknowledgement or that
    answer; after it (the clock stopped once, then) only follow-ups; none once closed."""
    if query.status == Status.CLOSED:
        return []
    if query.answered_at is None:
        return [ReplyKind.ACKNOWLEDGEMENT, ReplyKind.SUBSTANTIVE]
    return [ReplyKind.FOLLOW_UP]


def _kind_problem(query: CommunityQuery, kind: str) -> str | None:
    if kind not in ReplyKind.values:
        return "Say whether the reply is an acknowledgement, the substantive answer or a follow-up"
    if query.status == Status.CLOSED or kind in reply_kinds(query):
        return None
    if query.answered_at is None:
        return (
            "A follow-up comes after the substantive answer: record this as an acknowledgement or the "
            "substantive answer"
        )
    answered = timezone.localtime(query.answered_at)
    return (
        f"The query was answered on {answered:%d %b %Y at %H:%M} and its clock stopped then: "
        "record further replies as a follow-up"
    )


@transaction.atomic
def query_reply(
    *, query: CommunityQuery, kind: str, text: str, sent_by=None, sent_at: datetime | None = None
) -> QueryReply:
    """A reply recorded against the query. The substantive answer stops the clock, once: after it staff
    write follow-ups, and neither an acknowledgement nor a follow-up ever moves the clock."""
    sent_at = sent_at or timezone.now()
    text = _clean(text)
    errors: dict[str, str] = {}
    if problem := _kind_problem(query, kind):
        errors["kind"] = problem
    if not text:
        errors["text"] = (
            "A substantive reply needs its content: write the answer given"
            if kind == ReplyKind.SUBSTANTIVE
            else "Write what the reply said"
        )
    elif problem := too_long("The reply", text, REPLY_MAX_LENGTH):
        errors["text"] = problem
    if query.status == Status.CLOSED:
        errors["query"] = "The query is closed"
    if sent_at < query.received_at:
        errors["sent_at"] = "A reply cannot be sent before the query was received"
    if errors:
        raise ValidationError(errors)
    reply = QueryReply.objects.create(query=query, kind=kind, text=text, sent_at=sent_at, sent_by=sent_by)
    if kind == ReplyKind.SUBSTANTIVE:
        query.answered_at = sent_at
        query.status = Status.ANSWERED
        query.save(update_fields=["answered_at", "status", "modified_at"])
    return reply


@transaction.atomic
def query_assign(*, query: CommunityQuery, user) -> CommunityQuery:
    if query.status == Status.CLOSED:
        raise ValidationError({"query": "The query is closed"})
    query.assigned_to = user
    query.save(update_fields=["assigned_to", "modified_at"])
    return query


@transaction.atomic
def query_close(*, query: CommunityQuery, now: datetime | None = None) -> CommunityQuery:
    """Closed once answered: closing never stops a clock a substantive reply has not."""
    if query.status == Status.CLOSED:
        raise ValidationError({"query": "The query is already closed"})
    if query.answered_at is None:
        raise ValidationError({"query": "Record a substantive answer before closing the query"})
    query.status = Status.CLOSED
    query.closed_at = now or timezone.now()
    query.save(update_fields=["status", "closed_at", "modified_at"])
    return query


@transaction.atomic
def query_sender_erase(*, query: CommunityQuery, now: datetime | None = None) -> CommunityQuery:
    query.sender_name = query.sender_email = query.sender_phone = ""
    query.erased_at = now or timezone.now()
    query.save(update_fields=["sender_name", "sender_email", "sender_phone", "erased_at", "modified_at"])
    return query


def inspector_name(neighbourhood: Neighbourhood) -> str:
    cluster = neighbourhood.cluster
    inspector = cluster.inspector if cluster else None
    return f"Inspector {inspector.full_name}" if inspector else "the ward's inspector"


def recourse_text(query: CommunityQuery) -> str:
    return settings.SN_QUERY_RECOURSE_TEXT.format(
        reference=query.reference,
        ward=query.neighbourhood.name,
        inspector=inspector_name(query.neighbourhood),
        hours=clock.clock_hours(),
    )


def _from_address() -> str:
    return settings.SN_FEEDBACK_REPLY_FROM or settings.DEFAULT_FROM_EMAIL


def queries_sweep(*, now: datetime | None = None) -> dict[str, int]:
    """Warns once per query whose clock is nearly out (warned_at; the alert itself is the supervisors'
    work item), and escalates each unanswered query past its deadline, telling the sender how to seek
    recourse. Each query is its own transaction, so a mail failure leaves the others done."""
    now = now or timezone.now()
    warned = escalated = notified = 0
    unanswered = CommunityQuery.objects.filter(answered_at__isnull=True, status=Status.OPEN)
    for query in unanswered.filter(warned_at__isnull=True, due_at__gt=now):
        if clock.nearing_breach(clock.clock_state(due_at=query.due_at, answered_at=None, now=now)):
            query.warned_at = now
            query.save(update_fields=["warned_at", "modified_at"])
            warned += 1
    for query in unanswered.filter(due_at__lte=now).select_related("neighbourhood__cluster__inspector"):
        with transaction.atomic():
            query.status = Status.ESCALATED
            query.escalated_at = now
            fields = ["status", "escalated_at", "modified_at"]
            if query.sender_email and query.breach_notified_at is None:
                try:
                    send_mail(
                        subject=f"Your query {query.reference}: how to take it further",
                        message=recourse_text(query),
                        from_email=_from_address(),
                        recipient_list=[query.sender_email],
                    )
                except OSError:
                    log.exception("query %s: recourse e-mail not sent", query.reference)
                else:
                    query.breach_notified_at = now
                    fields.append("breach_notified_at")
                    notified += 1
            query.save(update_fields=fields)
            escalated += 1
    return {"warned": warned, "escalated": escalated, "notified": notified}
