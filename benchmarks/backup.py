"""sn backup and sn restore on the demo force with its incidents, against the bare copy of the same data.

SQLite: the demo database (SN_BENCH_DEMO_DB, else make demo's var/sn.sqlite3, else /tmp/x.sqlite3) is
copied to a scratch directory first: the copy is the baseline (a plain file copy of the same bytes) and
the source, so the original is never opened. Backup (snapshot, checksums of every table, the archive)
and restore (verify the archive, load, checksums again) are reported as multiples of the copy. Without a
demo database it says so and skips; `quick` backs up a synthetic 200,000-row table instead.

PostgreSQL, when reachable at SN_BENCH_POSTGRES_URL (default the Makefile's PG_URL): the demo's incidents
table is loaded into a scratch database with COPY (loading the whole demo would take longer than the
rest of the benchmarks), then backed up and restored; the baseline is a bare pg_dump -Fc and pg_restore
of the same database, so the ratio is what the manifest and its verification add.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
from pathlib import Path

import dj_database_url
import psycopg
from django.conf import settings

from benchmarks.report import line, section, times
from sn.ops.backup import postgres, sqlite
from sn.ops.backup.services import backup_create, backup_restore

SQLITE = "django.db.backends.sqlite3"
QUICK_ROWS = 200_000
PG_URL = os.environ.get("SN_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")


def _demo_database() -> Path | None:
    for candidate in (
        os.environ.get("SN_BENCH_DEMO_DB"),
        str(settings.VAR_DIR / "sn.sqlite3"),
        "/tmp/x.sqlite3",
    ):
        if candidate and Path(candidate).is_file() and Path(candidate).stat().st_size > 10_000_000:
            return Path(candidate)
    return None


def _synthetic(path: Path, rows: int) -> None:
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE reading (id integer primary key, month text, ward int, x real, y real, note text)"
    )
    db.executemany(
        "INSERT INTO reading VALUES (?, ?, ?, ?, ?, ?)",
        (
            (i, f"2026-{i % 12 + 1:02d}-01", i % 700, i / 7, i / 11, "anti-social behaviour")
            for i in range(rows)
        ),
    )
    db.commit()
    db.close()


def _timed(fn):
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def _timed_cpu(fn):
    """(wall, CPU of this process, result): on a machine others share, the CPU time is the fairer figure
    (the SQLite backup and restore run in this process; pg_dump and pg_restore do not)."""
    cpu = time.process_time()
    wall, result = _timed(fn)
    return wall, time.process_time() - cpu, result


def _sqlite(quick: bool) -> list[str]:
    demo = None if quick else _demo_database()
    if not quick and demo is None:
        line("SKIPPED", "no demo database: run make demo, or set SN_BENCH_DEMO_DB")
        return ["backup (SQLite demo): SKIPPED, no demo database (make demo, or SN_BENCH_DEMO_DB)"]
    with tempfile.TemporaryDirectory(prefix="sn-bench-backup-") as scratch:
        directory = Path(scratch)
        source = directory / "source.sqlite3"
        if demo is None:
            _synthetic(directory / "made.sqlite3", QUICK_ROWS)
            demo = directory / "made.sqlite3"
        copied, _ = _timed(lambda: shutil.copyfile(demo, source))
        size = source.stat().st_size
        label = f"{demo} ({size / 1e6:,.0f} MB)"
        line("database", label)
        line("baseline: plain file copy", f"{copied:.1f} s ({size / 1e6 / copied:,.0f} MB/s)")
        checked, description = _timed(lambda: sqlite.describe(source))
        rows = sum(t["rows"] for t in description["tables"].values())
        line(
            "checksums alone",
            f"{len(description['tables'])} tables, {rows:,} rows in {checked:.1f} s "
            f"({rows / checked:,.0f} rows/s)",
        )
        database = {"ENGINE": SQLITE, "NAME": str(source)}
        backed, backed_cpu, written = _timed_cpu(
            lambda: backup_create(database=database, path=directory / "demo.snbackup")
        )
        line(
            "sn backup",
            f"{backed:.1f} s, archive {written.bytes / 1e6:,.0f} MB ({times(backed / copied)} the copy)",
        )
        target = {"ENGINE": SQLITE, "NAME": str(directory / "restored.sqlite3")}
        restored_in, restored_cpu, restored = _timed_cpu(
            lambda: backup_restore(database=target, path=written.path)
        )
        verdict = (
            "every table matches" if not restored.problems else f"{len(restored.problems)} TABLES DIFFER"
        )
        line("sn backup CPU", f"{backed_cpu:.1f} s")
        line("sn restore", f"{restored_in:.1f} s ({times(restored_in / copied)} the copy); {verdict}")
        line("sn restore CPU", f"{restored_cpu:.1f} s")
    what = "synthetic table" if quick else "demo force with incidents"
    return [
        f"backup (SQLite, {what}, {rows:,} rows, {size / 1e6:,.0f} MB): backup {backed:.1f} s "
        f"({times(backed / copied)} a file copy), restore {restored_in:.1f} s "
        f"({times(restored_in / copied)}); CPU {backed_cpu:.0f} s and {restored_cpu:.0f} s; {verdict}"
    ]


def _load_incidents(target: dict, demo: Path | None, quick: bool) -> int:
    """The demo's incidents into `target` (or synthetic rows without a demo), by COPY."""
    with postgres._connect(target) as db:
        db.execute(
            "CREATE TABLE incidents (id bigint PRIMARY KEY, month date, category text, crime_id text, "
            "latitude double precision, longitude double precision, neighbourhood_id bigint, placed boolean)"
        )
        if demo is not None and not quick:
            source = sqlite3.connect(f"{demo.resolve().as_uri()}?mode=ro", uri=True)
            rows = source.execute(
                "SELECT id, month, category, crime_id, latitude, longitude, neighbourhood_id, placed "
                "FROM incidents_incident"
            )
        else:
            source = None
            rows = (
                (i, f"2026-{i % 12 + 1:02d}-01", "burglary", f"c{i}", i / 7, i / 11, i % 700, i % 2)
                for i in range(QUICK_ROWS)
            )
        count = 0
        with db.cursor().copy("COPY incidents FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row[:7], bool(row[7])))
                count += 1
        if source is not None:
            source.close()
    return count


def _postgresql(quick: bool) -> list[str]:
    server = dj_database_url.parse(PG_URL)
    admin_settings = {
        "host": server["HOST"],
        "port": server["PORT"] or 5432,
        "user": server["USER"],
        "password": server["PASSWORD"] or None,
        "dbname": "postgres",
    }
    try:
        admin = psycopg.connect(**admin_settings, autocommit=True, connect_timeout=3)
    except psycopg.Error as exc:
        line("SKIPPED", f"PostgreSQL unreachable at {PG_URL} ({str(exc).strip()})")
        return [f"backup (PostgreSQL): SKIPPED, unreachable at {PG_URL}"]
    names = [f"sn_bench_backup_{role}_{os.getpid()}" for role in ("source", "target", "baseline")]
    databases = [
        {**server, "ENGINE": "django.db.backends.postgresql", "NAME": n, "OPTIONS": {}} for n in names
    ]
    try:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
            admin.execute(f'CREATE DATABASE "{name}"')
        source, target, baseline = databases
        loaded_in, rows = _timed(lambda: _load_incidents(source, _demo_database(), quick))
        line("loaded", f"{rows:,} incidents into PostgreSQL in {loaded_in:.1f} s")
        with tempfile.TemporaryDirectory(prefix="sn-bench-backup-") as scratch:
            directory = Path(scratch)
            env = postgres._environment(source)
            bare_dump = directory / "bare.pgdump"
            dumped, _ = _timed(
                lambda: subprocess.run(["pg_dump", "-Fc", "-f", str(bare_dump)], env=env, check=True)
            )
            loaded, _ = _timed(
                lambda: subprocess.run(
                    ["pg_restore", "--no-owner", "-d", baseline["NAME"], str(bare_dump)], env=env, check=True
                )
            )
            line("baseline: bare pg_dump -Fc", f"{dumped:.1f} s; bare pg_restore {loaded:.1f} s")
            backed, written = _timed(lambda: backup_create(database=source, path=directory / "pg.snbackup"))
            restored_in, restored = _timed(lambda: backup_restore(database=target, path=written.path))
        verdict = (
            "every table matches" if not restored.problems else f"{len(restored.problems)} TABLES DIFFER"
        )
        line("sn backup", f"{backed:.1f} s ({times(backed / dumped)} pg_dump)")
        line("sn restore", f"{restored_in:.1f} s ({times(restored_in / loaded)} pg_restore); {verdict}")
        return [
            f"backup (PostgreSQL, {rows:,} incidents): backup {backed:.1f} s ({times(backed / dumped)} bare "
            f"pg_dump), restore {restored_in:.1f} s ({times(restored_in / loaded)} bare pg_restore); "
            f"{verdict}"
        ]
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def run(*, quick: bool = False) -> list[str]:
    section("sn backup and sn restore (SQLite: the demo force with its incidents), against a file copy")
    results = _sqlite(quick)
    section("sn backup and sn restore (PostgreSQL: the demo's incidents), against bare pg_dump/pg_restore")
    results += _postgresql(quick)
    return results


if __name__ == "__main__":
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    for result in run(quick="--quick" in sys.argv):
        print(result)
