"""Retention: a message closed longer ago than SN_FEEDBACK_RETENTION_DAYS loses its sender's details and
every text, in its row and with no copy left in the trail; it stays as an anonymous count; a second run
erases nothing; a message still within its period, or open, keeps everything."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from sn.core.models import AuditEvent
from sn.feedback.models import FeedbackMessage, FeedbackReply, Outcome, ReplyBy
from sn.feedback.services import feedback_close, feedback_erase_expired, feedback_reply
from sn.feedback.tests.factories import message_in

PERSONAL = {
    "sender_name": "Prudence Privatename",
    "sender_email": "prudence.private@example.org",
    "message": "My neighbour Ivor Uniquesurname at 7 Secret Row keeps parking on the pavement.",
}
REPLY = "Dear Prudence Privatename, we have spoken to Ivor Uniquesurname."
NOTE = "Spoke to Ivor Uniquesurname in person."
SECRETS = ("Privatename", "prudence.private", "Uniquesurname", "Secret Row")


def _closed_message(world, *, days_ago: int) -> FeedbackMessage:
    feedback = message_in(world.wards["a1"], **PERSONAL)
    feedback_reply(feedback=feedback, text=REPLY, actor=world.user("sergeant"))
    feedback_close(feedback=feedback, outcome=Outcome.ANSWERED, note=NOTE, actor=world.user("sergeant"))
    FeedbackMessage.objects.filter(pk=feedback.pk).update(closed_at=timezone.now() - timedelta(days=days_ago))
    feedback.refresh_from_db()
    return feedback


def _raw_rows(table: str, pk_column: str, pk: int) -> str:
    """The row as the database holds it, bypassing the ORM."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {pk_column} = %s", [pk])  # noqa: S608 - fixed names
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def _trail_text() -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT object_repr, changes, context FROM {AuditEvent._meta.db_table}")  # noqa: S608
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def test_expired_details_are_gone_from_the_row_and_were_never_in_the_trail(world, settings):
    settings.SN_FEEDBACK_RETENTION_DAYS = 365
    feedback = _closed_message(world, days_ago=400)
    reply = feedback.replies.get()
    summary = feedback_erase_expired(actor="scheduler")
    assert summary.erased == 1 and summary.replies == 1
    row = _raw_rows(FeedbackMessage._meta.db_table, "id", feedback.pk)
    reply_row = _raw_rows(FeedbackReply._meta.db_table, "id", reply.pk)
    trail = _trail_text()
    for secret in SECRETS:
        assert secret not in row
        assert secret not in reply_row
        assert secret not in trail
    feedback.refresh_from_db()
    assert feedback.is_erased
    assert all(getattr(feedback, name) == "" for name in FeedbackMessage.PERSONAL_FIELDS)


def test_an_erased_message_stays_as_an_anonymous_count(world, settings):
    settings.SN_FEEDBACK_RETENTION_DAYS = 365
    feedback = _closed_message(world, days_ago=400)
    feedback_erase_expired()
    feedback.refresh_from_db()
    assert (feedback.borough, feedback.neighbourhood, feedback.kind, feedback.outcome) == (
        world.boroughs["a"],
        world.wards["a1"],
        "complaint",
        Outcome.ANSWERED,
    )
    assert feedback.reference and feedback.due_on and feedback.received_at


def test_the_erasure_is_audited_without_values(world, settings):
    settings.SN_FEEDBACK_RETENTION_DAYS = 365
    feedback = _closed_message(world, days_ago=400)
    feedback_erase_expired(actor="scheduler")
    event = AuditEvent.objects.filter(
        content_type__model="feedbackmessage", object_id=str(feedback.pk)
    ).latest("id")
    assert event.actor_label == "scheduler"
    assert event.context.startswith("Feedback retention")
    assert event.changes["sender_email"] == ["(not recorded)", "(changed)"]
    assert "erased_at" in event.changes


def test_a_second_run_erases_nothing(world, settings):
    settings.SN_FEEDBACK_RETENTION_DAYS = 365
    _closed_message(world, days_ago=400)
    assert feedback_erase_expired().erased == 1
    events = AuditEvent.objects.count()
    again = feedback_erase_expired()
    assert (again.erased, again.replies) == (0, 0)
    assert AuditEvent.objects.count() == events


def test_messages_within_their_period_or_still_open_keep_everything(world, settings):
    settings.SN_FEEDBACK_RETENTION_DAYS = 365
    recent = _closed_message(world, days_ago=300)
    open_one = message_in(world.wards["a1"], **PERSONAL)
    FeedbackMessage.objects.filter(pk=open_one.pk).update(received_at=timezone.now() - timedelta(days=900))
    summary = feedback_erase_expired()
    assert summary.erased == 0 and summary.waiting == 1
    for feedback in (recent, open_one):
        feedback.refresh_from_db()
        assert feedback.sender_email == PERSONAL["sender_email"]
        assert not feedback.is_erased


@pytest.mark.parametrize("days", [30, 365])
def test_the_retention_period_is_the_setting(world, settings, days):
    settings.SN_FEEDBACK_RETENTION_DAYS = days
    _closed_message(world, days_ago=days + 1)
    _closed_message(world, days_ago=days - 1)
    assert feedback_erase_expired().erased == 1


def test_the_command_prints_a_summary_and_names_nobody(world, settings, capsys):
    settings.SN_FEEDBACK_RETENTION_DAYS = 365
    _closed_message(world, days_ago=400)
    _closed_message(world, days_ago=10)
    call_command("feedback-erase-expired", "--actor", world.user("central_unit").username)
    out = capsys.readouterr().out
    assert "of 1 message(s)" in out and "1 complaint" in out and "1 closed message(s) keep" in out
    assert not any(secret in out for secret in SECRETS)
    call_command("feedback-erase-expired")
    assert "of 0 message(s)" in capsys.readouterr().out


def test_an_erased_message_can_no_longer_be_replied_to(world, settings):
    settings.SN_FEEDBACK_RETENTION_DAYS = 365
    feedback = _closed_message(world, days_ago=400)
    feedback_erase_expired()
    feedback.refresh_from_db()
    with pytest.raises(Exception, match="erased"):
        feedback_reply(feedback=feedback, text="Hello again", method=ReplyBy.EMAIL)
