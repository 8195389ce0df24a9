"""Who may open the privacy pages (collected by sn/core/tests/test_access_matrix.py). The review list is for
everyone responsible for some kind of record; it lists only the items each decides. An item's page needs
its kind's permission (feedback: its handlers; diversity answers: who keeps the panel; query senders: who
handles queries; ASB victims: who records ASB) and the record within reach: one item of each kind in a1,
a3 (same cluster), a5 (another cluster of the borough) and b1 (another borough). Erasure requests are the
central unit's.
"""

from datetime import timedelta

from django.utils import timezone

from sn.asb.models import AsbReport
from sn.asb.tests.factories import flagged_case
from sn.feedback.models import FeedbackMessage, Outcome
from sn.feedback.services import feedback_close, feedback_reply
from sn.feedback.tests.factories import message_in
from sn.panels.models import DiversityAnswers
from sn.panels.tests.factories import PanelFactory, PanelMemberFactory
from sn.privacy.models import ReviewItem
from sn.privacy.services import erasure_request_create, retention_review_run
from sn.queries.models import Status as QueryStatus
from sn.queries.tests.factories import CommunityQueryFactory
from sn.testing.access import FORCE_ROLES, OTHER_BOROUGH, SAME_BOROUGH, SAME_CLUSTER

WARDS = ("a1", "a3", "a5", "b1")
RESPONSIBLE = frozenset({"team_officer", "sergeant", "inspector", "borough_lead", "central_unit"})
HANDLERS = frozenset({"sergeant", "inspector", "borough_lead", "central_unit"})
PANEL_KEEPERS = frozenset({"team_officer", "sergeant"})


def _items(world) -> dict[tuple[str, str], ReviewItem]:
    """A closed message and a former panel member's answers in each ward, listed by a review."""
    cache = world.__dict__.setdefault("privacy_items", {})
    if cache:
        return cache
    today = timezone.localdate()
    records = {}
    for key in WARDS:
        ward = world.wards[key]
        feedback = message_in(ward)
        feedback_reply(feedback=feedback, text="Thank you", actor=world.user("central_unit"))
        feedback_close(feedback=feedback, outcome=Outcome.ANSWERED, actor=world.user("central_unit"))
        closed = timezone.now() - timedelta(days=800)
        FeedbackMessage.objects.filter(pk=feedback.pk).update(closed_at=closed)
        member = PanelMemberFactory(
            panel=PanelFactory(neighbourhood=ward),
            joined_on=today - timedelta(days=1500),
            left_on=today - timedelta(days=800),
        )
        answers = DiversityAnswers.objects.create(
            member=member, consent_given_on=member.joined_on, sex="male"
        )
        records[("feedback_sender", feedback.pk)] = key
        records[("diversity_answers", answers.pk)] = key
        long_ago = timezone.now() - timedelta(days=800)
        query = CommunityQueryFactory(
            neighbourhood=ward,
            received_at=long_ago,
            due_at=long_ago + timedelta(hours=72),
            answered_at=long_ago + timedelta(hours=2),
            status=QueryStatus.ANSWERED,
        )
        victim = flagged_case(ward, name=f"Victim of {key}")
        AsbReport.objects.filter(case=victim).update(reported_at=long_ago)
        records[("query_sender", query.pk)] = key
        records[("asb_victim", victim.person_id)] = key
    retention_review_run()
    for item in ReviewItem.objects.filter(status=ReviewItem.Status.OPEN):
        if (item.kind, item.record_id) in records:
            cache[(item.kind, records[(item.kind, item.record_id)])] = item
    return cache


def _item(kind: str, key: str):
    return lambda w: {"pk": _items(w)[(kind, key)].pk}


def _rule(kind: str, who):
    return (
        _item(kind, "a1"),
        {SAME_CLUSTER: _item(kind, "a3"), SAME_BOROUGH: _item(kind, "a5"), OTHER_BOROUGH: _item(kind, "b1")},
        who,
    )


def _list(world):
    _items(world)
    return {}


def _request(world):
    cache = world.__dict__.setdefault("privacy_request", [])
    if not cache:
        cache.append(erasure_request_create(name="Nobody Known-Anywhere"))
    return {"pk": cache[0].pk}


ACCESS_RULES = {
    "privacy:review": (_list, None, RESPONSIBLE),
    "privacy:review_feedback": _rule("feedback_sender", HANDLERS),
    "privacy:review_diversity": _rule("diversity_answers", PANEL_KEEPERS),
    "privacy:review_query": _rule("query_sender", RESPONSIBLE),
    "privacy:review_asb": _rule("asb_victim", RESPONSIBLE),
    "privacy:requests": (lambda w: {}, None, FORCE_ROLES),
    "privacy:request_new": (lambda w: {}, None, FORCE_ROLES),
    "privacy:request": (_request, None, FORCE_ROLES),
    "privacy:request_cancel": (_request, None, FORCE_ROLES),
}
LISTS = {"privacy:review"}
DOWNLOADS = {"privacy:request": ("csv",)}
