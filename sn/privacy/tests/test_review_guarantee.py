"""The retention review lists the Guarantee's personal data (issue 14) to the people responsible: query
senders a year after the query was last active, ASB victims two years after their last report."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from sn.asb.models import AsbPerson, AsbReport
from sn.asb.tests.factories import flagged_case
from sn.privacy.models import ReviewItem
from sn.privacy.retention import RecordKind
from sn.privacy.services import retention_review_run
from sn.queries.models import CommunityQuery, Status
from sn.queries.tests.factories import CommunityQueryFactory


def _old_query(ward, **fields):
    long_ago = timezone.now() - timedelta(days=400)
    return CommunityQueryFactory(
        neighbourhood=ward,
        received_at=long_ago,
        due_at=long_ago + timedelta(hours=72),
        answered_at=long_ago + timedelta(hours=5),
        closed_at=long_ago + timedelta(days=1),
        status=Status.CLOSED,
        **fields,
    )


def test_an_old_query_sender_is_listed_and_erased_through_the_page(world, client_for):
    old = _old_query(world.wards["a1"], sender_name="Olive Old")
    recent = CommunityQueryFactory(neighbourhood=world.wards["a1"], sender_name="Rita Recent")
    summary = retention_review_run()
    items = ReviewItem.objects.filter(kind=RecordKind.QUERY_SENDER, status=ReviewItem.Status.OPEN)
    assert [item.record_id for item in items] == [old.pk]
    assert "query senders" in str(summary)

    sergeant = client_for("sergeant")
    page = sergeant.get(reverse("privacy:review")).content.decode()
    item = items.get()
    decide = reverse("privacy:review_query", args=[item.pk])
    assert old.reference in page and decide in page
    assert client_for("analyst").get(decide).status_code == 403
    response = client_for("sergeant").post(decide, {"decision": "erase"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.erased_at is not None and old.sender_name == ""
    assert CommunityQuery.objects.get(pk=recent.pk).sender_name == "Rita Recent"


def test_an_asb_victim_is_listed_two_years_after_their_last_report(world, client_for):
    case = flagged_case(world.wards["a1"], name="Ada Aged")
    AsbReport.objects.filter(case=case).update(reported_at=timezone.now() - timedelta(days=800))
    current = flagged_case(world.wards["a1"], name="Cora Current")
    retention_review_run()
    item = ReviewItem.objects.get(kind=RecordKind.ASB_VICTIM, status=ReviewItem.Status.OPEN)
    assert item.record_id == case.person_id

    decide = reverse("privacy:review_asb", args=[item.pk])
    assert client_for("borough_lead").get(reverse("privacy:review")).content.decode().count(decide) == 1
    assert client_for("partner").get(decide).status_code == 403
    client_for("sergeant").post(decide, {"decision": "erase"})
    assert AsbPerson.objects.get(pk=case.person_id).erased_at is not None
    assert AsbPerson.objects.get(pk=current.person_id).name == "Cora Current"
