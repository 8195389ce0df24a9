"""QA Q3 and Q4: the query page refuses an action it does not know, naming it; after the substantive
answer has stopped the clock staff write again as a follow-up, never a second substantive answer, and a
follow-up before the answer is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sn.core.models import AuditEvent
from sn.queries.models import QueryReply, ReplyKind, Status
from sn.queries.services import query_reply
from sn.queries.tests.factories import CommunityQueryFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_action_answers_400_naming_it_and_writes_nothing(client_for, world):
    query = CommunityQueryFactory(neighbourhood=world.wards["a1"])
    response = client_for("sergeant").post(
        reverse("queries:detail", args=[query.reference]),
        {"action": "delete", "kind": ReplyKind.SUBSTANTIVE, "text": "Patrols added."},
    )
    assert response.status_code == 400
    assert "Unknown action “delete”" in response.content.decode()
    assert not QueryReply.objects.exists()
    query.refresh_from_db()
    assert query.answered_at is None and query.assigned_to is None


def test_a_follow_up_after_the_answer_is_recorded_and_leaves_the_clock_alone(world):
    query = CommunityQueryFactory(neighbourhood=world.wards["a1"])
    answer = query_reply(query=query, kind=ReplyKind.SUBSTANTIVE, text="We will patrol at 3pm.")
    follow_up = query_reply(query=query, kind=ReplyKind.FOLLOW_UP, text="Two drivers were stopped.")
    query.refresh_from_db()
    assert query.answered_at == answer.sent_at and query.status == Status.ANSWERED
    assert follow_up.kind == ReplyKind.FOLLOW_UP
    assert AuditEvent.objects.filter(object_id=str(follow_up.pk), action="create").exists()


def test_a_second_substantive_answer_is_refused(world):
    query = CommunityQueryFactory(neighbourhood=world.wards["a1"])
    answer = query_reply(query=query, kind=ReplyKind.SUBSTANTIVE, text="We will patrol at 3pm.")
    with pytest.raises(ValidationError) as error:
        query_reply(query=query, kind=ReplyKind.SUBSTANTIVE, text="Update: two drivers stopped.")
    assert "follow-up" in error.value.message_dict["kind"][0]
    assert list(QueryReply.objects.all()) == [answer]
    query.refresh_from_db()
    assert query.answered_at == answer.sent_at


def test_a_follow_up_before_the_answer_is_refused(world):
    query = CommunityQueryFactory(neighbourhood=world.wards["a1"])
    with pytest.raises(ValidationError) as error:
        query_reply(query=query, kind=ReplyKind.FOLLOW_UP, text="Any news?")
    assert "acknowledgement or the substantive answer" in error.value.message_dict["kind"][0]
    assert not QueryReply.objects.exists()
    query.refresh_from_db()
    assert query.answered_at is None and query.status == Status.OPEN


def test_the_page_offers_the_kinds_that_fit_the_query(client_for, world):
    query = CommunityQueryFactory(neighbourhood=world.wards["a1"])
    client = client_for("sergeant")
    url = reverse("queries:detail", args=[query.reference])
    body = client.get(url).content.decode()
    assert 'value="substantive"' in body and 'value="ack"' in body and 'value="follow_up"' not in body
    assert client.post(url, {"action": "reply", "kind": "substantive", "text": "Done."}).status_code == 302
    body = client.get(url).content.decode()
    assert 'value="follow_up"' in body and 'value="substantive"' not in body
    response = client.post(url, {"action": "reply", "kind": "substantive", "text": "Again."})
    assert response.status_code == 400
    assert "record further replies as a follow-up" in response.content.decode()
    assert client.post(url, {"action": "reply", "kind": "follow_up", "text": "More."}).status_code == 302
    assert [r.kind for r in QueryReply.objects.all()] == ["substantive", "follow_up"]
