"""The scheduled backup: `sn worker` takes one every SN_BACKUP_EVERY_HOURS into SN_BACKUP_DIR and deletes
that directory's archives older than SN_BACKUP_KEEP_DAYS. Registered only where SN_BACKUP_DIR is set
(sn.ops.hooks), so the demo and the tests never fill a disk with backups nobody asked for."""

import datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

from sn.jobs.registry import JobOutcome, JobRefused, Progress
from sn.ops.backup.audit import record_backup
from sn.ops.backup.errors import BackupError
from sn.ops.backup.services import SUFFIX, backup_create

SCHEDULED_BACKUP = "ops.backup"


def prune(directory: Path, keep_days: int, now: datetime.datetime) -> list[Path]:
    """Delete the archives this schedule wrote (sn-*.snbackup) longer ago than `keep_days`; never the
    newest one, whatever its age, and never another file."""
    archives = sorted(directory.glob(f"sn-*{SUFFIX}"), key=lambda path: path.stat().st_mtime)
    cutoff = (now - datetime.timedelta(days=keep_days)).timestamp()
    old = [path for path in archives[:-1] if path.stat().st_mtime < cutoff]
    for path in old:
        path.unlink()
    return old


def run_scheduled_backup(job, progress: Progress) -> JobOutcome:
    directory = Path(settings.SN_BACKUP_DIR)
    if not directory.is_dir():
        raise JobRefused(f"SN_BACKUP_DIR: {directory} is not a directory; no backup was taken")
    progress(0, message="Copying the database and checksumming every table")
    try:
        result = backup_create(database=connections["default"].settings_dict, path=directory)
    except BackupError as exc:
        raise JobRefused(str(exc)) from exc
    record_backup(path=str(result.path), manifest=result.manifest, archive_bytes=result.bytes)
    pruned = prune(directory, settings.SN_BACKUP_KEEP_DAYS, datetime.datetime.now(datetime.UTC))
    progress(1, 1, "Done")
    return JobOutcome(
        summary=(
            f"Backed up {len(result.manifest['tables'])} tables, {result.rows:,} rows to {result.path.name} "
            f"({result.bytes / 1e6:,.1f} MB); {len(pruned)} archive(s) older than "
            f"{settings.SN_BACKUP_KEEP_DAYS} days deleted"
        ),
        rows=result.rows,
    )
