"""Back up the database into one verified archive, and restore one into an empty database.

Both take the database as Django's settings name it (a DATABASES entry), so the commands pass the
configured one and the tests pass a file of their own. Neither writes to the audit trail: the commands
record what was done once it is done (sn.ops.backup.audit), so a refused restore leaves no trace in a
database it did not touch.
"""

import datetime
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import django

from sn.ops.backup import archive, postgres, sqlite
from sn.ops.backup.checksums import CHECKSUM_METHOD, compare
from sn.ops.backup.errors import BackupError

VENDORS = {"django.db.backends.sqlite3": "sqlite", "django.db.backends.postgresql": "postgresql"}
SUFFIX = ".snbackup"


def vendor_of(database: dict) -> str:
    vendor = VENDORS.get(database["ENGINE"])
    if vendor is None:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {database['ENGINE']}")
    return vendor


def archive_path(path: Path, vendor: str, now: datetime.datetime) -> Path:
    """PATH itself, or inside a directory a name that sorts by time (for a scheduler's nightly run)."""
    if path.is_dir():
        return path / f"sn-{vendor}-{now:%Y%m%dT%H%M%SZ}{SUFFIX}"
    return path


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    bytes: int

    @property
    def rows(self) -> int:
        return sum(table["rows"] for table in self.manifest["tables"].values())


def backup_create(*, database: dict, path: Path, overwrite: bool = False) -> BackupResult:
    """Write an archive of `database` at `path` (a file, or a directory to name one in)."""
    vendor = vendor_of(database)
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    path = archive_path(Path(path), vendor, now)
    if path.exists() and not overwrite:
        raise BackupError(f"{path} already exists: choose another name (nothing was written)")
    if not path.parent.is_dir():
        raise BackupError(f"The directory {path.parent} does not exist (nothing was written)")
    with tempfile.TemporaryDirectory(prefix="sn-backup-", dir=path.parent) as scratch:
        directory = Path(scratch)
        if vendor == "sqlite":
            member = sqlite.snapshot(database, directory)
            # Described from the copy, not the live file: the manifest is of exactly what was copied.
            description = sqlite.describe(member)
            description["tool"] = "sqlite3 online backup API"
        else:
            member, description = postgres.snapshot_and_describe(database, directory)
        manifest = {
            "format": archive.FORMAT,
            "format_version": archive.FORMAT_VERSION,
            "created_at": now.isoformat(),
            "django_version": django.get_version(),
            "database": {
                "vendor": vendor,
                "server_version": description.pop("server_version"),
                "tool": description.pop("tool"),
                "tool_major": description.pop("tool_major", None),
            },
            "checksum_method": CHECKSUM_METHOD,
            **description,
        }
        manifest = archive.write(path, member, manifest)
    return BackupResult(path=path, manifest=manifest, bytes=path.stat().st_size)


@dataclass
class RestoreResult:
    path: Path
    manifest: dict
    found: dict
    problems: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(table["rows"] for table in self.found["tables"].values())


def verify_archive(*, path: Path) -> dict:
    """Check an archive without restoring it (sn restore --check): its manifest."""
    with tempfile.TemporaryDirectory(prefix="sn-restore-") as scratch:
        return archive.open_verified(Path(path), Path(scratch)).manifest


def backup_restore(*, database: dict, path: Path, force: bool = False) -> RestoreResult:
    """Restore the archive at `path` into `database`, which must be empty unless `force`.

    The archive is verified in full before the database is touched; afterwards every table is counted
    and checksummed again. A difference does not raise: the result lists it and the command exits
    non-zero, so the caller sees every difference, not the first."""
    vendor = vendor_of(database)
    path = Path(path)
    # The scratch copy goes where TMPDIR says (the archive's own directory may be read-only media).
    with tempfile.TemporaryDirectory(prefix="sn-restore-") as scratch:
        opened = archive.open_verified(path, Path(scratch))
        manifest = opened.manifest
        archived = manifest["database"]["vendor"]
        if archived != vendor:
            raise BackupError(
                f"This archive is of a {archived} database and the configured database is {vendor}: a "
                "restore goes into the same kind of database (the database was not touched)"
            )
        engine = sqlite if vendor == "sqlite" else postgres
        if not engine.is_empty(database):
            if not force:
                raise BackupError(
                    f"The database {engine.location(database)} is not empty: restore into an empty database, "
                    "or pass --force to replace everything in it (the database was not touched)"
                )
            if vendor == "postgresql":
                postgres.clear(database)
        if vendor == "sqlite":
            sqlite.load(database, opened.member)
            found = sqlite.describe(database["NAME"])
        else:
            postgres.load(database, opened.member, manifest["database"]["tool_major"])
            found = postgres.describe(database)
    problems = compare(manifest["tables"], found["tables"])
    for name, value in manifest.get("sequences", {}).items():
        if found.get("sequences", {}).get(name) != value:
            problems.append(
                f"sequence {name}: {value} in the archive, {found.get('sequences', {}).get(name)} restored"
            )
    return RestoreResult(path=path, manifest=manifest, found=found, problems=problems)
