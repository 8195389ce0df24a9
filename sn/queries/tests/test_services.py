from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from sn.core.models import AuditEvent
from sn.queries.models import Channel, CommunityQuery, QueryReply, ReplyKind, Status
from sn.queries.services import (
    queries_sweep,
    query_close,
    query_log,
    query_reply,
    query_sender_erase,
    query_submit_public,
)

pytestmark = pytest.mark.django_db


def _log(world, **overrides):
    arguments = {
        "neighbourhood": world.wards["a1"],
        "channel": Channel.PHONE,
        "subject": "Speeding on Mill Lane",
        "text": "Cars race down Mill Lane after school.",
        "received_at": timezone.now() - timedelta(hours=1),
        "sender_name": "Pat",
        "sender_email": "pat@example.org",
    }
    return query_log(**{**arguments, **overrides})


def test_log_starts_the_clock_at_receipt(world):
    query = _log(world)
    assert query.due_at == query.received_at + timedelta(hours=72)
    assert query.team == world.teams["a1"]
    assert AuditEvent.objects.filter(object_id=str(query.pk), action="create").exists()


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"subject": "  "}, "subject"),
        ({"text": ""}, "text"),
        ({"channel": Channel.PUBLIC_FORM}, "channel"),
        ({"received_at": timezone.now() + timedelta(days=1)}, "received_at"),
        ({"sender_kind": "robot"}, "sender_kind"),
    ],
)
def test_log_refuses_bad_input_and_writes_nothing(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        _log(world, **overrides)
    assert field in error.value.message_dict
    assert not CommunityQuery.objects.exists()


def test_public_form_needs_an_email(world):
    with pytest.raises(ValidationError) as error:
        query_submit_public(
            neighbourhood=world.wards["a1"],
            sender_kind="resident",
            sender_name="A",
            sender_email="",
            subject="S",
            text="T",
        )
    assert "sender_email" in error.value.message_dict
    assert not CommunityQuery.objects.exists()


def test_substantive_reply_without_content_is_refused(world):
    query = _log(world)
    with pytest.raises(ValidationError) as error:
        query_reply(query=query, kind=ReplyKind.SUBSTANTIVE, text="   ")
    assert "text" in error.value.message_dict
    assert not QueryReply.objects.exists()
    query.refresh_from_db()
    assert query.answered_at is None


def test_acknowledgement_never_stops_the_clock_substantive_does(world):
    query = _log(world)
    query_reply(query=query, kind=ReplyKind.ACKNOWLEDGEMENT, text="Thanks, we're on it")
    query.refresh_from_db()
    assert query.answered_at is None and query.status == Status.OPEN
    reply = query_reply(query=query, kind=ReplyKind.SUBSTANTIVE, text="We will patrol Mill Lane at 3pm.")
    query.refresh_from_db()
    assert query.answered_at == reply.sent_at and query.status == Status.ANSWERED
    # What is written afterwards is a follow-up, and does not move the time the clock stopped.
    query_reply(query=query, kind=ReplyKind.FOLLOW_UP, text="Update: two drivers stopped.")
    query.refresh_from_db()
    assert query.answered_at == reply.sent_at


def test_close_needs_an_answer(world):
    query = _log(world)
    with pytest.raises(ValidationError):
        query_close(query=query)
    query_reply(query=query, kind=ReplyKind.SUBSTANTIVE, text="Answered")
    assert query_close(query=query).status == Status.CLOSED


@override_settings(SN_QUERY_WARN_HOURS=12, SN_FEEDBACK_REPLY_FROM="noreply@police.example")
def test_sweep_warns_then_escalates_and_tells_the_sender_once(world):
    query = _log(world)
    assert queries_sweep(now=query.due_at - timedelta(hours=20)) == {
        "warned": 0,
        "escalated": 0,
        "notified": 0,
    }
    assert queries_sweep(now=query.due_at - timedelta(hours=5))["warned"] == 1
    assert queries_sweep(now=query.due_at - timedelta(hours=4))["warned"] == 0  # once per query
    result = queries_sweep(now=query.due_at + timedelta(minutes=1))
    assert result == {"warned": 0, "escalated": 1, "notified": 1}
    query.refresh_from_db()
    assert query.status == Status.ESCALATED and query.escalated_at and query.breach_notified_at
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pat@example.org"]
    assert "Professional Standards" in mail.outbox[0].body and "IOPC" in mail.outbox[0].body
    assert queries_sweep(now=query.due_at + timedelta(hours=3))["escalated"] == 0
    assert len(mail.outbox) == 1


def test_answered_query_never_escalates(world):
    query = _log(world)
    query_reply(query=query, kind=ReplyKind.SUBSTANTIVE, text="Answered")
    assert queries_sweep(now=query.due_at + timedelta(hours=1))["escalated"] == 0


def test_sender_erase(world):
    query = _log(world, sender_phone="0123")
    query_sender_erase(query=query)
    query.refresh_from_db()
    assert (query.sender_name, query.sender_email, query.sender_phone) == ("", "", "")
    assert query.erased_at is not None
