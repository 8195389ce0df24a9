from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from sn.core.registries import SCORECARD_MEASURES
from sn.queries.models import CommunityQuery, QueryReply, ReplyKind, Status
from sn.queries.selectors import answered_in_time_figures, received_figures
from sn.queries.services import query_reply
from sn.queries.tests.factories import CommunityQueryFactory
from sn.queries.work import queries_at_risk

pytestmark = pytest.mark.django_db

FORM = {
    "sender_kind": "resident",
    "sender_name": "Robin",
    "sender_email": "robin@example.org",
    "subject": "Bins set on fire",
    "text": "Bins were set alight twice this week.",
}


def test_public_form_gives_a_reference_and_the_promise(client, world):
    cache.clear()
    ward = world.wards["a1"]
    response = client.post(reverse("queries:ask", args=[ward.code]), FORM, follow=True)
    query = CommunityQuery.objects.get()
    assert query.channel == "form" and query.neighbourhood == ward
    assert query.reference in response.content.decode()
    assert "72 hours" in response.content.decode()


def test_public_form_honeypot_stores_nothing(client, world):
    cache.clear()
    response = client.post(reverse("queries:ask", args=[world.wards["a1"].code]), {**FORM, "website": "x"})
    assert response.status_code == 302
    assert not CommunityQuery.objects.exists()


@override_settings(SN_QUERY_BURST=2, SN_QUERY_RATE_PER_HOUR=1)
def test_public_form_is_rate_limited(client, world):
    cache.clear()
    url = reverse("queries:ask", args=[world.wards["a1"].code])
    statuses = [client.post(url, FORM).status_code for _ in range(4)]
    assert statuses[:2] == [302, 302] and statuses[-1] == 429
    assert CommunityQuery.objects.count() == 2


def test_empty_substantive_reply_refused_on_the_page(client_for, world):
    query = CommunityQueryFactory(neighbourhood=world.wards["a1"])
    client = client_for("sergeant")
    url = reverse("queries:detail", args=[query.reference])
    response = client.post(url, {"action": "reply", "kind": ReplyKind.SUBSTANTIVE, "text": " "})
    assert response.status_code == 400
    assert "substantive reply needs its content" in response.content.decode()
    assert not QueryReply.objects.exists()
    response = client.post(url, {"action": "reply", "kind": ReplyKind.SUBSTANTIVE, "text": "Patrols added."})
    assert response.status_code == 302
    query.refresh_from_db()
    assert query.status == Status.ANSWERED


def test_queue_sorted_by_time_left(client_for, world):
    now = timezone.now()
    late = CommunityQueryFactory(neighbourhood=world.wards["a1"], received_at=now - timedelta(hours=80))
    soon = CommunityQueryFactory(neighbourhood=world.wards["a2"], received_at=now - timedelta(hours=65))
    fresh = CommunityQueryFactory(neighbourhood=world.wards["a1"], received_at=now - timedelta(hours=1))
    body = client_for("sergeant").get(reverse("queries:queue")).content.decode()
    assert body.index(late.reference) < body.index(soon.reference) < body.index(fresh.reference)
    assert "Breached by 8 hours" in body


def test_log_page_creates_a_query(client_for, world):
    client = client_for("team_officer")
    received = timezone.localtime() - timedelta(hours=2)
    response = client.post(
        reverse("queries:new"),
        {
            "neighbourhood": world.wards["a1"].pk,
            "channel": "phone",
            "received_at": received.strftime("%Y-%m-%dT%H:%M"),
            "sender_kind": "business",
            "subject": "Shop theft",
            "text": "Who do we call?",
        },
    )
    assert response.status_code == 302
    assert CommunityQuery.objects.get().channel == "phone"


def test_compliance_and_measures(client_for, world):
    now = timezone.now()
    in_time = CommunityQueryFactory(neighbourhood=world.wards["a1"], received_at=now - timedelta(hours=100))
    query_reply(
        query=in_time,
        kind=ReplyKind.SUBSTANTIVE,
        text="Done",
        sent_at=in_time.received_at + timedelta(hours=5),
    )
    CommunityQueryFactory(neighbourhood=world.wards["a1"], received_at=now - timedelta(hours=90))  # breached
    CommunityQueryFactory(neighbourhood=world.wards["a1"], received_at=now - timedelta(hours=1))  # running
    start, end = (now - timedelta(days=10)).date(), (now + timedelta(days=1)).date()
    assert answered_in_time_figures(start, end) == {world.wards["a1"].pk: (1, 2)}
    assert received_figures(start, end) == {world.wards["a1"].pk: (3, 1)}
    assert {m.key for m in SCORECARD_MEASURES.entries() if m.part == "Community queries"} >= {
        "queries_answered_in_time",
        "queries_received",
    }
    response = client_for("analyst").get(reverse("queries:compliance") + f"?month={now:%Y-%m}&format=csv")
    assert response.status_code == 200


def test_supervisor_alert_for_a_query_nearing_breach(world):
    CommunityQueryFactory(neighbourhood=world.wards["a1"], received_at=timezone.now() - timedelta(hours=66))
    assert len(queries_at_risk(world.user("sergeant"))) == 1
    assert queries_at_risk(world.user("team_officer")) == []


def test_sweep_command(world):

    CommunityQueryFactory(neighbourhood=world.wards["a1"], received_at=timezone.now() - timedelta(hours=80))
    call_command("queries-sweep")
    assert CommunityQuery.objects.get().status == Status.ESCALATED
    assert len(mail.outbox) == 1


def test_public_ward_page_links_to_the_form(client, world):
    ward = world.wards["a1"]
    body = client.get(reverse("public:ward", args=[ward.code])).content.decode()
    assert reverse("queries:ask", args=[ward.code]) in body
