"""Erasing a panel member's personal data: their diversity answers after a retention review, and the
member's name, contact details and answers on their own request (an erasure request, sn.privacy).

Neither checks a panel permission of the actor: the retention review and the erasure request check their
own (sn.privacy.permissions). What stays is an anonymous count: the panel (so its ward), the member
type, the dates of membership and the meetings they attended.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.archive import record_archive
from sn.core.audit import audit_actor
from sn.panels.models import DiversityAnswers, PanelMember
from sn.panels.models.panels import CONTACT_FIELDS, DIVERSITY_QUESTIONS

ERASED_NAME = "Name erased"


def _blank_answers(answers: DiversityAnswers, reason: str) -> None:
    for name, _, _ in DIVERSITY_QUESTIONS:
        setattr(answers, name, "")
    answers.save()
    if not answers.is_archived:
        record_archive(record=answers, reason=reason)


def diversity_answers_erase(*, answers: DiversityAnswers, reason: str, actor=None) -> DiversityAnswers:
    """Blank the answers and archive the record (it leaves every list; the dates of consent stay)."""
    if answers.is_archived:
        raise ValidationError("These diversity answers have already been erased.")
    with transaction.atomic(), audit_actor(actor, reason):
        _blank_answers(answers, reason)
    return answers


def panel_member_erase(*, member: PanelMember, actor=None) -> PanelMember:
    """The member asked to be erased: their name, organisation and contact details are blanked, their
    diversity answers erased, their membership ended (today, if still current) and the record archived.
    Past meetings still count their attendance."""
    if member.name == ERASED_NAME and member.is_archived:
        raise ValidationError("This panel member's details have already been erased.")
    context = "Erasure request"
    with transaction.atomic(), audit_actor(actor, context):
        # The name is recorded in the trail as any other field; here the change must not copy it again.
        member.audit_summarised_fields = PanelMember.audit_summarised_fields | {"name", "organisation"}
        member.name = ERASED_NAME
        member.organisation = ""
        for name in CONTACT_FIELDS:
            setattr(member, name, "")
        member.contact_consent_on = None
        member.user = None
        member.is_chair = False
        member.left_on = member.left_on or max(timezone.localdate(), member.joined_on)
        member.save()
        answers = DiversityAnswers.objects.filter(member=member).first()
        if answers is not None:
            _blank_answers(answers, context)
        if not member.is_archived:
            record_archive(record=member, reason=context)
    return member
