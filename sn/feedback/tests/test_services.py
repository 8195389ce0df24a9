"""The feedback services: what each writes, what it refuses (naming the field, writing nothing), and the
trail it leaves (that personal fields changed, never their values)."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.core.models import AuditEvent
from sn.feedback.models import Category, FeedbackMessage, FeedbackReply, Kind, Outcome, ReplyBy, Status
from sn.feedback.services import feedback_assign, feedback_close, feedback_reply, feedback_submit
from sn.feedback.tests.factories import SENDER, message_in

LONDON = ZoneInfo("Europe/London")


def _refused(call, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as error:
        call(**kwargs)
    return error.value.message_dict


def _submission(world, **changes) -> dict:
    return {
        "borough": world.boroughs["a"],
        "neighbourhood": world.wards["a1"],
        "kind": Kind.SUGGESTION,
        "message": "Could the team hold a street briefing near the station?",
        "reply_by": ReplyBy.EMAIL,
        **SENDER,
        **changes,
    }


# --- submit


def test_a_message_gets_a_reference_a_due_date_and_lands_in_its_borough(world):
    received = datetime(2026, 3, 2, 10, 0, tzinfo=LONDON)  # a Monday
    feedback = feedback_submit(**_submission(world, kind=Kind.COMPLAINT), received_at=received)
    assert re.fullmatch(r"YVC-2026-[2-9A-Z]{6}", feedback.reference)
    assert feedback.borough == world.boroughs["a"]
    assert feedback.status == Status.NEW
    # Ten working days: two weeks on, the Monday.
    assert feedback.due_on.isoformat() == "2026-03-16"


def test_praise_and_suggestions_are_due_in_twenty_working_days_across_easter(world):
    received = datetime(2026, 3, 30, 9, 0, tzinfo=LONDON)  # Monday before Good Friday (3 April)
    feedback = feedback_submit(**_submission(world, kind=Kind.PRAISE), received_at=received)
    # 20 working days, not counting Good Friday and Easter Monday: 29 April.
    assert feedback.due_on.isoformat() == "2026-04-29"


def test_references_are_not_a_sequence(world):
    references = {feedback_submit(**_submission(world)).reference for _ in range(5)}
    assert len(references) == 5
    assert len({ref[-6:] for ref in references}) == 5


def test_only_the_chosen_contact_details_are_kept(world):
    feedback = feedback_submit(
        **_submission(world, reply_by=ReplyBy.PHONE, sender_phone="020 7946 0000", sender_address="1 High St")
    )
    assert feedback.sender_phone == "020 7946 0000"
    assert feedback.sender_email == ""
    assert feedback.sender_address == ""


def test_no_reply_needs_no_name_and_keeps_no_contact(world):
    feedback = feedback_submit(**_submission(world, reply_by=ReplyBy.NONE, sender_name=""))
    assert feedback.sender_email == ""
    assert not feedback.wants_reply


def test_a_message_about_the_whole_borough_has_no_ward(world):
    feedback = feedback_submit(**_submission(world, neighbourhood=None))
    assert feedback.neighbourhood is None
    assert feedback.area_name == f"{world.boroughs['a'].name} (whole borough)"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"message": "   "}, "message"),
        ({"message": "x" * 5001}, "message"),
        ({"kind": "rant"}, "kind"),
        ({"reply_by": "pigeon"}, "reply_by"),
        ({"reply_by": ReplyBy.EMAIL, "sender_email": ""}, "sender_email"),
        ({"reply_by": ReplyBy.EMAIL, "sender_email": "not-an-address"}, "sender_email"),
        ({"reply_by": ReplyBy.PHONE, "sender_phone": "call me"}, "sender_phone"),
        ({"reply_by": ReplyBy.PHONE, "sender_phone": "123"}, "sender_phone"),
        ({"reply_by": ReplyBy.POST, "sender_address": ""}, "sender_address"),
        ({"reply_by": ReplyBy.POST, "sender_address": "x" * 501}, "sender_address"),
        ({"sender_name": ""}, "sender_name"),
        ({"sender_name": "x" * 201}, "sender_name"),
        ({"kind": Kind.JOIN, "reply_by": ReplyBy.NONE}, "reply_by"),
        ({"kind": Kind.PRAISE, "about_conduct": True}, "about_conduct"),
    ],
)
def test_a_bad_field_is_refused_by_name_and_nothing_is_written(world, changes, field):
    events = AuditEvent.objects.count()
    errors = _refused(feedback_submit, **_submission(world, **changes))
    assert field in errors
    assert FeedbackMessage.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_a_ward_of_another_borough_is_refused(world):
    errors = _refused(feedback_submit, **_submission(world, neighbourhood=world.wards["b1"]))
    assert "area" in errors


def test_a_length_refusal_says_how_long_it_is(world):
    errors = _refused(feedback_submit, **_submission(world, message="y" * 6000))
    assert errors["message"] == ["Your message must be 5,000 characters or fewer (it has 6,000)."]


def test_text_is_kept_as_text_without_control_characters(world):
    feedback = feedback_submit(**_submission(world, message="<b>Hi</b>\x00\x07 there\r\nsecond line"))
    assert feedback.message == "<b>Hi</b> there\nsecond line"


def test_the_trail_records_the_message_without_the_senders_details_or_text(world):
    feedback = feedback_submit(**_submission(world))
    event = AuditEvent.objects.get(object_id=str(feedback.pk), content_type__model="feedbackmessage")
    stored = str(event.changes) + event.object_repr
    assert feedback.reference in stored
    for secret in (SENDER["sender_name"], SENDER["sender_email"], "street briefing"):
        assert secret not in stored
    assert event.changes["sender_email"] == ["(not recorded)", "(set)"]


def test_an_acknowledgement_is_emailed_only_when_the_service_sends_email(
    world, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback_submit(**_submission(world))
    assert mail.outbox == []
    settings.SN_FEEDBACK_REPLY_FROM = "yourvoice@police.example"
    with django_capture_on_commit_callbacks(execute=True):
        feedback = feedback_submit(**_submission(world))
    assert len(mail.outbox) == 1
    assert feedback.reference in mail.outbox[0].body
    assert mail.outbox[0].to == [SENDER["sender_email"]]


# --- triage


def test_triage_assigns_a_handler_and_category(world):
    feedback = message_in(world.wards["a1"])
    sergeant = world.user("sergeant")
    feedback_assign(
        feedback=feedback,
        handler=sergeant,
        category=Category.VISIBILITY,
        borough=feedback.borough,
        neighbourhood=feedback.neighbourhood,
        actor=world.user("borough_lead"),
    )
    feedback.refresh_from_db()
    assert (feedback.handler, feedback.category, feedback.status) == (sergeant, "visibility", Status.TRIAGED)
    assert feedback.assigned_at is not None


def test_triage_can_move_a_message_to_the_right_ward(world):
    feedback = message_in(world.wards["a1"])
    feedback_assign(
        feedback=feedback,
        handler=world.user("inspector"),
        category=Category.ASB,
        borough=world.boroughs["a"],
        neighbourhood=world.wards["a3"],
    )
    feedback.refresh_from_db()
    assert feedback.neighbourhood == world.wards["a3"]


@pytest.mark.parametrize(
    ("handler", "ward", "conduct"),
    [
        ("analyst", "a1", False),  # may read, not handle
        ("team_officer", "a1", False),  # holds nothing
        ("sergeant", "a3", False),  # not their team's ward
        ("sergeant", "a1", True),  # conduct complaints are the borough lead's
        ("inspector", "a1", True),
    ],
)
def test_triage_refuses_a_handler_who_cannot_handle_it_there(world, handler, ward, conduct):
    feedback = message_in(world.wards["a1"])
    errors = _refused(
        feedback_assign,
        feedback=feedback,
        handler=world.user(handler),
        category=Category.OTHER,
        borough=world.boroughs["a"],
        neighbourhood=world.wards[ward],
        about_conduct=conduct,
    )
    assert "handler" in errors
    feedback.refresh_from_db()
    assert feedback.status == Status.NEW and feedback.handler is None


def test_only_the_borough_lead_or_central_unit_handle_a_whole_borough_message(world):
    feedback = message_in(borough=world.boroughs["a"])
    for role in ("sergeant", "inspector"):
        assert "handler" in _refused(
            feedback_assign,
            feedback=feedback,
            handler=world.user(role),
            category=Category.OTHER,
            borough=world.boroughs["a"],
        )
    feedback_assign(
        feedback=feedback, handler=world.user("borough_lead"), category="other", borough=world.boroughs["a"]
    )


def test_triage_refuses_an_unknown_category(world):
    feedback = message_in(world.wards["a1"])
    errors = _refused(
        feedback_assign,
        feedback=feedback,
        handler=world.user("sergeant"),
        category="gossip",
        borough=world.boroughs["a"],
        neighbourhood=world.wards["a1"],
    )
    assert "category" in errors


# --- replies and closing


def test_a_reply_is_recorded_by_the_method_asked_for(world):
    feedback = message_in(world.wards["a1"])
    reply = feedback_reply(
        feedback=feedback, text="Thank you: we will patrol it.", actor=world.user("sergeant")
    )
    feedback.refresh_from_db()
    assert reply.method == ReplyBy.EMAIL
    assert not reply.sent_by_service
    assert reply.replied_by == world.user("sergeant")
    assert feedback.status == Status.REPLIED
    assert feedback.handler == world.user("sergeant")  # whoever replies to an unassigned message takes it
    assert mail.outbox == []


def test_a_reply_by_email_is_sent_when_the_service_sends_email(world, settings):
    settings.SN_FEEDBACK_REPLY_FROM = "yourvoice@police.example"
    feedback = message_in(world.wards["a1"])
    reply = feedback_reply(feedback=feedback, text="Thank you.", actor=world.user("sergeant"))
    assert reply.sent_by_service
    assert [m.to for m in mail.outbox] == [[SENDER["sender_email"]]]
    assert mail.outbox[0].body == "Thank you."


def test_a_reply_that_cannot_be_emailed_records_nothing(world, settings, monkeypatch):
    settings.SN_FEEDBACK_REPLY_FROM = "yourvoice@police.example"
    feedback = message_in(world.wards["a1"])

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("sn.feedback.services.handling.send_mail", broken)
    errors = _refused(feedback_reply, feedback=feedback, text="Thank you.")
    assert "text" in errors
    assert not FeedbackReply.objects.exists()
    feedback.refresh_from_db()
    assert feedback.status == Status.NEW


def test_a_reply_needs_a_way_the_sender_gave_and_some_text(world):
    feedback = message_in(world.wards["a1"])
    assert "method" in _refused(feedback_reply, feedback=feedback, text="Hello", method=ReplyBy.PHONE)
    assert "text" in _refused(feedback_reply, feedback=feedback, text="  ")
    silent = message_in(world.wards["a1"], reply_by=ReplyBy.NONE, sender_email="")
    assert "method" in _refused(feedback_reply, feedback=silent, text="Hello")


def test_a_message_wanting_a_reply_closes_only_after_one_or_as_could_not_contact(world):
    feedback = message_in(world.wards["a1"])
    assert "outcome" in _refused(feedback_close, feedback=feedback, outcome=Outcome.ANSWERED)
    feedback_close(feedback=feedback, outcome=Outcome.NO_CONTACT, note="Email bounced.")
    feedback.refresh_from_db()
    assert feedback.status == Status.CLOSED and feedback.closed_at is not None


def test_a_closed_message_cannot_be_changed(world):
    feedback = message_in(world.wards["a1"], reply_by=ReplyBy.NONE, sender_email="")
    feedback_close(feedback=feedback, outcome=Outcome.PASSED_TO_TEAM)
    with pytest.raises(ValidationError):
        feedback_close(feedback=feedback, outcome=Outcome.ANSWERED)
    with pytest.raises(ValidationError):
        feedback_assign(
            feedback=feedback,
            handler=world.user("sergeant"),
            category="other",
            borough=world.boroughs["a"],
            neighbourhood=world.wards["a1"],
        )


def test_closing_refuses_an_unknown_outcome_and_an_over_long_note(world):
    feedback = message_in(world.wards["a1"], reply_by=ReplyBy.NONE, sender_email="")
    assert "outcome" in _refused(feedback_close, feedback=feedback, outcome="shrug")
    assert "note" in _refused(feedback_close, feedback=feedback, outcome=Outcome.ANSWERED, note="n" * 2001)
    feedback.refresh_from_db()
    assert feedback.status == Status.NEW


def test_every_step_is_attributed_in_the_trail(world):
    feedback = message_in(world.wards["a1"])
    sergeant = world.user("sergeant")
    feedback_assign(
        feedback=feedback,
        handler=sergeant,
        category="crime",
        borough=world.boroughs["a"],
        neighbourhood=world.wards["a1"],
        actor=sergeant,
    )
    feedback_reply(feedback=feedback, text="We are on it.", actor=sergeant)
    feedback_close(feedback=feedback, outcome=Outcome.ANSWERED, actor=sergeant)
    events = AuditEvent.objects.filter(content_type__model="feedbackmessage", object_id=str(feedback.pk))
    assert events.count() == 4
    assert set(events.exclude(action="create").values_list("actor", flat=True)) == {sergeant.pk}
    assert "We are on it." not in str(list(AuditEvent.objects.values_list("changes", flat=True)))


def test_a_message_received_late_on_friday_counts_from_the_next_working_day(world):
    received = datetime(2026, 5, 1, 23, 30, tzinfo=LONDON)  # Friday night; Monday 4 May is a bank holiday
    feedback = feedback_submit(**_submission(world, kind=Kind.COMPLAINT), received_at=received)
    assert feedback.due_on.isoformat() == "2026-05-18"
    assert timezone.localdate(feedback.received_at) + timedelta(days=17) == feedback.due_on
