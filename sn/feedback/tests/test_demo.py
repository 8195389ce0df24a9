"""The demo's feedback: every state, deterministic, and consistent with the services' rules."""

from datetime import date

import pytest

from sn.feedback import demo
from sn.feedback.demo import feedback_demo_load
from sn.feedback.models import CLOSES_WITHOUT_REPLY, FeedbackMessage, FeedbackReply, Status
from sn.feedback.permissions import may_handle

TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def busier_boroughs(monkeypatch):
    # The test force has two boroughs; enough messages in each for every state to turn up.
    monkeypatch.setattr(demo, "PER_BOROUGH", (60, 60))


def _snapshot():
    return list(
        FeedbackMessage.objects.order_by("reference").values_list("reference", "status", "handler_id")
    )


def test_the_demo_has_every_state_and_keeps_the_rules(world):
    summary = feedback_demo_load(seed=7, today=TODAY, progress=lambda line: None)
    assert "messages" in summary
    messages = FeedbackMessage.objects.prefetch_related("replies")
    assert {m.status for m in messages} == set(Status.values)
    assert messages.filter(erased_at__isnull=False).exists()
    assert messages.filter(status__in=["new", "triaged", "replied"], due_on__lt=TODAY).exists()
    for message in messages:
        if message.neighbourhood_id:
            assert message.neighbourhood.borough_id == message.borough_id
        if message.status != Status.NEW:
            assert message.handler is not None and message.category
            assert may_handle(message.handler, message)
        if message.status == Status.CLOSED and message.wants_reply and not message.replies.exists():
            assert message.outcome in CLOSES_WITHOUT_REPLY
        if message.is_erased:
            assert all(getattr(message, name) == "" for name in FeedbackMessage.PERSONAL_FIELDS)
            assert all(reply.text == "" for reply in message.replies.all())
        for reply in message.replies.all():
            assert reply.replied_at >= message.received_at
            if message.closed_at:
                assert reply.replied_at <= message.closed_at


def test_the_demo_is_the_same_for_the_same_seed_and_runs_once(world):
    feedback_demo_load(seed=7, today=TODAY, progress=lambda line: None)
    first = _snapshot()
    assert feedback_demo_load(seed=7, today=TODAY, progress=lambda line: None).startswith("Feedback already")
    FeedbackReply.objects.all().delete()
    FeedbackMessage.objects.all().delete()
    feedback_demo_load(seed=7, today=TODAY, progress=lambda line: None)
    assert _snapshot() == first
