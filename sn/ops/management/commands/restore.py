"""`sn restore PATH [--force] [--check] [--actor USERNAME]`: restore an archive written by sn backup into
the configured database, and prove it by counting and checksumming every table again.

The database must be empty (no tables: a new PostgreSQL database, or no SQLite file yet); --force
replaces whatever is in it. Every member of the archive and its manifest are verified before the
database is touched; a damaged, truncated or altered archive is refused. After the restore, any table
that differs from the manifest is listed and the command exits non-zero. --check verifies the archive
only. The restore is recorded in the restored database's audit trail and in the security log.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader

from sn.core.audit import audit_actor
from sn.core.commands import command_actor
from sn.ops.backup.audit import record_restore
from sn.ops.backup.errors import BackupError
from sn.ops.backup.services import backup_restore, verify_archive


def migration_notes(archived: dict[str, str]) -> list[str]:
    """Where the archive's migrations and this code's differ: what to do before serving."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    on_disk = set(loader.disk_migrations)
    apps_on_disk = {app for app, _ in on_disk}
    notes = [
        f"{app}: the archive has migration {name}, which this code does not know (written by newer code?)"
        for app, name in sorted(archived.items())
        if app in apps_on_disk and (app, name) not in on_disk
    ]
    leaves = dict(loader.graph.leaf_nodes())
    behind = sorted(app for app, name in leaves.items() if archived.get(app, "") < name)
    if behind:
        notes.append(f"this code has newer migrations for {', '.join(behind)}: run sn migrate before serving")
    return notes


class Command(BaseCommand):
    help = "Restore an archive from sn backup into the configured (empty) database, verifying every table."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="the archive written by sn backup")
        parser.add_argument("--force", action="store_true", help="replace everything in a non-empty database")
        parser.add_argument("--check", action="store_true", help="verify the archive only; touch nothing")
        parser.add_argument(
            "--actor",
            metavar="USERNAME",
            help="the user the restore is recorded against (looked up after it)",
        )

    def handle(self, *args, path: Path, force: bool, check: bool, actor: str | None, **options):
        started = time.perf_counter()
        try:
            if check:
                manifest = verify_archive(path=path)
                rows = sum(table["rows"] for table in manifest["tables"].values())
                self.stdout.write(
                    f"{path}: intact ({manifest['database']['vendor']}, {len(manifest['tables'])} tables, "
                    f"{rows:,} rows, written {manifest['created_at']}); nothing was restored"
                )
                return
            database = connections["default"].settings_dict
            connections["default"].close()
            result = backup_restore(database=database, path=path, force=force)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if result.problems:
            listed = "\n  ".join(result.problems)
            raise CommandError(
                f"The restored database does NOT match the archive's manifest; do not use it:\n  {listed}"
            )
        connections["default"].close()  # the tables it saw (none) are not the ones restored
        try:
            who = command_actor(actor)
        except CommandError:
            who = f"{actor} (no such user in the restored database)"
        with audit_actor(who, "sn restore"):
            record_restore(path=str(path), manifest=result.manifest)
        for note in migration_notes(result.manifest.get("migrations", {})):
            self.stdout.write(self.style.WARNING(note))
        self.stdout.write(
            f"Restored {len(result.found['tables'])} tables, {result.rows:,} rows from {path} "
            f"(written {result.manifest['created_at']}); every table's count and checksum match the manifest "
            f"({time.perf_counter() - started:.1f} s)"
        )
