"""What ops adds to the registries lower apps own."""

from django.conf import settings

from sn.jobs.registry import JOB_KINDS, PERIODIC_JOBS, JobKind, PeriodicJob
from sn.ops.backup.jobs import SCHEDULED_BACKUP, run_scheduled_backup
from sn.ops.permissions import RUN_BACKUPS

# The scheduled backup, only where a directory for it is configured (docs/how-to/backup-restore.md).
if settings.SN_BACKUP_DIR:
    JOB_KINDS.register(
        JobKind(
            key=SCHEDULED_BACKUP, label="Database backup", run=run_scheduled_backup, permission=RUN_BACKUPS
        )
    )
    PERIODIC_JOBS.register(
        PeriodicJob(
            kind=SCHEDULED_BACKUP,
            title="Scheduled database backup",
            every_hours=settings.SN_BACKUP_EVERY_HOURS,
        )
    )
