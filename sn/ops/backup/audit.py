"""Backups and restores in the audit trail and the security log.

The trail records writes to records; a backup or a restore is about the whole database, so its event
is filed under the trail's own content type (object_repr says which), with the archive, its counts and
who ran it. A restore's event is written into the restored database after it was verified, so the
restored trail itself says when and from what it was restored.
"""

import logging

from django.contrib.contenttypes.models import ContentType

from sn.core.audit import current_actor, current_actor_label
from sn.core.models import AuditEvent

log = logging.getLogger("sn.security")


def _record(object_repr: str, changes: dict, context: str) -> AuditEvent:
    return AuditEvent.objects.create(
        action=AuditEvent.Action.CREATE,
        content_type=ContentType.objects.get_for_model(AuditEvent),
        object_repr=object_repr[:255],
        changes=changes,
        actor=current_actor(),
        actor_label=current_actor_label(),
        context=context[:255],
    )


def record_backup(*, path: str, manifest: dict, archive_bytes: int) -> AuditEvent:
    tables = manifest["tables"]
    changes = {
        "archive": path,
        "bytes": archive_bytes,
        "vendor": manifest["database"]["vendor"],
        "tables": len(tables),
        "rows": sum(table["rows"] for table in tables.values()),
        "created_at": manifest["created_at"],
    }
    log.info("database backup written archive=%r by=%r", path, current_actor_label())
    return _record(f"database backup {path}", changes, "sn backup")


def record_restore(*, path: str, manifest: dict) -> AuditEvent:
    tables = manifest["tables"]
    changes = {
        "archive": path,
        "backup_created_at": manifest["created_at"],
        "vendor": manifest["database"]["vendor"],
        "tables": len(tables),
        "rows": sum(table["rows"] for table in tables.values()),
        "verified": True,
    }
    log.warning("database restored archive=%r by=%r", path, current_actor_label())
    return _record(f"database restore from {path}", changes, "sn restore")
