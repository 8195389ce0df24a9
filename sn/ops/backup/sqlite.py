"""The embedded default: SQLite's online backup API, which copies a consistent snapshot while the demo
server keeps reading and writing (under WAL, readers and the one writer do not block each other)."""

import sqlite3
from pathlib import Path

from sn.ops.backup.checksums import batched, column_kinds, table_digest
from sn.ops.backup.errors import BackupError

MEMBER = "database.sqlite3"


def _connect(name: str, *, read_only: bool = False) -> sqlite3.Connection:
    """The database named as Django names it: a path, or a file: URI (the test suite's shared memory)."""
    if str(name).startswith("file:"):
        return sqlite3.connect(str(name), uri=True)
    if read_only:
        return sqlite3.connect(f"{Path(name).resolve().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(name)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def snapshot(database: dict, directory: Path) -> Path:
    """Copy the database into `directory` in one step of the backup API: one step holds a read lock for
    the whole copy, so the copy is of one moment (a stepped copy restarts whenever the server writes,
    and on a busy server might never finish)."""
    name = database["NAME"]
    if not str(name).startswith("file:") and not Path(name).is_file():
        raise BackupError(f"There is no SQLite database at {name}; nothing was written")
    target = directory / MEMBER
    source, copy = _connect(name), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()
    return target


def describe(path: Path | str) -> dict:
    """The manifest's database part for the SQLite database at `path`: its tables, counts, checksums
    and the latest migration applied per app."""
    db = _connect(str(path), read_only=True)
    try:
        names = [
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ]
        kinds = column_kinds()
        tables = {}
        for name in names:
            columns = sorted(row[1] for row in db.execute(f"PRAGMA table_info({_quote(name)})"))
            cursor = db.execute(f"SELECT {', '.join(map(_quote, columns))} FROM {_quote(name)}")
            count, checksum = table_digest(columns, batched(cursor), kinds.get(name, {}), "sqlite")
            tables[name] = {"rows": count, "checksum": checksum}
        migrations = {}
        if "django_migrations" in tables:
            migrations = dict(db.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app"))
        return {"tables": tables, "migrations": migrations, "server_version": sqlite3.sqlite_version}
    finally:
        db.close()


def is_empty(database: dict) -> bool:
    name = database["NAME"]
    if not str(name).startswith("file:") and (not Path(name).exists() or Path(name).stat().st_size == 0):
        return True
    db = _connect(name)
    try:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchone()
    finally:
        db.close()
    return count == 0


def load(database: dict, dump: Path) -> None:
    """Overwrite the database with the verified copy, through the backup API again, so SQLite itself
    replaces every page and deals with a WAL file or an open connection, rather than a file rename."""
    name = database["NAME"]
    if str(name).startswith("file:") or name == ":memory:":
        raise BackupError("A restore needs a database file (this database is in memory); nothing was written")
    if not Path(name).parent.is_dir():
        raise BackupError(f"The directory of {name} does not exist; nothing was written")
    source, target = _connect(str(dump), read_only=True), sqlite3.connect(name)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def location(database: dict) -> str:
    return str(database["NAME"])
