"""Archive, don't delete: the one way records holding personal data leave the service."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor, current_actor
from sn.core.models import ArchivableModel


def record_archive(*, record: ArchivableModel, reason: str, actor=None) -> ArchivableModel:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the record is archived."})
    if record.is_archived:
        raise ValidationError("This record is already archived.")
    with transaction.atomic(), audit_actor(actor):
        current = current_actor()
        record.archived_at = timezone.now()
        record.archived_by_id = current.pk if current is not None else None
        record.archived_reason = reason.strip()[:255]
        record.save()
    return record


def record_restore(*, record: ArchivableModel, actor=None) -> ArchivableModel:
    if not record.is_archived:
        raise ValidationError("This record is not archived.")
    with transaction.atomic(), audit_actor(actor):
        record.archived_at = None
        record.archived_by = None
        record.archived_reason = ""
        record.save()
    return record
