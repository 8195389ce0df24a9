"""sn backup and sn restore: a round trip reproduces every table, and a damaged, truncated, altered or
misdirected archive is refused before the database is touched.

The test database is in memory (SQLite) or test_<name> (PostgreSQL): it is the source, and each restore
goes into a database of the test's own (a file in tmp_path, or a PostgreSQL database made and dropped
here), never into the configured one.
"""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import threading
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from sn.community.tests.factories import KinInterviewFactory, KinMemberFactory
from sn.core.models import AuditEvent
from sn.engagement.tests.factories import EventFactory
from sn.incidents.tests.factories import IncidentFactory, IncidentMonthlyFactory
from sn.ops.backup import archive, sqlite
from sn.ops.backup.errors import BackupError
from sn.ops.backup.services import backup_create, backup_restore, verify_archive
from sn.panels.tests.factories import PriorityFactory, ProgressUpdateFactory
from sn.testing.world import build_world
from sn.workforce.tests.factories import DutyFactory

ROOT = Path(__file__).resolve().parents[3]
SN = str(Path(sys.executable).parent / "sn")
SQLITE = "django.db.backends.sqlite3"
# The refusals are of the archive, whatever the database: they run with the SQLite suite, whose source
# database the backup API reads in memory. PostgreSQL's round trip is in test_backup_postgres.py.
sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'")


def sqlite_target(tmp_path: Path, name: str = "restored.sqlite3") -> dict:
    return {"ENGINE": SQLITE, "NAME": str(tmp_path / name)}


def populate() -> None:
    """The test force plus rows in several apps, of every kind of column the checksums canonicalise:
    booleans, dates, date-times, decimals, JSON (the audit trail's changes), many-to-many links."""
    world = build_world()
    ward, officer = world.wards["a1"], world.officers["sergeant_a"]
    IncidentFactory.create_batch(5, neighbourhood=ward)
    # Months of their own: two drawn at random share one now and then (the table is unique by month).
    for month in (date(2024, 5, 1), date(2024, 6, 1)):
        IncidentMonthlyFactory(neighbourhood=ward, month=month)
    KinInterviewFactory.create_batch(3, member=KinMemberFactory(neighbourhood=ward), officer=officer)
    EventFactory.create_batch(2, neighbourhood=ward)
    ProgressUpdateFactory(priority=PriorityFactory(selected_at__panel__neighbourhood=ward, owner=officer))
    DutyFactory.create_batch(2, officer=officer, team=world.teams["a1"])


@pytest.fixture
def source(transactional_db) -> dict:
    """The test database with a force in it, committed so that another connection (the backup API's,
    pg_dump's) sees it."""
    populate()
    return connection.settings_dict


def rows_per_table(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}
    finally:
        db.close()


# --- The round trip ---------------------------------------------------------------------------------


@sqlite_only
def test_a_round_trip_on_sqlite_reproduces_every_table(source, tmp_path):
    written = backup_create(database=source, path=tmp_path / "force.snbackup")
    target = sqlite_target(tmp_path)

    restored = backup_restore(database=target, path=written.path)

    assert restored.problems == []
    # Every table of the live database, counted and checksummed independently of the archive.
    live = sqlite.describe(source["NAME"])["tables"]
    assert set(live) == set(restored.found["tables"]) == set(written.manifest["tables"])
    assert live == restored.found["tables"] == written.manifest["tables"]
    # The force and the rows of several apps were in it, not an empty schema.
    tables = written.manifest["tables"]
    for name in ("incidents_incident", "community_kininterview", "panels_progressupdate", "workforce_duty"):
        assert tables[name]["rows"] > 0, name
    assert tables["core_auditevent"]["rows"] > 10
    assert rows_per_table(Path(target["NAME"])) == {name: t["rows"] for name, t in live.items()}


@sqlite_only
def test_the_manifest_says_what_the_archive_holds(source, tmp_path):
    manifest = backup_create(database=source, path=tmp_path / "force.snbackup").manifest

    assert manifest["format"] == "sn-backup"
    assert manifest["database"]["vendor"] == "sqlite"
    assert manifest["django_version"]
    assert manifest["created_at"].endswith("+00:00")
    assert manifest["migrations"]["incidents"].startswith("00")
    assert set(manifest["files"]) == {"database.sqlite3"}
    assert len(manifest["files"]["database.sqlite3"]["sha256"]) == 64
    with tarfile.open(tmp_path / "force.snbackup") as tar:
        assert sorted(tar.getnames()) == ["database.sqlite3", "manifest.json", "manifest.sha256"]


