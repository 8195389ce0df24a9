"""The review and erasure pages: anonymous to sign-in, the wrong role 403, the right role 200, an item
outside the user's reach 404; decisions and requests through the pages; the report has no values."""

import csv
import io

import pytest
from django.urls import reverse

from sn.feedback.models import FeedbackMessage
from sn.privacy.models import ErasureRequest, ReviewItem
from sn.privacy.services import erasure_request_create, retention_review_run
from sn.privacy.tests.helpers import closed_message, days_ago, member_with_answers, months_ago, panel_in


@pytest.fixture(autouse=True)
def retention(settings):
    settings.SN_RETENTION = {
        "kin_member": {"months": 24},
        "contact": {"months": 24},
        "feedback_sender": {"days": 365},
        "diversity_answers": {"months": 12},
        "query_sender": {"days": 365},
        "asb_victim": {"months": 24},
    }


@pytest.fixture
def items(world):
    a1 = closed_message(world, on=days_ago(400), ward="a1", sender_name="Ada Alpha")
    b1 = closed_message(world, on=days_ago(400), ward="b1", sender_name="Bea Beta")
    member = member_with_answers(panel_in(world, "a1"), left_on=months_ago(13), name="Mo Member")
    retention_review_run()
    by_record = {(item.kind, item.record_id): item for item in ReviewItem.objects.all()}
    return {
        "a1": by_record[("feedback_sender", a1.pk)],
        "b1": by_record[("feedback_sender", b1.pk)],
        "diversity": by_record[("diversity_answers", member.diversity.pk)],
    }


def test_the_review_list_needs_a_responsible_role(client_for, items):
    url = reverse("privacy:review")
    assert client_for(None).get(url).status_code == 302
    for role in ("analyst", "panel_member", "partner"):
        assert client_for(role).get(url).status_code == 403
    page = client_for("sergeant").get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ada Alpha" in text and "Mo Member" in text and "Bea Beta" not in text


def test_each_role_sees_only_what_it_decides(client_for, items):
    officer = client_for("team_officer").get(reverse("privacy:review")).content.decode()
    assert "Mo Member" in officer and "Ada Alpha" not in officer  # PCs keep panels, not feedback
    lead = client_for("borough_lead").get(reverse("privacy:review")).content.decode()
    assert "Ada Alpha" in lead and "Mo Member" not in lead and "Bea Beta" not in lead
    central = client_for("central_unit").get(reverse("privacy:review")).content.decode()
    assert "Ada Alpha" in central and "Bea Beta" in central


def test_an_item_outside_the_users_reach_is_not_found(client_for, items):
    assert (
        client_for("sergeant").get(reverse("privacy:review_feedback", args=[items["b1"].pk])).status_code
        == 404
    )
    assert (
        client_for("team_officer").get(reverse("privacy:review_feedback", args=[items["a1"].pk])).status_code
        == 403
    )
    # An item of another kind at this route is not found either.
    assert (
        client_for("sergeant")
        .get(reverse("privacy:review_feedback", args=[items["diversity"].pk]))
        .status_code
        == 404
    )
    assert (
        client_for("sergeant").get(reverse("privacy:review_feedback", args=[items["a1"].pk])).status_code
        == 200
    )


def test_erasing_through_the_page(client_for, items):
    url = reverse("privacy:review_feedback", args=[items["a1"].pk])
    response = client_for("sergeant").post(url, {"decision": "erase"})
    assert response.status_code == 302
    items["a1"].refresh_from_db()
    assert items["a1"].status == ReviewItem.Status.ERASED
    assert FeedbackMessage.objects.get(pk=items["a1"].record_id).sender_name == ""


def test_keeping_without_a_reason_comes_back_with_the_field_named(client_for, items):
    url = reverse("privacy:review_diversity", args=[items["diversity"].pk])
    response = client_for("team_officer").post(url, {"decision": "keep", "reason": ""})
    assert response.status_code == 400 and "Say why the record is still needed" in response.content.decode()
    items["diversity"].refresh_from_db()
    assert items["diversity"].is_open
    response = client_for("team_officer").post(url, {"decision": "keep", "reason": "Rejoining next month"})
    assert response.status_code == 302
    items["diversity"].refresh_from_db()
    assert items["diversity"].status == ReviewItem.Status.KEPT


@pytest.mark.parametrize("name", ["privacy:requests", "privacy:request_new"])
def test_erasure_request_pages_are_the_central_units(client_for, world, name):
    url = reverse(name)
    assert client_for(None).get(url).status_code == 302
    for role in ("sergeant", "borough_lead", "analyst", "panel_member"):
        assert client_for(role).get(url).status_code == 403
    assert client_for("central_unit").get(url).status_code == 200


def test_a_request_through_the_pages_and_its_report(client_for, world):
    from sn.community.tests.factories import KinMemberFactory

    member = KinMemberFactory(
        neighbourhood=world.wards["a1"], name="Rhiannon Requester", email="rr@example.org"
    )
    client = client_for("central_unit")
    refused = client.post(reverse("privacy:request_new"), {"name": "", "email": "", "phone": ""})
    assert refused.status_code == 400 and not ErasureRequest.objects.exists()
    response = client.post(
        reverse("privacy:request_new"), {"name": "Rhiannon Requester", "reference": "DP-9"}
    )
    request = ErasureRequest.objects.get()
    assert response.status_code == 302 and response.url == reverse("privacy:request", args=[request.pk])
    page = client.get(response.url).content.decode()
    assert "rr@example.org" in page  # shown to confirm, while open
    for role in ("sergeant", None):
        assert client_for(role).get(reverse("privacy:request", args=[request.pk])).status_code in (302, 403)
    client = client_for("central_unit")
    done = client.post(
        reverse("privacy:request", args=[request.pk]), {"confirmed": [f"kin_member:{member.pk}"]}
    )
    assert done.status_code == 302
    member.refresh_from_db()
    assert member.is_erased
    report = client.get(reverse("privacy:request", args=[request.pk]) + "?format=csv")
    text = report.content.decode()
    assert report["Content-Type"].startswith("text/csv")
    assert f"KIN member,{member.pk}" in text and "Erased" in text and "DP-9" in text
    assert "Rhiannon" not in text and "rr@example.org" not in text
    page = client.get(reverse("privacy:request", args=[request.pk])).content.decode()
    assert "Rhiannon" not in page and "rr@example.org" not in page


def test_the_request_report_keeps_a_formula_in_the_reference_as_text(client_for, world):
    request = erasure_request_create(name="Nobody Known", reference='=HYPERLINK("http://x.test","DP")')
    report = client_for("central_unit").get(reverse("privacy:request", args=[request.pk]) + "?format=csv")
    rows = list(csv.reader(io.StringIO(report.content.decode())))
    assert rows[1] == ["Reference", '\'=HYPERLINK("http://x.test","DP")']


def test_an_unknown_request_is_not_found_and_cancel_needs_post(client_for, world):
    request = erasure_request_create(name="Nobody Known")
    client = client_for("central_unit")
    assert client.get(reverse("privacy:request", args=[request.pk + 1])).status_code == 404
    assert client.get(reverse("privacy:request_cancel", args=[request.pk])).status_code == 200
    assert client.post(reverse("privacy:request_cancel", args=[request.pk])).status_code == 302
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.CANCELLED
