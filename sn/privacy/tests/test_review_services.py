"""The retention review: what falls due for each kind on the boundary day and not the day before, what a
run lists (once), erasing leaves an anonymous count, keeping with a reason starts the period again, and
refusals write nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from sn.community.models import Contact, KinMember
from sn.community.selectors import due_for_review
from sn.community.tests.factories import ContactFactory, KinMemberFactory
from sn.core.models import AuditEvent
from sn.feedback.models import FeedbackMessage
from sn.feedback.tests.factories import message_in
from sn.panels.models import DiversityAnswers
from sn.privacy.kinds import LISTED_KINDS
from sn.privacy.models import ReviewItem
from sn.privacy.retention import RecordKind, cutoff
from sn.privacy.selectors import due_diversity, due_feedback
from sn.privacy.services import retention_review_run, review_item_erase, review_item_keep
from sn.privacy.tests.helpers import (
    TODAY,
    closed_message,
    days_ago,
    member_with_answers,
    months_ago,
    panel_in,
)

RETENTION = {
    "kin_member": {"months": 24},
    "contact": {"months": 18},
    "feedback_sender": {"days": 365},
    "diversity_answers": {"months": 12},
    "query_sender": {"days": 365},
    "asb_victim": {"months": 24},
}


@pytest.fixture(autouse=True)
def retention(settings):
    settings.SN_RETENTION = RETENTION


def _ids(rows):
    return {row.record_id for row in rows}


def test_feedback_is_due_on_the_day_its_period_ends_and_not_the_day_before(world):
    due = closed_message(world, on=days_ago(365))
    not_yet = closed_message(world, on=days_ago(364))
    assert _ids(due_feedback(TODAY())) == {due.pk}
    assert not_yet.pk not in _ids(due_feedback(TODAY()))


def test_open_and_already_erased_feedback_is_never_due(world):
    message_in(world.wards["a1"])  # open
    erased = closed_message(world, on=days_ago(800))
    FeedbackMessage.objects.filter(pk=erased.pk).update(erased_at=erased.closed_at)
    assert due_feedback(TODAY()) == []


def test_diversity_answers_are_due_a_period_after_the_membership_ended(world):
    panel = panel_in(world)
    due = member_with_answers(panel, left_on=months_ago(12))
    not_yet = member_with_answers(panel, left_on=months_ago(12) + timedelta(days=1))
    member_with_answers(panel, left_on=None)  # still serving
    found = {row.record_id: row for row in due_diversity(TODAY())}
    assert set(found) == {due.diversity.pk}
    assert not_yet.diversity.pk not in found
    assert found[due.diversity.pk].last_active_on == months_ago(12)


def test_a_dissolved_panels_members_answers_fall_due_from_the_dissolution(world):
    panel = panel_in(world)
    member = member_with_answers(panel, left_on=None)
    panel.dissolved_on = months_ago(13)
    panel.save()
    assert _ids(due_diversity(TODAY())) == {member.diversity.pk}


def test_kin_members_and_contacts_each_have_their_own_period(world):
    ward = world.wards["a1"]
    member = KinMemberFactory(
        neighbourhood=ward, joined_on=months_ago(30), last_interviewed_on=months_ago(24)
    )
    KinMemberFactory(neighbourhood=ward, joined_on=months_ago(30), last_interviewed_on=months_ago(20))
    contact = ContactFactory(
        neighbourhood=ward, consent_given_on=months_ago(30), last_contacted_on=months_ago(18)
    )
    ContactFactory(neighbourhood=ward, consent_given_on=months_ago(30), last_contacted_on=months_ago(17))
    assert list(due_for_review(KinMember.objects.all(), today=TODAY())) == [member]
    assert list(due_for_review(Contact.objects.all(), today=TODAY())) == [contact]


def test_a_run_lists_what_is_due_once_and_counts_the_community_records(world):
    feedback = closed_message(world, on=days_ago(400))
    answers = member_with_answers(panel_in(world), left_on=months_ago(13)).diversity
    KinMemberFactory(
        neighbourhood=world.wards["a1"], joined_on=months_ago(30), last_interviewed_on=months_ago(25)
    )

    summary = retention_review_run(actor="scheduler")

    items = {(item.kind, item.record_id): item for item in ReviewItem.objects.all()}
    assert set(items) == {
        (RecordKind.FEEDBACK_SENDER, feedback.pk),
        (RecordKind.DIVERSITY_ANSWERS, answers.pk),
    }
    item = items[(RecordKind.FEEDBACK_SENDER, feedback.pk)]
    assert (item.borough, item.neighbourhood, item.last_active_on) == (
        world.boroughs["a"],
        world.wards["a1"],
        days_ago(400),
    )
    assert summary.community == {RecordKind.KIN_MEMBER: 1, RecordKind.CONTACT: 0}
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.BULK_CREATE, context="Retention review"
    ).exists()

    again = retention_review_run()
    assert again.new == {kind: 0 for kind in LISTED_KINDS}
    assert ReviewItem.objects.count() == 2


def test_a_listed_record_no_longer_due_lapses_on_the_next_run(world):
    feedback = closed_message(world, on=days_ago(400))
    retention_review_run()
    FeedbackMessage.objects.filter(pk=feedback.pk).update(erased_at=feedback.closed_at)

    summary = retention_review_run()

    assert summary.lapsed == 1
    assert ReviewItem.objects.get().status == ReviewItem.Status.LAPSED


def _raw(table: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608 - fixed names
        return " ".join(str(value) for row in cursor.fetchall() for value in row)


def test_erasing_feedback_blanks_the_sender_and_leaves_an_anonymous_count(world):
    feedback = closed_message(
        world, on=days_ago(400), sender_name="Ursula Uniquename", sender_email="ursula@example.org"
    )
    retention_review_run()
    item = ReviewItem.objects.get()

    review_item_erase(item=item, actor=world.user("sergeant"))

    feedback.refresh_from_db()
    assert feedback.is_erased and feedback.sender_name == "" and feedback.message == ""
    assert (feedback.borough, feedback.neighbourhood, feedback.kind) == (
        world.boroughs["a"],
        world.wards["a1"],
        "complaint",
    )
    assert "Uniquename" not in _raw(FeedbackMessage._meta.db_table, feedback.pk)
    item.refresh_from_db()
    assert (item.status, item.decided_by, item.decided_on) == (
        ReviewItem.Status.ERASED,
        world.user("sergeant"),
        TODAY(),
    )
    assert (item.kind, item.neighbourhood, item.last_active_on.month) == (
        RecordKind.FEEDBACK_SENDER,
        world.wards["a1"],
        days_ago(400).month,
    )


def test_erasing_diversity_answers_blanks_and_archives_them(world):
    member = member_with_answers(panel_in(world), left_on=months_ago(13))
    retention_review_run()

    review_item_erase(item=ReviewItem.objects.get(), actor=world.user("team_officer"))

    answers = DiversityAnswers.objects.get(member=member)
    assert answers.is_archived and (answers.age_band, answers.sex, answers.ethnic_group) == ("", "", "")
    assert answers.consent_given_on  # the dates stay
    assert due_diversity(TODAY()) == []


def test_keeping_with_a_reason_starts_the_period_again(world):
    feedback = closed_message(world, on=days_ago(400))
    retention_review_run()
    item = ReviewItem.objects.get()

    review_item_keep(
        item=item, reason="Referred to professional standards; still open", actor=world.user("borough_lead")
    )

    item.refresh_from_db()
    assert item.status == ReviewItem.Status.KEPT and item.keep_reason.startswith("Referred")
    assert due_feedback(TODAY()) == []
    retention_review_run()
    assert not ReviewItem.objects.filter(status=ReviewItem.Status.OPEN).exists()
    # A period after the keep, it is due again, last active on the day it was kept.
    later = TODAY() + timedelta(days=365)
    assert [(row.record_id, row.last_active_on) for row in due_feedback(later)] == [(feedback.pk, TODAY())]
    assert cutoff(RecordKind.FEEDBACK_SENDER, later) == TODAY()


def test_keeping_without_a_reason_and_deciding_twice_are_refused(world):
    closed_message(world, on=days_ago(400))
    retention_review_run()
    item = ReviewItem.objects.get()

    with pytest.raises(ValidationError) as refused:
        review_item_keep(item=item, reason="   ")
    assert "reason" in refused.value.message_dict
    item.refresh_from_db()
    assert item.is_open

    review_item_erase(item=item)
    with pytest.raises(ValidationError, match="reviewed already"):
        review_item_keep(item=item, reason="Still needed")
    with pytest.raises(ValidationError, match="reviewed already"):
        review_item_erase(item=item)
