"""Importing a year of duties for the whole demo force (sn import-duties), against the database alone.

The file: every officer posted in the demo force (about 5,000) working five days in seven, eight-hour
earlies, lates and nights (a night runs past midnight) with a tenth of the days abstracted, for a year:
about 1.3 million lines, written to a temporary CSV. The import is timed end to end (Arrow read,
checks against the officers, postings, codes and wards held in memory, the write, the DutyImport and the
audit batch), then again on the same file (idempotent: every line unchanged). The ceiling: the same
rows, already prepared as tuples, written by a plain executemany (SQLite) or COPY (PostgreSQL) into the
duty table as it stands, with its indexes, in the same process. The import drops the table's plain
indexes for a write this large and builds them after, so it can come near the ceiling or pass it.

Each backend runs in its own process (`python -m benchmarks.duty_import --worker sqlite|postgresql`) on
a throwaway database holding the demo force (a temporary file for SQLite; `sn_bench_duty_import` or
$SN_BENCH_PG_NAME on PostgreSQL). `--quick`: one month of the year.
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from benchmarks.report import line, section, si, verdict

PROJECT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("SN_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
PG_NAME = os.environ.get("SN_BENCH_PG_NAME", "sn_bench_duty_import")
DAYS, QUICK_DAYS = 365, 31
FIRST_DAY = date(2025, 4, 1)
SHIFTS = (("07:00", "15:00"), ("14:00", "22:00"), ("22:00", "06:00"))
# Good enough to say the import is near the database's own pace (a share of the ceiling).
TARGET_OF_CEILING = 0.5


def write_duty_file(path: Path, days: int) -> int:
    """A year (or `days`) of duties for every posted officer; returns the number of lines."""
    from sn.teams.models import Posting

    rng = random.Random(2026)
    # The posting current at the end of the year, from its start: an officer is only posted from then.
    posted = dict(
        Posting.objects.filter(end_date__isnull=True)
        .order_by("start_date")
        .values_list("officer__collar_number", "start_date")
    )
    officers = sorted(posted)
    codes = ["SN"] * 90 + ["AL"] * 7 + ["TRG", "PO", "AB"]
    written = 0
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["collar number", "date", "start", "end", "duty code", "ward code"])
        for offset, collar in enumerate(officers):
            shift = SHIFTS[offset % len(SHIFTS)]
            for n in range(days):
                if (n + offset) % 7 in (5, 6):
                    continue
                day = FIRST_DAY + timedelta(days=n)
                if day < posted[collar]:
                    continue
                out.writerow([collar, day.isoformat(), shift[0], shift[1], rng.choice(codes), ""])
                written += 1
    return written


def prepared_rows(first_id: int) -> tuple[list[str], list[tuple]]:
    """The duty rows the import wrote, as tuples ready for the database, with fresh ids."""
    from django.db import connection

    from sn.workforce.importing.bulk import AUDIT_COLUMNS
    from sn.workforce.importing.duties import WRITE_COLUMNS
    from sn.workforce.models import Duty

    adapt_dt, adapt_d = connection.ops.adapt_datetimefield_value, connection.ops.adapt_datefield_value
    rows = []
    for n, row in enumerate(
        Duty.objects.order_by("id").values_list(*WRITE_COLUMNS, *AUDIT_COLUMNS).iterator(50_000)
    ):
        values = list(row)
        values[3], values[4], values[5] = adapt_d(values[3]), adapt_dt(values[4]), adapt_dt(values[5])
        values[-4], values[-3] = adapt_dt(values[-4]), adapt_dt(values[-3])
        rows.append((first_id + n, *values))
    return ["id", *WRITE_COLUMNS, *AUDIT_COLUMNS], rows


def worker(backend: str, quick: bool) -> dict:
    import django

    django.setup()
    from django.db import connection, transaction

    from benchmarks.demo_db import demo_database
    from sn.panels.demo_rows import insert
    from sn.workforce.importing.duties import duties_import
    from sn.workforce.models import Duty
    from sn.workforce.services.codes import duty_codes_defaults_create

    workdir = Path(tempfile.mkdtemp(prefix="sn-bench-duties-"))
    if backend == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "bench.sqlite3")
        connection.settings_dict["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        }
    else:
        connection.settings_dict["TEST"]["NAME"] = PG_NAME
    out: dict = {"backend": backend}
    try:
        with demo_database():
            duty_codes_defaults_create()
            path = workdir / "duties.csv"
            started = time.perf_counter()
            out["rows"] = write_duty_file(path, QUICK_DAYS if quick else DAYS)
            out["write_file_seconds"] = time.perf_counter() - started
            out["mb"] = path.stat().st_size / 1e6
            started = time.perf_counter()
            run = duties_import(path, progress=lambda _: None)
            out["seconds"] = time.perf_counter() - started
            out["imported"] = run.imported
            started = time.perf_counter()
            again = duties_import(path, progress=lambda _: None)
            out["again_seconds"] = time.perf_counter() - started
            out["again_unchanged"] = again.unchanged
            columns, rows = prepared_rows(
                Duty.objects.order_by("-id").values_list("id", flat=True).first() + 1
            )
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {Duty._meta.db_table}")  # noqa: S608 - the model's own table
            started = time.perf_counter()
            with transaction.atomic():
                insert(Duty, columns, rows)
            out["ceiling_seconds"] = time.perf_counter() - started
    finally:
        for leftover in workdir.iterdir():
            leftover.unlink()
        workdir.rmdir()
    return out


def _run_worker(backend: str, quick: bool) -> dict | None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    env["DATABASE_URL"] = PG_URL if backend == "postgresql" else ""
    command = [
        sys.executable,
        "-m",
        "benchmarks.duty_import",
        "--worker",
        backend,
        *(["--quick"] if quick else []),
    ]
    done = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode != 0:
        line(f"{backend} worker failed", (done.stderr.strip().splitlines() or ["?"])[-1])
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _pg_reachable() -> bool:
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(PROJECT / "scripts" / "pg_available.py"), PG_URL], capture_output=True, text=True
    )
    return done.returncode == 0


def _report(data: dict) -> list[str]:
    backend, rows = data["backend"], data["rows"]
    rate, ceiling = rows / data["seconds"], rows / data["ceiling_seconds"]
    line(
        f"{backend}: file",
        f"{rows:,} lines, {data['mb']:.0f} MB (written in {data['write_file_seconds']:.1f} s)",
    )
    line(
        f"{backend}: import end to end",
        f"{data['seconds']:.1f} s = {si(rate)} rows/s, {data['imported']:,} imported",
    )
    line(
        f"{backend}: the same file again",
        f"{data['again_seconds']:.1f} s, {data['again_unchanged']:,} unchanged",
    )
    line(
        f"{backend}: database alone (the ceiling)", f"{data['ceiling_seconds']:.1f} s = {si(ceiling)} rows/s"
    )
    share = rate / ceiling
    ok = share >= TARGET_OF_CEILING and data["imported"] == rows and data["again_unchanged"] == rows
    return [
        f"duty import ({backend}, {si(rows)} rows): {si(rate)} rows/s end to end, the database alone "
        f"{si(ceiling)} rows/s: {share:.0%} of the ceiling (target {TARGET_OF_CEILING:.0%}); again "
        f"{data['again_seconds']:.1f} s, all unchanged: {verdict(ok)}"
    ]


def run(*, quick: bool = False) -> list[str]:
    section("duty import: a year of duties for the demo force, end to end, against the database alone")
    results: list[str] = []
    for backend in ("sqlite", "postgresql"):
        if backend == "postgresql" and not _pg_reachable():
            line("postgresql", f"not reachable at {PG_URL}: skipped")
            results.append(f"duty import (postgresql): SKIPPED, PostgreSQL not reachable at {PG_URL}")
            continue
        data = _run_worker(backend, quick)
        if data is None:
            results.append(f"duty import ({backend}): the worker failed: MISS")
            continue
        results += _report(data)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", choices=["sqlite", "postgresql"])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.quick)))
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        for summary in run(quick=args.quick):
            print(summary)
