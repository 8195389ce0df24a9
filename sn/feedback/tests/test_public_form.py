"""The public form: it fills in from a ward page's link, sends a message and gives its reference (and no
one else's message), refuses bad input by field, turns a honeypot away quietly, answers 429 with
Retry-After past the rate limit, and needs its CSRF token."""

import logging
from urllib.parse import urlparse

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from sn.feedback.models import FeedbackMessage, Kind, ReplyBy
from sn.feedback.tests.factories import message_in

URL = "/feedback/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _post(client, world, **changes):
    data = {
        "area": f"ward:{world.wards['a1'].code}",
        "kind": Kind.COMPLAINT,
        "message": "Cars race along the high street every night after midnight.",
        "reply_by": ReplyBy.EMAIL,
        "sender_email": "riley@example.org",
        "sender_name": "Riley Resident",
        "website": "",
        **changes,
    }
    return client.post(URL, data)


def test_the_form_is_public_and_lists_every_ward_and_borough(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("feedback:give") == URL
    for ward in world.wards.values():
        assert f'value="ward:{ward.code}"' in page
    for borough in world.boroughs.values():
        assert f"The whole of {borough.name}" in page
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_a_ward_page_link_fills_in_the_ward_and_kind(client, world):
    code = world.wards["a2"].code
    page = client.get(f"{URL}?ward={code}&kind=join").content.decode()
    assert f'value="ward:{code}" selected' in page
    assert 'value="join" checked' in page


def test_a_message_is_sent_and_the_sender_gets_only_its_reference(client, world):
    other = message_in(world.wards["a1"], message="Someone else's private message about their neighbour.")
    response = _post(client, world)
    assert response.status_code == 302
    feedback = FeedbackMessage.objects.exclude(pk=other.pk).get()
    assert feedback.sender_email == "riley@example.org"
    assert urlparse(response["Location"]).path == reverse("feedback:sent")
    page = client.get(response["Location"]).content.decode()
    assert feedback.reference in page
    assert f"{feedback.due_on:%-d %B %Y}" in page
    assert "Cars race" not in page and "riley@example.org" not in page
    assert other.reference not in page and "private message" not in page
    assert "Independent Office for Police Conduct" in page  # a complaint is told the statutory route


def test_a_tampered_confirmation_link_shows_no_reference(client, world):
    response = _post(client, world)
    location = response["Location"]
    tampered = client.get(location[:-3] + "abc")
    assert tampered.status_code == 404
    assert FeedbackMessage.objects.get().reference not in tampered.content.decode()
    assert client.get(reverse("feedback:sent")).status_code == 200


def test_a_refused_form_names_the_field_and_writes_nothing(client, world):
    response = _post(client, world, sender_email="", message="")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_message"' in page and "Enter your message." in page
    assert 'href="#id_sender_email"' in page and "Enter your email address." in page
    assert "Error: " in page.split("<title>")[1]
    assert not FeedbackMessage.objects.exists()


def test_an_empty_form_lists_every_problem_at_once_in_the_fields_order(client, world):
    # Found walking the form: sending it empty named the ward, the kind and the reply but not the empty
    # message, which the service decides and so was reported only once the rest had been put right.
    response = _post(client, world, area="", kind="", message="", reply_by="")
    assert response.status_code == 400
    page = response.content.decode()
    summary = page.split('govuk-error-summary__list">')[1].split("</ul>")[0]
    anchors = ["#id_area", "#id_kind_0", "#id_message", "#id_reply_by_0"]
    assert all(f'href="{anchor}"' in summary for anchor in anchors)
    assert [summary.index(f'href="{anchor}"') for anchor in anchors] == sorted(
        summary.index(f'href="{anchor}"') for anchor in anchors
    )
    assert "Enter your message." in summary


def test_the_contact_details_the_reply_needs_are_asked_for_with_the_other_mistakes(client, world):
    response = _post(client, world, area="", sender_email="", sender_name="")
    summary = response.content.decode().split('govuk-error-summary__list">')[1].split("</ul>")[0]
    assert 'href="#id_area"' in summary
    assert 'href="#id_sender_email"' in summary and "Enter your email address." in summary
    assert 'href="#id_sender_name"' in summary
    assert not FeedbackMessage.objects.exists()


def test_a_missing_choice_links_to_its_first_radio(client, world):
    response = _post(client, world, kind="", reply_by="")
    page = response.content.decode()
    assert 'href="#id_kind_0"' in page and 'href="#id_reply_by_0"' in page


def test_an_unknown_area_is_refused(client, world):
    response = _post(client, world, area="ward:E99999999")
    assert response.status_code == 400
    assert 'href="#id_area"' in response.content.decode()


def test_an_over_long_message_is_refused_with_its_length(client, world):
    response = _post(client, world, message="m" * 5200)
    assert response.status_code == 400
    assert "must be 5,000 characters or fewer (it has 5,200)" in response.content.decode()
    huge = _post(client, world, message="m" * 20000)
    assert huge.status_code == 400
    assert "Your message must be 5,000 characters or fewer." in huge.content.decode()


def test_a_filled_honeypot_looks_sent_but_stores_nothing_and_is_logged(client, world, caplog):
    with caplog.at_level(logging.INFO, logger="sn.security"):
        response = _post(client, world, website="http://spam.example")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Message sent" in page and "YVC-" in page
    assert not FeedbackMessage.objects.exists()
    assert any("honeypot" in record.getMessage() for record in caplog.records)


def test_past_the_burst_the_form_answers_429_with_retry_after_and_keeps_the_text(client, world, settings):
    settings.SN_FEEDBACK_RATE_PER_HOUR = 5
    settings.SN_FEEDBACK_BURST = 5
    for _ in range(5):
        assert _post(client, world).status_code == 302
    response = _post(client, world, message="The sixth message, kept for later.")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 12 * 60
    page = response.content.decode()
    assert "has not been sent yet" in page and "The sixth message, kept for later." in page
    assert FeedbackMessage.objects.count() == 5


def test_mistakes_do_not_count_against_the_limit(client, world, settings):
    settings.SN_FEEDBACK_BURST = 2
    for _ in range(4):
        assert _post(client, world, sender_email="").status_code == 400
    assert _post(client, world).status_code == 302
    assert _post(client, world).status_code == 302
    assert _post(client, world).status_code == 429


def test_the_limit_is_per_client_address(world, settings):
    settings.SN_FEEDBACK_BURST = 1
    first, second = Client(REMOTE_ADDR="192.0.2.1"), Client(REMOTE_ADDR="192.0.2.2")
    assert _post(first, world).status_code == 302
    assert _post(first, world).status_code == 429
    assert _post(second, world).status_code == 302


def test_honeypot_posts_count_against_the_limit_too(client, world, settings):
    settings.SN_FEEDBACK_BURST = 1
    assert _post(client, world, website="x").status_code == 302
    assert _post(client, world).status_code == 429


def test_the_form_needs_its_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    response = _post(client, world)
    assert response.status_code == 403
    assert not FeedbackMessage.objects.exists()


def test_the_message_is_shown_as_text_to_its_handler(client, world):
    feedback = message_in(world.wards["a1"], message='<script>alert("x")</script> & <b>bold</b>')
    client.force_login(world.user("sergeant"))
    page = client.get(reverse("feedback:message", args=[feedback.reference])).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