# --- The commands -------------------------------------------------------------------------------------


def run_sn(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url}
    return subprocess.run([SN, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


@sqlite_only
def test_the_commands_back_up_and_restore_into_an_empty_file_and_audit_both(source, tmp_path):
    out = io.StringIO()
    call_command("backup", str(tmp_path), stdout=out)

    (archive_path,) = tmp_path.glob("sn-sqlite-*.snbackup")
    assert "Backed up" in out.getvalue()
    event = AuditEvent.objects.filter(context="sn backup").get()
    assert event.changes["archive"] == str(archive_path)
    assert event.actor_label  # the operating-system user without --actor

    target = tmp_path / "restored.sqlite3"
    done = run_sn("restore", str(archive_path), "--actor", "admin-a", database_url=f"sqlite:///{target}")

    assert done.returncode == 0, done.stderr
    assert "every table's count and checksum match the manifest" in done.stdout
    db = sqlite3.connect(target)
    restore_events = db.execute(
        "SELECT actor_label, changes FROM core_auditevent WHERE context = 'sn restore'"
    ).fetchall()
    db.close()
    assert len(restore_events) == 1
    assert json.loads(restore_events[0][1])["archive"] == str(archive_path)


@sqlite_only
def test_restore_check_verifies_an_archive_without_touching_the_database(source, tmp_path):
    written = backup_create(database=source, path=tmp_path / "force.snbackup")
    target = tmp_path / "untouched.sqlite3"

    done = run_sn("restore", "--check", str(written.path), database_url=f"sqlite:///{target}")

    assert done.returncode == 0, done.stderr
    assert "intact" in done.stdout
    assert not target.exists() or rows_per_table(target) == {}


@sqlite_only
def test_a_restore_that_does_not_reproduce_the_manifest_exits_non_zero(source, tmp_path):
    written = backup_create(database=source, path=tmp_path / "force.snbackup")
    forged = rewrite(written.path, tmp_path / "forged.snbackup", change_manifest=True, keep_sum=False)

    done = run_sn("restore", str(forged), database_url=f"sqlite:///{tmp_path / 'restored.sqlite3'}")

    assert done.returncode != 0
    assert "does NOT match the archive's manifest" in done.stderr
    assert "table incidents_incident: 6 rows in the archive, 5 in the database" in done.stderr


# --- Refusals -----------------------------------------------------------------------------------------


@pytest.fixture
def written(source, tmp_path):
    return backup_create(database=source, path=tmp_path / "force.snbackup")


def data_offset(path: Path, member: str) -> tuple[int, int]:
    with tarfile.open(path) as tar:
        info = tar.getmember(member)
        return info.offset_data, info.size


def rewrite(path: Path, to: Path, *, change_manifest: bool, keep_sum: bool, drop: str = "") -> Path:
    """A copy of the archive with manifest.json changed (one more incident than there were), keeping
    the old manifest.sha256 (damage) or writing a matching one (a deliberate forgery), or a member dropped."""
    with tarfile.open(path) as tar:
        members = {info.name: tar.extractfile(info).read() for info in tar}
    if change_manifest:
        manifest = json.loads(members["manifest.json"])
        manifest["tables"]["incidents_incident"]["rows"] += 1
        members["manifest.json"] = json.dumps(manifest).encode()
        if not keep_sum:
            members["manifest.sha256"] = (
                f"{hashlib.sha256(members['manifest.json']).hexdigest()}  x\n".encode()
            )
    members.pop(drop, None)
    with tarfile.open(to, "w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return to


@sqlite_only
def test_a_flipped_byte_in_the_database_file_is_refused_before_the_database_is_touched(written, tmp_path):
    offset, size = data_offset(written.path, "database.sqlite3")
    with open(written.path, "r+b") as f:
        f.seek(offset + size // 2)
        byte = f.read(1)
        f.seek(offset + size // 2)
        f.write(bytes([byte[0] ^ 0xFF]))
    target = sqlite_target(tmp_path)

    with pytest.raises(BackupError, match="does not match its checksum in the manifest.*not touched"):
        backup_restore(database=target, path=written.path)
    assert not Path(target["NAME"]).exists()


@sqlite_only
def test_a_truncated_archive_is_refused(written, tmp_path):
    offset, size = data_offset(written.path, "database.sqlite3")
    with open(written.path, "r+b") as f:
        f.truncate(offset + size // 2)
    target = sqlite_target(tmp_path)

    with pytest.raises(BackupError, match="damaged or truncated|incomplete|truncated"):
        backup_restore(database=target, path=written.path)
    assert not Path(target["NAME"]).exists()


@sqlite_only
def test_an_archive_missing_its_manifest_or_database_is_refused(written, tmp_path):
    for member in ("manifest.json", "manifest.sha256", "database.sqlite3"):
        partial = rewrite(
            written.path, tmp_path / f"no-{member}", change_manifest=False, keep_sum=True, drop=member
        )
        with pytest.raises(BackupError, match=f"incomplete: {member} is missing"):
            backup_restore(database=sqlite_target(tmp_path), path=partial)
    assert not (tmp_path / "restored.sqlite3").exists()


@sqlite_only
def test_a_changed_manifest_is_refused(written, tmp_path):
    tampered = rewrite(written.path, tmp_path / "tampered.snbackup", change_manifest=True, keep_sum=True)

    with pytest.raises(BackupError, match="manifest.json does not match manifest.sha256"):
        backup_restore(database=sqlite_target(tmp_path), path=tampered)
    with pytest.raises(BackupError, match="manifest.json does not match manifest.sha256"):
        verify_archive(path=tampered)


@sqlite_only
def test_a_file_that_is_no_archive_is_refused(tmp_path, db):
    junk = tmp_path / "junk.snbackup"
    junk.write_bytes(b"not a tar at all" * 100)

    with pytest.raises(BackupError, match="damaged or truncated|incomplete"):
        backup_restore(database=sqlite_target(tmp_path), path=junk)


@sqlite_only
def test_a_database_that_is_not_empty_is_refused_unless_forced(written, tmp_path):
    target = sqlite_target(tmp_path)
    db = sqlite3.connect(target["NAME"])
    db.execute("CREATE TABLE precious (id integer primary key)")
    db.execute("INSERT INTO precious VALUES (1)")
    db.commit()
    db.close()

    with pytest.raises(BackupError, match="is not empty.*--force.*not touched"):
        backup_restore(database=target, path=written.path)
    assert rows_per_table(Path(target["NAME"])) == {"precious": 1}

    restored = backup_restore(database=target, path=written.path, force=True)
    assert restored.problems == []
    assert "precious" not in rows_per_table(Path(target["NAME"]))


@sqlite_only
def test_an_archive_of_one_kind_of_database_is_refused_by_the_other(written, tmp_path):
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "never_connected", "HOST": "127.0.0.1"}

    with pytest.raises(BackupError, match="archive is of a sqlite database.*postgresql"):
        backup_restore(database=postgres, path=written.path)


@sqlite_only
def test_a_backup_never_overwrites_an_archive(written, source):
    with pytest.raises(BackupError, match="already exists"):
        backup_create(database=source, path=written.path)


@sqlite_only
def test_a_restore_into_memory_is_refused(written):
    with pytest.raises(BackupError, match="not empty|in memory"):
        backup_restore(database=connection.settings_dict, path=written.path)


@sqlite_only
def test_a_backup_interrupted_leaves_no_archive(source, tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(archive, "_add_bytes", fail)
    with pytest.raises(OSError, match="disk full"):
        backup_create(database=source, path=tmp_path / "force.snbackup")
    assert list(tmp_path.iterdir()) == []


@sqlite_only
def test_a_restore_into_a_directory_that_does_not_exist_is_refused(written, tmp_path):
    with pytest.raises(BackupError, match="does not exist"):
        backup_restore(database=sqlite_target(tmp_path / "nowhere"), path=written.path)


def test_a_backup_taken_while_another_connection_writes_restores_exactly_what_it_copied(tmp_path):
    """The demo server keeps writing during a backup: the manifest must describe the copy, not the live
    file, so the restore matches it whatever was written meanwhile."""
    live = tmp_path / "live.sqlite3"
    db = sqlite3.connect(live)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE reading (id integer primary key, note text)")
    db.executemany("INSERT INTO reading (note) VALUES (?)", [(f"row {n}",) for n in range(20_000)])
    db.commit()
    stop = threading.Event()

    def keep_writing():
        writer = sqlite3.connect(live, timeout=30)
        while not stop.is_set():
            writer.execute("INSERT INTO reading (note) VALUES ('written during the backup')")
            writer.commit()
        writer.close()

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        written = backup_create(
            database={"ENGINE": SQLITE, "NAME": str(live)}, path=tmp_path / "live.snbackup"
        )
    finally:
        stop.set()
        thread.join()
    db.close()

    restored = backup_restore(database=sqlite_target(tmp_path), path=written.path)
    assert restored.problems == []
    assert written.manifest["tables"]["reading"]["rows"] >= 20_000
