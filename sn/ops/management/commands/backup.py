"""`sn backup PATH [--overwrite] [--actor USERNAME]`: write one archive (.snbackup) of the configured
database with a manifest of row counts and checksums per table (docs/how-to/backup-restore.md).

PATH may be a directory: the archive is then named by vendor and time, for a scheduler's nightly run.
Safe while the server runs. The backup is recorded in the audit trail and the security log.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from sn.core.commands import add_actor_argument, command_audit
from sn.ops.backup.audit import record_backup
from sn.ops.backup.errors import BackupError
from sn.ops.backup.services import backup_create


class Command(BaseCommand):
    help = "Back up the database into one archive with a manifest of row counts and checksums per table."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the archive to write, or a directory to write it in")
        parser.add_argument("--overwrite", action="store_true", help="replace an archive already at PATH")
        add_actor_argument(parser)

    def handle(self, *args, path: Path, overwrite: bool, **options):
        started = time.perf_counter()
        with command_audit(options, "sn backup"):
            try:
                result = backup_create(
                    database=connections["default"].settings_dict, path=path, overwrite=overwrite
                )
            except BackupError as exc:
                raise CommandError(str(exc)) from exc
            record_backup(path=str(result.path), manifest=result.manifest, archive_bytes=result.bytes)
        manifest = result.manifest
        self.stdout.write(
            f"Backed up {len(manifest['tables'])} tables, {result.rows:,} rows "
            f"({manifest['database']['vendor']}, {manifest['database']['tool']}) to {result.path} "
            f"({result.bytes / 1e6:,.1f} MB) in {time.perf_counter() - started:.1f} s"
        )
