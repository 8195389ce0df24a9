"""The feedback pages in a real Chromium: the public form at phone and desktop width with axe, its
conditional questions and ward search, sending a message; and a handler triaging, replying and closing."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from sn.feedback.models import FeedbackMessage, Outcome, Status
from sn.feedback.tests.factories import message_in
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER
PHONE_375 = {"width": 375, "height": 812}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)
def test_the_public_form_is_usable_at_375_and_1280_and_sends_a_message(page, live_server):
    world = build_world()
    ward = world.wards["a2"]
    for size in (PHONE_375, DESKTOP):
        page.set_viewport_size(size)
        page.goto(live_server.url + reverse("feedback:give"))
        assert not screen_problems(page, size["width"])
    # A refused form: the error summary links to the fields, and still passes axe.
    page.click("button:has-text('Send your message')")
    page.wait_for_selector(".govuk-error-summary")
    summary = page.locator(".govuk-error-summary")
    assert summary.locator("a[href='#id_area']").count() == 1
    assert not screen_problems(page, DESKTOP["width"])
    page.set_viewport_size(PHONE_375)
    # The search narrows the list and chooses the first match.
    page.fill("#area-search", ward.name)
    assert page.locator("#id_area").input_value() == f"ward:{ward.code}"
    assert "match" in page.locator("#area-search-status").text_content()
    # Choosing a complaint shows the statutory route; choosing email shows only the email question.
    assert not page.locator("#conditional-complaint").is_visible()
    page.check("#id_kind_1")
    assert page.locator("text=Independent Office for Police Conduct").first.is_visible()
    assert not page.locator("#id_sender_email").is_visible()
    page.check("#id_reply_by_0")
    assert page.locator("#id_sender_email").is_visible()
    assert not page.locator("#id_sender_phone").is_visible()
    # The honeypot is out of sight and out of the tab order.
    assert page.locator("#id_website").get_attribute("tabindex") == "-1"
    assert page.locator("#id_website").bounding_box()["x"] < 0
    page.fill("#id_message", "The underpass floods and the lights are out.")
    page.fill("#id_sender_email", "pat@example.org")
    page.fill("#id_sender_name", "Pat Resident")
    assert not screen_problems(page, PHONE_375["width"])
    page.click("button:has-text('Send your message')")
    page.wait_for_selector(".govuk-panel--confirmation")
    feedback = FeedbackMessage.objects.get()
    assert feedback.neighbourhood == ward and feedback.sender_email == "pat@example.org"
    assert feedback.reference in page.locator(".govuk-panel").text_content()
    assert not screen_problems(page, PHONE_375["width"])


@pytest.mark.django_db(transaction=True)
def test_a_handler_triages_replies_and_closes_in_the_browser(page, live_server):
    world = build_world()
    feedback = message_in(world.wards["a1"])
    sergeant = world.user("sergeant")
    sign_in(page, live_server, world.user("borough_lead"))
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("feedback:queue"))
    assert not screen_problems(page, DESKTOP["width"])
    page.click(f"a:has-text('{feedback.reference}')")
    assert "sam.sender@example.org" in page.content()
    assert not screen_problems(page, DESKTOP["width"])
    page.click("a:has-text('Triage')")
    assert not screen_problems(page, DESKTOP["width"])
    page.select_option("#id_handler", str(sergeant.pk))
    page.select_option("#id_category", "visibility")
    page.click("button:has-text('Save')")
    page.wait_for_selector(f"text={feedback.reference} assigned to")

    sign_in(page, live_server, sergeant)
    page.set_viewport_size(PHONE_375)
    page.goto(live_server.url + reverse("feedback:message", args=[feedback.reference]))
    page.click("a:has-text('Reply')")
    assert not screen_problems(page, PHONE_375["width"])
    page.fill("#id_text", "Thank you. We will patrol the avenue this week and report the lights.")
    page.click("button:has-text('Record the reply')")
    page.wait_for_selector("text=reply sent by email")
    assert not screen_problems(page, PHONE_375["width"])
    page.click("a:has-text('Close')")
    page.check(f"input[value='{Outcome.ANSWERED}']")
    page.click("button:has-text('Close the message')")
    page.wait_for_selector("text=closed: answered")
    feedback.refresh_from_db()
    assert feedback.status == Status.CLOSED and feedback.handler == sergeant
    assert feedback.replies.get().text.startswith("Thank you.")
