"""Erasing a person: on withdrawal of their consent, and after a retention review. Each is atomic and
audited, and irreversible: every personal field is blanked at once, and the trail records that the
fields changed, never their values (PersonalRecord.PERSONAL_FIELDS are the models' summarised fields).
A record erased stays as an anonymous count (its ward, its kind or role, a member's interviews); one
erased on review is archived too, so that it leaves every list.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.community.models import Contact, ErasureReason, KinMember, PersonalRecord
from sn.community.standards import last_activity, long_date, review_cutoff
from sn.core.archive import record_archive
from sn.core.audit import audit_actor


def refuse_erased(record: PersonalRecord, what: str) -> None:
    """No change to a record once erased or archived (a form-wide refusal)."""
    if record.is_archived:
        raise ValidationError(f"This {what} has been archived; it can no longer be changed.")
    if record.is_erased:
        raise ValidationError(f"This {what}'s details have been erased; the record can no longer be changed.")


def _what(record: KinMember | Contact) -> str:
    return "KIN member" if isinstance(record, KinMember) else "contact"


def _erase(record: PersonalRecord, reason: str) -> None:
    """Blank every personal field and say when and why. The caller holds the transaction and actor."""
    for name in record.PERSONAL_FIELDS:
        field = record._meta.get_field(name)
        setattr(record, name, [] if name == "topics" else None if field.null else "")
    record.erased_at = timezone.now()
    record.erased_reason = reason
    record.save()
    if isinstance(record, KinMember):
        # Notes may name the member; each change goes through save() so the trail has it (valueless).
        for interview in record.interviews.exclude(notes=""):
            interview.notes = ""
            interview.save(update_fields=["notes", "modified_at", "modified_by"])


def consent_withdraw(*, record: KinMember | Contact, withdrawn_on: date, actor=None) -> KinMember | Contact:
    """They no longer agree: their details are erased at once, for good. The record stays as an
    anonymous count (its ward, role or kind, and for a KIN member their interviews)."""
    refuse_erased(record, _what(record))
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": "The date consent was withdrawn cannot be in the future."})
    if withdrawn_on < record.consent_given_on:
        raise ValidationError(
            {
                "withdrawn_on": f"Consent was given on {long_date(record.consent_given_on)}: "
                "it cannot be withdrawn before that."
            }
        )
    with transaction.atomic(), audit_actor(actor):
        record.consent_withdrawn_on = withdrawn_on
        _erase(record, ErasureReason.WITHDRAWN)
    return record


def _refuse_not_due(record: KinMember | Contact, today: date) -> None:
    last = last_activity(record)
    if last > review_cutoff(today, type(record)):
        raise ValidationError(f"This record is not due a review: it was last used on {long_date(last)}.")


def personal_data_keep(*, record: KinMember | Contact, actor=None) -> KinMember | Contact:
    """A retention review found the record still in use: keep it, and start its review period again."""
    refuse_erased(record, _what(record))
    today = timezone.localdate()
    _refuse_not_due(record, today)
    with transaction.atomic(), audit_actor(actor):
        record.reviewed_on = today
        record.save(update_fields=["reviewed_on", "modified_at", "modified_by"])
    return record


def personal_data_erase(*, record: KinMember | Contact, actor=None) -> KinMember | Contact:
    """A retention review found the record no longer used: erase the person's details, as a withdrawal
    would, and archive the record so that it leaves every list."""
    refuse_erased(record, _what(record))
    today = timezone.localdate()
    _refuse_not_due(record, today)
    last = last_activity(record)
    with transaction.atomic(), audit_actor(actor):
        _erase(record, ErasureReason.RETENTION)
        record_archive(record=record, reason=f"Retention review: not used since {long_date(last)}")
    return record


def personal_data_erase_on_request(*, record: KinMember | Contact, actor=None) -> KinMember | Contact:
    """The person asked for their details to be erased (an erasure request, sn.privacy): erase them at
    once, as a withdrawal of consent would, whether or not the record is in use or archived. The record
    stays as an anonymous count."""
    if record.is_erased:
        raise ValidationError(f"This {_what(record)}'s details have already been erased.")
    with transaction.atomic(), audit_actor(actor, "Erasure request"):
        record.consent_withdrawn_on = record.consent_withdrawn_on or timezone.localdate()
        _erase(record, ErasureReason.WITHDRAWN)
    return record
