"""The borough's queue, beyond the access matrix: who sees the sender, messages about a whole borough,
conduct complaints, the handling pages end to end, and overdue messages on the handlers' home pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.core.registries import WORK_ITEMS
from sn.feedback.models import FeedbackMessage, Outcome, ReplyBy, Status
from sn.feedback.services import feedback_assign
from sn.feedback.tests.factories import SENDER, message_in
from sn.feedback.work import overdue_feedback


def _page(client_for, role, name, feedback):
    return client_for(role).get(reverse(name, args=[feedback.reference]))


def test_anonymous_visitors_are_sent_to_sign_in(client_for, world):
    feedback = message_in(world.wards["a1"])
    for url in (reverse("feedback:queue"), reverse("feedback:message", args=[feedback.reference])):
        response = client_for(None).get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["team_officer", "panel_member", "partner"])
def test_roles_without_feedback_are_refused(client_for, world, role):
    feedback = message_in(world.wards["a1"])
    assert client_for(role).get(reverse("feedback:queue")).status_code == 403
    assert _page(client_for, role, "feedback:message", feedback).status_code == 403


def test_another_boroughs_message_is_not_found(client_for, world):
    feedback = message_in(world.wards["b1"])
    for role in ("sergeant", "inspector", "analyst", "borough_lead"):
        assert _page(client_for, role, "feedback:message", feedback).status_code == 404
        assert _page(client_for, role, "feedback:reply", feedback).status_code in (403, 404)
    assert _page(client_for, "central_unit", "feedback:message", feedback).status_code == 200


def test_the_sender_is_shown_to_handlers_only(client_for, world):
    feedback = message_in(world.wards["a1"])
    for role in ("sergeant", "inspector", "borough_lead", "central_unit"):
        page = _page(client_for, role, "feedback:message", feedback).content.decode()
        assert SENDER["sender_email"] in page and SENDER["sender_name"] in page
    reader = _page(client_for, "analyst", "feedback:message", feedback).content.decode()
    assert feedback.message in reader
    assert SENDER["sender_email"] not in reader and SENDER["sender_name"] not in reader
    assert "shown only to those who handle" in reader
    assert _page(client_for, "analyst", "feedback:triage", feedback).status_code == 403


def test_a_whole_borough_message_is_for_borough_roles(client_for, world):
    feedback = message_in(borough=world.boroughs["a"])
    assert _page(client_for, "borough_lead", "feedback:message", feedback).status_code == 200
    assert _page(client_for, "analyst", "feedback:message", feedback).status_code == 200
    assert _page(client_for, "central_unit", "feedback:triage", feedback).status_code == 200
    for role in ("sergeant", "inspector"):
        assert _page(client_for, role, "feedback:message", feedback).status_code == 404
        assert feedback.reference not in client_for(role).get(reverse("feedback:queue")).content.decode()


def test_a_conduct_complaint_is_seen_only_by_the_borough_lead_and_central_unit(client_for, world):
    feedback = message_in(world.wards["a1"], about_conduct=True)
    for role in ("borough_lead", "central_unit"):
        assert _page(client_for, role, "feedback:message", feedback).status_code == 200
    for role in ("sergeant", "inspector", "analyst"):
        assert _page(client_for, role, "feedback:message", feedback).status_code == 404
        assert feedback.reference not in client_for(role).get(reverse("feedback:queue")).content.decode()


def test_the_queue_lists_the_areas_messages_and_filters_them(client_for, world):
    mine = message_in(world.wards["a1"])
    other_ward = message_in(world.wards["a3"])
    closed = message_in(world.wards["a2"], reply_by=ReplyBy.NONE, sender_email="")
    FeedbackMessage.objects.filter(pk=closed.pk).update(status=Status.CLOSED, closed_at=timezone.now())
    sergeant = client_for("sergeant")
    page = sergeant.get(reverse("feedback:queue")).content.decode()
    assert mine.reference in page and other_ward.reference not in page and closed.reference not in page
    assert closed.reference in sergeant.get(reverse("feedback:queue") + "?status=closed").content.decode()
    assert sergeant.get(reverse("feedback:queue") + "?status=nonsense").status_code == 400
    assert sergeant.get(reverse("feedback:queue") + "?kind=nonsense").status_code == 400
    inspector = client_for("inspector").get(reverse("feedback:queue")).content.decode()
    assert mine.reference in inspector and other_ward.reference in inspector


def test_a_handler_triages_replies_and_closes_through_the_pages(client_for, world):
    feedback = message_in(world.wards["a1"])
    client = client_for("borough_lead")
    sergeant = world.user("sergeant")
    response = client.post(
        reverse("feedback:triage", args=[feedback.reference]),
        {"handler": sergeant.pk, "category": "asb", "area": f"ward:{world.wards['a1'].code}"},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.handler == sergeant and feedback.status == Status.TRIAGED
    client = client_for("sergeant")
    response = client.post(
        reverse("feedback:reply", args=[feedback.reference]), {"method": "email", "text": "We will patrol."}
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "reply sent by email" in page and "We will patrol." in page
    response = client.post(
        reverse("feedback:close", args=[feedback.reference]), {"outcome": Outcome.ANSWERED}
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == Status.CLOSED and feedback.outcome == Outcome.ANSWERED


def test_a_refused_handling_form_names_the_field(client_for, world):
    feedback = message_in(world.wards["a1"])
    client = client_for("borough_lead")
    response = client.post(
        reverse("feedback:close", args=[feedback.reference]), {"outcome": Outcome.ANSWERED}
    )
    assert response.status_code == 400
    assert 'href="#id_outcome_0"' in response.content.decode()
    response = client.post(
        reverse("feedback:triage", args=[feedback.reference]),
        {"handler": world.user("analyst").pk, "category": "asb", "area": f"ward:{world.wards['a1'].code}"},
    )
    assert response.status_code == 400
    assert 'href="#id_handler"' in response.content.decode()
    feedback.refresh_from_db()
    assert feedback.status == Status.NEW


def test_moving_a_message_out_of_reach_returns_to_the_queue(client_for, world):
    feedback = message_in(world.wards["a1"])
    response = client_for("sergeant").post(
        reverse("feedback:triage", args=[feedback.reference]),
        {
            "handler": world.user("central_unit").pk,
            "category": "other",
            "area": f"ward:{world.wards['b1'].code}",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("feedback:queue")
    feedback.refresh_from_db()
    assert feedback.borough == world.boroughs["b"]


def _overdue(ward, **fields):
    feedback = message_in(ward, **fields)
    FeedbackMessage.objects.filter(pk=feedback.pk).update(due_on=date.today() - timedelta(days=7))
    feedback.refresh_from_db()
    return feedback


def test_overdue_messages_are_on_their_handlers_home_pages(client_for, world):
    unassigned = _overdue(world.wards["a1"])
    elsewhere = _overdue(world.wards["a3"])
    on_time = message_in(world.wards["a1"])
    sergeant_items = {item.url for item in overdue_feedback(world.user("sergeant"))}
    assert reverse("feedback:message", args=[unassigned.reference]) in sergeant_items
    assert reverse("feedback:message", args=[elsewhere.reference]) not in sergeant_items
    assert reverse("feedback:message", args=[on_time.reference]) not in sergeant_items
    # The central unit's home page lists only what is assigned to it, not every borough's queue.
    assert overdue_feedback(world.user("central_unit")) == []
    feedback_assign(
        feedback=elsewhere,
        handler=world.user("central_unit"),
        category="other",
        borough=elsewhere.borough,
        neighbourhood=elsewhere.neighbourhood,
    )
    assert [item.url for item in overdue_feedback(world.user("central_unit"))] == [
        reverse("feedback:message", args=[elsewhere.reference])
    ]
    home = client_for("sergeant").get(reverse("pages:home")).content.decode()
    assert unassigned.reference in home
    assert WORK_ITEMS.get("feedback_overdue").permission == "handle_feedback"


def test_a_message_assigned_to_someone_else_leaves_my_home_page(world):
    feedback = _overdue(world.wards["a1"])
    feedback_assign(
        feedback=feedback,
        handler=world.user("inspector"),
        category="other",
        borough=feedback.borough,
        neighbourhood=feedback.neighbourhood,
    )
    assert overdue_feedback(world.user("sergeant")) == []
    assert len(overdue_feedback(world.user("inspector"))) == 1
