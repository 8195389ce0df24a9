"""Records of each kind for the privacy tests, with their dates where the boundaries need them."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sn.community.standards import months_after
from sn.feedback.models import FeedbackMessage, Outcome
from sn.feedback.services import feedback_close, feedback_reply
from sn.feedback.tests.factories import message_in
from sn.panels.models import DiversityAnswers, PanelMember
from sn.panels.tests.factories import PanelFactory, PanelMemberFactory

TODAY = timezone.localdate


def closed_message(world, *, on: date, ward="a1", **fields) -> FeedbackMessage:
    """A message about `ward` closed on `on` (at noon, local time)."""
    feedback = message_in(world.wards[ward], **fields)
    feedback_reply(feedback=feedback, text="Thank you", actor=world.user("sergeant"))
    feedback_close(
        feedback=feedback, outcome=Outcome.ANSWERED, note="Spoke to them", actor=world.user("sergeant")
    )
    closed_at = timezone.make_aware(datetime.combine(on, time(12, 0)))
    FeedbackMessage.objects.filter(pk=feedback.pk).update(closed_at=closed_at)
    feedback.refresh_from_db()
    return feedback


def panel_in(world, ward="a1"):
    return PanelFactory(neighbourhood=world.wards[ward])


def member_with_answers(panel, *, left_on: date | None, **fields) -> PanelMember:
    member = PanelMemberFactory(panel=panel, left_on=left_on, joined_on=date(2015, 1, 1), **fields)
    DiversityAnswers.objects.create(
        member=member, consent_given_on=date(2015, 1, 1), age_band="35-44", sex="female", ethnic_group="white"
    )
    return member


def months_ago(months: int) -> date:
    return months_after(TODAY(), -months)


def days_ago(days: int) -> date:
    return TODAY() - timedelta(days=days)
