"""sn backup and sn restore on PostgreSQL: pg_dump of one snapshot, pg_restore into an empty database,
every table and sequence checked again.

These make databases of their own on the PostgreSQL at SN_TEST_POSTGRES_URL (default: the Makefile's
PG_URL server), so they run in the SQLite run of the suite too; without PostgreSQL they are skipped,
loudly. The round trip of the test force itself runs when the suite runs on PostgreSQL.
"""

import datetime
import decimal
import os
import threading
import uuid

import dj_database_url
import psycopg
import pytest
from django.db import connection

from sn.ops.backup import postgres
from sn.ops.backup.errors import BackupError
from sn.ops.backup.services import backup_create, backup_restore
from sn.ops.tests.test_backup import populate

URL = os.environ.get("SN_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


def _server() -> dict:
    settings = dj_database_url.parse(URL)
    try:
        with psycopg.connect(
            host=settings["HOST"],
            port=settings["PORT"] or 5432,
            user=settings["USER"],
            password=settings["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=3,
        ):
            pass
    except psycopg.Error as exc:
        pytest.skip(f"POSTGRESQL UNREACHABLE at {URL} ({exc}): the PostgreSQL backup tests DID NOT RUN")
    return settings


@pytest.fixture
def make_database():
    """Make empty PostgreSQL databases for the test, and drop them afterwards."""
    server = _server()
    made: list[str] = []

    def admin():
        return psycopg.connect(
            host=server["HOST"],
            port=server["PORT"] or 5432,
            user=server["USER"],
            password=server["PASSWORD"] or None,
            dbname="postgres",
            autocommit=True,
        )

    def make(role: str) -> dict:
        name = f"sn_backup_{role}_{os.getpid()}_{len(made)}"
        with admin() as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}"')
            db.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return {**server, "ENGINE": "django.db.backends.postgresql", "NAME": name, "OPTIONS": {}}

    yield make
    with admin() as db:
        for name in made:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fill(database: dict) -> None:
    """Tables no model owns, with the types whose rendering differs most between drivers, a text key
    (which sorts by collation) and sequences that must come back where they were."""
    with postgres._connect(database) as db:
        db.execute(
            "CREATE TABLE reading (id bigserial PRIMARY KEY, at timestamptz, live boolean, "
            "money numeric(9, 2), doc jsonb, ref uuid, address inet, took interval, note text, raw bytea)"
        )
        db.execute("CREATE TABLE code (key text PRIMARY KEY, label text)")
        for n in range(200):
            db.execute(
                "INSERT INTO reading (at, live, money, doc, ref, address, took, note, raw) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(minutes=n),
                    n % 3 == 0,
                    decimal.Decimal(n) / 4,
                    psycopg.types.json.Jsonb({"n": n, "tags": ["a", "b"][: n % 3]}),
                    uuid.uuid4(),
                    f"10.0.0.{n % 250}",
                    datetime.timedelta(seconds=n),
                    "Élan ✓" if n % 7 else None,
                    bytes([n % 256]),
                ],
            )
        db.execute("INSERT INTO code VALUES ('Zebra', 'z'), ('apple', 'a'), ('Äpfel', 'ä')")
        db.execute("DELETE FROM reading WHERE id > 190")  # the sequence is ahead of the last row


def test_a_round_trip_on_postgresql_reproduces_every_table_and_sequence(make_database, tmp_path):
    source, target = make_database("source"), make_database("target")
    fill(source)

    written = backup_create(database=source, path=tmp_path / "pg.snbackup")
    restored = backup_restore(database=target, path=written.path)

    assert written.manifest["database"]["vendor"] == "postgresql"
    assert written.manifest["database"]["tool"].startswith("pg_dump ")
    assert written.manifest["tables"]["reading"]["rows"] == 190
    assert written.manifest["sequences"] == {"reading_id_seq": 200}
    assert restored.problems == []
    assert restored.found["tables"] == written.manifest["tables"]
    assert restored.found["sequences"] == written.manifest["sequences"]


def test_a_changed_row_after_a_restore_is_named(make_database, tmp_path):
    source, target = make_database("source"), make_database("target")
    fill(source)
    written = backup_create(database=source, path=tmp_path / "pg.snbackup")
    backup_restore(database=target, path=written.path)

    with postgres._connect(target) as db:
        db.execute("UPDATE code SET label = 'A' WHERE key = 'apple'")
    found = postgres.describe(target)["tables"]

    assert found["code"]["rows"] == 3
    assert found["code"]["checksum"] != written.manifest["tables"]["code"]["checksum"]
    assert found["reading"] == written.manifest["tables"]["reading"]


def test_a_database_that_is_not_empty_is_refused_unless_forced(make_database, tmp_path):
    source, target = make_database("source"), make_database("target")
    fill(source)
    written = backup_create(database=source, path=tmp_path / "pg.snbackup")
    with postgres._connect(target) as db:
        db.execute("CREATE TABLE precious (id int)")

    with pytest.raises(BackupError, match="is not empty.*--force"):
        backup_restore(database=target, path=written.path)

    restored = backup_restore(database=target, path=written.path, force=True)
    assert restored.problems == []
    assert "precious" not in restored.found["tables"]


def test_a_pg_dump_older_than_the_server_is_refused_with_the_reason(make_database, tmp_path, monkeypatch):
    source = make_database("source")
    monkeypatch.setattr(postgres, "tool", lambda name: ("/usr/bin/" + name, 9))

    with pytest.raises(BackupError, match=r"pg_dump is version 9 but the server is PostgreSQL \d+"):
        backup_create(database=source, path=tmp_path / "pg.snbackup")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_round_trip_of_the_test_force_on_postgresql(transactional_db, make_database, tmp_path):
    populate()
    target = make_database("target")

    written = backup_create(database=connection.settings_dict, path=tmp_path / "force.snbackup")
    restored = backup_restore(database=target, path=written.path)

    assert restored.problems == []
    assert restored.found["tables"] == postgres.describe(connection.settings_dict)["tables"]
    assert written.manifest["tables"]["incidents_incident"]["rows"] > 0


def test_a_server_that_cannot_be_reached_is_refused_with_the_reason(tmp_path):
    nowhere = {"ENGINE": "django.db.backends.postgresql", "NAME": "sn", "HOST": "127.0.0.1", "PORT": 1}

    with pytest.raises(BackupError, match="Cannot connect to PostgreSQL at 127.0.0.1:1/sn|not installed"):
        backup_create(database=nowhere, path=tmp_path / "pg.snbackup")
    assert list(tmp_path.iterdir()) == []


def test_rows_written_during_a_backup_are_in_neither_the_dump_nor_the_manifest(make_database, tmp_path):
    """pg_dump and the checksums read one snapshot: a restore matches the manifest even while people work."""
    source, target = make_database("source"), make_database("target")
    fill(source)
    stop = threading.Event()

    def keep_writing():
        with postgres._connect(source) as db:
            db.autocommit = True
            while not stop.is_set():
                db.execute("INSERT INTO code VALUES (gen_random_uuid()::text, 'during')")

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        written = backup_create(database=source, path=tmp_path / "pg.snbackup")
    finally:
        stop.set()
        thread.join()

    restored = backup_restore(database=target, path=written.path)
    assert restored.problems == []
    assert postgres.describe(source)["tables"]["code"]["rows"] > written.manifest["tables"]["code"]["rows"]
