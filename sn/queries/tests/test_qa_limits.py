"""QA Q2: a query's subject is capped at 200 characters, its text and a reply's at 5,000, on the public
form, the staff log form and the reply form alike; a refusal names the field, answers 400 and writes
nothing."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sn.queries.models import Channel, CommunityQuery, QueryReply, ReplyKind
from sn.queries.services import query_log, query_reply, query_submit_public
from sn.queries.tests.factories import CommunityQueryFactory

pytestmark = pytest.mark.django_db

PUBLIC = {
    "sender_kind": "resident",
    "sender_name": "Robin",
    "sender_email": "robin@example.org",
    "subject": "Bins set on fire",
    "text": "Bins were set alight twice this week.",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def _staff(world, **changes):
    return {
        "neighbourhood": world.wards["a1"].pk,
        "channel": "phone",
        "received_at": (timezone.localtime() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "sender_kind": "resident",
        "subject": "Shop theft",
        "text": "Who do we call?",
        **changes,
    }


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("subject", "s" * 250, "The subject must be 200 characters or fewer (it has 250)"),
        ("text", "t" * 5001, "The question must be 5,000 characters or fewer (it has 5,001)"),
        ("subject", "s" * 5000, "The subject must be 200 characters or fewer."),
        ("text", "t" * 20000, "The question must be 5,000 characters or fewer."),
    ],
)
def test_the_public_form_refuses_an_over_long_field_by_name(client, world, field, value, message):
    response = client.post(reverse("queries:ask", args=[world.wards["a1"].code]), {**PUBLIC, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CommunityQuery.objects.exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("subject", "s" * 201, "The subject must be 200 characters or fewer (it has 201)"),
        ("text", "t" * 5001, "The question must be 5,000 characters or fewer (it has 5,001)"),
    ],
)
def test_the_staff_log_form_refuses_an_over_long_field_by_name(client_for, world, field, value, message):
    response = client_for("team_officer").post(reverse("queries:new"), _staff(world, **{field: value}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CommunityQuery.objects.exists()


def test_text_at_the_cap_is_accepted(client, world):
    response = client.post(
        reverse("queries:ask", args=[world.wards["a1"].code]),
        {**PUBLIC, "subject": "s" * 200, "text": "t" * 5000},
    )
    assert response.status_code == 302
    assert len(CommunityQuery.objects.get().text) == 5000


def test_the_services_refuse_over_long_text_naming_the_field(world):
    with pytest.raises(ValidationError) as error:
        query_submit_public(
            neighbourhood=world.wards["a1"],
            sender_kind="resident",
            sender_name="A",
            sender_email="a@example.org",
            subject="S",
            text="t" * 5001,
        )
    assert "text" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        query_log(
            neighbourhood=world.wards["a1"],
            channel=Channel.EMAIL,
            subject="s" * 201,
            text="T",
            received_at=timezone.now(),
        )
    assert "subject" in error.value.message_dict
    assert not CommunityQuery.objects.exists()


def test_an_over_long_reply_is_refused_by_name_and_writes_nothing(client_for, world):
    query = CommunityQueryFactory(neighbourhood=world.wards["a1"])
    with pytest.raises(ValidationError) as error:
        query_reply(query=query, kind=ReplyKind.ACKNOWLEDGEMENT, text="r" * 5001)
    assert "text" in error.value.message_dict
    response = client_for("sergeant").post(
        reverse("queries:detail", args=[query.reference]),
        {"action": "reply", "kind": ReplyKind.SUBSTANTIVE, "text": "r" * 5001},
    )
    assert response.status_code == 400
    assert "The reply must be 5,000 characters or fewer (it has 5,001)" in response.content.decode()
    assert not QueryReply.objects.exists()
    query.refresh_from_db()
    assert query.answered_at is None
