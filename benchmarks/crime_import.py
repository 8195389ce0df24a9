"""Importing police.uk street CSVs end to end, against the database's part of the same import alone.

For each file the import is timed end to end (read, parse, validate, locate, write, rollup: what
`sn import-crimes` does), and then its database part alone on the same rows: every chunk the import
hands to the database, captured beforehand already encoded (COPY data on PostgreSQL, parameter rows on
SQLite), written with the same COPY and upsert (constraints and indexes checked and built as ever), the
rollup rebuilt and committed. That is the ceiling: an import whose parsing fully overlaps its writes
runs at the ceiling's pace, and the ratio says how near it comes. Each run starts on an empty incident
table. The same file is also imported the csv module's way (how every file was read before Arrow, and
still is when Arrow cannot vouch for one: sn.incidents.columnar), and against the naive importer
(csv.DictReader and one Incident.objects.create per row).

Each backend runs in its own process (`python -m benchmarks.crime_import --worker sqlite|postgresql`) on a
throwaway database holding the demo force: a temporary file for SQLite (not in memory, so the database
does not count as the importer's memory) and `sn_bench_crime_import` (or $SN_BENCH_PG_NAME) on
PostgreSQL, so the test databases of a concurrent pytest run are never touched. Memory is the process's
peak resident memory during each end-to-end import (sampled every 10 ms), measured for both sizes before
anything else holds rows in the process: a 250k-row and a 1M-row file show whether it grows with size.
"""

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from benchmarks.report import line, section, si, times, verdict
from benchmarks.street_files import MemorySampler, template_rows, write_file

PROJECT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("SN_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
PG_NAME = os.environ.get("SN_BENCH_PG_NAME", "sn_bench_crime_import")
MET = "Metropolitan Police Service"  # the force whose rows the files hold
SIZES, QUICK_SIZES = (250_000, 1_000_000), (50_000, 100_000)
BASELINE_ROWS, QUICK_BASELINE_ROWS = 20_000, 2_000
TARGET_RATE = {"postgresql": 100_000, "sqlite": 25_000}  # rows/s (PostgreSQL: brief; SQLite: notes P2)
TARGET_RATIO = 50
TARGET_OF_CEILING = 0.85  # end to end as a share of the database alone (issue 8, item 9), PostgreSQL
MEMORY_GROWTH_ALLOWED = 1.25  # the process's peak while importing 1M rows: at most 25% above 250k's
ROUNDS, QUICK_ROUNDS = 2, 1  # end to end and the ceiling, each the best of this many


def naive_import(path: Path, limit: int, locator) -> float:
    """The baseline: what a first importer does. Returns seconds for `limit` rows."""
    from sn.incidents.categories import CRIME_TYPE_TO_CATEGORY
    from sn.incidents.models import Incident

    started = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            if n == limit:
                break
            lat, lng = float(row["Latitude"]), float(row["Longitude"])
            Incident.objects.create(
                source_key=row["Crime ID"] or hashlib.sha256(f"naive:{n}".encode()).hexdigest(),
                crime_id=row["Crime ID"],
                month=f"{row['Month']}-01",
                category=CRIME_TYPE_TO_CATEGORY[row["Crime type"].lower()],
                reported_by=row["Reported by"],
                falls_within=row["Falls within"],
                longitude=lng,
                latitude=lat,
                location=row["Location"],
                lsoa_code=row["LSOA code"],
                lsoa_name=row["LSOA name"],
                last_outcome_category=row["Last outcome category"],
                neighbourhood_id=locator.locate(lat, lng),
            )
    return time.perf_counter() - started


def _empty_incidents() -> None:
    """Back to an empty incident table, as each run starts (a DELETE would leave PostgreSQL a table and
    indexes full of dead rows for the next run to wade through)."""
    from django.db import connection

    from sn.incidents.models import Incident

    table = Incident._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {table}")
            cursor.execute("CHECKPOINT")  # the last run's dirty pages are written now, not in the next run
        else:
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _import(path: Path, locator, rebuild_rollup: bool = True):
    from sn.incidents.importing import police_file_import
    from sn.incidents.kinds import STREET
    from sn.incidents.sources import expand

    (source,) = expand([path])
    return police_file_import(
        source=source, kind=STREET, locator=locator, lsoa_ids={}, rebuild_rollup=rebuild_rollup
    )


def _timed(run) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def end_to_end(path: Path, locator) -> float:
    """An import as `sn import-crimes` runs it, less the rollup (timed apart: it is the same SQL
    either way, so the comparison with the ceiling is of the part that parsing can overlap)."""
    seconds, _ = _timed(lambda: _import(path, locator, rebuild_rollup=False))
    _empty_incidents()
    return seconds


def _give_back_memory() -> None:
    """Return freed memory to the system, so that each import's peak starts from the same floor
    (without this, the 1M-row import would start where the 250k one left the heap)."""
    import ctypes
    import gc

    import pyarrow as pa

    gc.collect()
    pa.default_memory_pool().release_unused()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the peaks are then a little less comparable
        pass


def first_import(path: Path, size: int, locator) -> dict:
    """The first end-to-end import of a file, with its memory, its rollup and an import again."""
    from sn.incidents.kinds import STREET

    _give_back_memory()
    with MemorySampler() as memory:
        seconds, result = _timed(lambda: _import(path, locator, rebuild_rollup=False))
    rollup_seconds, _ = _timed(lambda: STREET.rollup(months=result.months))
    again_seconds, again = _timed(lambda: _import(path, locator))
    _empty_incidents()
    return {
        "rows": size,
        "mb": path.stat().st_size / 2**20,
        "seconds": seconds,
        "rollup_seconds": rollup_seconds,
        "memory_mb": memory.growth_mb,
        "peak_mb": memory.peak_mb,
        "imported": result.imported,
        "outside": result.outside_area,
        "status": result.status,
        "again_seconds": again_seconds,
        "again_imported": again.imported,
    }


def encoded_chunks(path: Path, locator) -> tuple[list, tuple]:
    """Every chunk the import hands the database, as it would send it (COPY data on PostgreSQL, the
    parameter rows on SQLite), captured in a transaction that is rolled back."""
    from django.db import transaction

    from sn.incidents.writers import encode_incidents

    encoded, columns = [], []

    def keep(rows, chunk_columns, raw):
        chunk = encode_incidents(rows, chunk_columns, raw)
        encoded.append(chunk if isinstance(chunk, bytes) else list(chunk))  # SQLite's rows: written twice
        columns.append(chunk_columns)
        return 0, 0

    # The street handler's writer thread hands each chunk's rows to write_incidents.
    with transaction.atomic(), mock.patch("sn.incidents.handlers.write_incidents", keep):
        _import(path, locator, rebuild_rollup=False)
        transaction.set_rollback(True)
    return encoded, columns[0]


def database_alone(encoded: list, columns: tuple) -> float:
    """The ceiling: the captured chunks written in one transaction (COPY and upsert, or executemany,
    every constraint checked and index built) and committed, with no parsing to wait for."""
    from django.db import transaction

    from sn.incidents.writers import raw_connection, write_encoded

    raw = raw_connection()
    started = time.perf_counter()
    with transaction.atomic():
        for chunk in encoded:
            write_encoded(chunk, columns, raw)
    seconds = time.perf_counter() - started
    _empty_incidents()
    return seconds


def csv_way(path: Path, locator) -> float:
    """The same import with Arrow declining every file, so the csv module reads it."""
    from sn.incidents.columnar import NotFast

    with mock.patch("sn.incidents.importing._columnar_import", side_effect=NotFast("the reference")):
        seconds = end_to_end(path, locator)
    return seconds


def compare(path: Path, locator, measured: dict, rounds: int) -> None:
    """End to end and the ceiling in turns, best of `rounds` each: the least disturbed run of each is
    the fairest figure on a machine doing other work too."""
    encoded, columns = encoded_chunks(path, locator)
    ceilings = []
    for _ in range(rounds):
        ceilings.append(database_alone(encoded, columns))
        measured["seconds"] = min(measured["seconds"], end_to_end(path, locator))
    del encoded
    measured["ceiling_seconds"] = min(ceilings)
    measured["csv_seconds"] = csv_way(path, locator)


def worker(backend: str, quick: bool) -> dict:
    """Runs inside the backend's own process; returns the measurements."""
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from benchmarks.demo_db import demo_database
    from sn.geography.locate import current_locator

    settings.SN_POLICE_FORCE_NAME = MET
    workdir = Path(tempfile.mkdtemp(prefix="sn-bench-crime-"))
    if backend == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "bench.sqlite3")
        connection.settings_dict["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        }
    else:
        connection.settings_dict["TEST"]["NAME"] = PG_NAME
    out: dict = {"backend": backend, "files": []}
    try:
        with demo_database():
            locator = current_locator()  # built once per boundary change; not part of an import
            templates = template_rows(locator)
            sizes = QUICK_SIZES if quick else SIZES
            paths = {size: workdir / f"{size}-street.csv" for size in sizes}
            for seed, size in enumerate(sizes, start=1):
                write_file(paths[size], size, templates, seed)
            _empty_incidents()
            # Every first import before anything else: their memory is measured before the process
            # has held a whole file's rows.
            out["files"] = [first_import(paths[size], size, locator) for size in sizes]
            for measured in out["files"]:
                compare(paths[measured["rows"]], locator, measured, QUICK_ROUNDS if quick else ROUNDS)
            baseline_rows = QUICK_BASELINE_ROWS if quick else BASELINE_ROWS
            out["baseline_rows"] = baseline_rows
            out["baseline_seconds"] = naive_import(paths[sizes[-1]], baseline_rows, locator)
            out["templates"] = len(templates)
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
        "benchmarks.crime_import",
        "--worker",
        backend,
        *(["--quick"] if quick else []),
    ]
    done = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        line(f"{backend} worker failed", (done.stderr.strip().splitlines() or ["?"])[-1])
        return None
    return json.loads(done.stdout.strip().splitlines()[-1])


def _pg_reachable() -> bool:
    done = subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "pg_available.py"), PG_URL], capture_output=True, text=True
    )
    return done.returncode == 0


def _rate(rows: int, seconds: float) -> str:
    return f"{seconds:.1f} s = {si(rows / seconds)} rows/s"


def _report(data: dict) -> list[str]:
    backend = data["backend"]
    baseline_rate = data["baseline_rows"] / data["baseline_seconds"]
    line(f"{backend}: resampled from", f"{data['templates']:,} real rows inside the demo wards")
    for f in data["files"]:
        rows, label = f["rows"], f"{backend}: {si(f['rows'])}"
        whole, rollup = f["seconds"] + f["rollup_seconds"], f["rollup_seconds"]
        line(
            f"{label} rows ({f['mb']:.0f} MB), end to end",
            f"{_rate(rows, f['seconds'])}, peak RSS {f['peak_mb']:.0f} MB (+{f['memory_mb']:.0f} MB), "
            f"{f['imported']:,} imported, {f['outside']:,} outside",
        )
        line(f"{label}, database alone (the ceiling)", _rate(rows, f["ceiling_seconds"]))
        line(f"{label}, end to end / ceiling", f"{f['ceiling_seconds'] / f['seconds']:.0%}")
        line(
            f"{label}, with the rollup ({rollup:.1f} s)",
            f"{_rate(rows, whole)}, {(f['ceiling_seconds'] + rollup) / whole:.0%} of the ceiling's pace",
        )
        line(f"{label}, the csv module's way", _rate(rows, f["csv_seconds"]))
        line(f"{label} again", f"{f['again_seconds']:.1f} s, {f['again_imported']} added")
    line(
        f"{backend}: baseline ({data['baseline_rows']:,} rows)",
        f"{data['baseline_seconds']:.1f} s = {si(baseline_rate)} rows/s (one ORM create per row)",
    )
    small, big = data["files"][0], data["files"][-1]
    rate = big["rows"] / (big["seconds"] + big["rollup_seconds"])
    ratio = rate / baseline_rate
    ok = rate >= TARGET_RATE[backend] and ratio >= TARGET_RATIO and big["status"] == "imported"
    memory_ok = big["peak_mb"] <= small["peak_mb"] * MEMORY_GROWTH_ALLOWED
    results = []
    for f in data["files"]:
        share = f["ceiling_seconds"] / f["seconds"]
        csv_ratio = f["csv_seconds"] / f["seconds"]
        # On PostgreSQL the database works in its own process, so parsing can hide behind it; SQLite
        # works in ours, and what is asked of it is to be no slower than the csv module's way.
        target = (
            f"(target {TARGET_OF_CEILING:.0%}): {verdict(share >= TARGET_OF_CEILING)}"
            if backend == "postgresql"
            else f"(target: no slower than the csv module's way): {verdict(csv_ratio >= 1)}"
        )
        results.append(
            f"crime import ({backend}, {si(f['rows'])} rows): end to end {si(f['rows'] / f['seconds'])} "
            f"rows/s, database alone {si(f['rows'] / f['ceiling_seconds'])} rows/s: {share:.0%} of the "
            f"ceiling, {times(csv_ratio)} the csv module's way, peak RSS {f['peak_mb']:.0f} MB {target}"
        )
    return [
        *results,
        f"crime import ({backend}): {si(big['rows'])} rows with the rollup in "
        f"{big['seconds'] + big['rollup_seconds']:.1f} s = {si(rate)} rows/s, "
        f"{times(ratio)} one ORM create per row (target {si(TARGET_RATE[backend])}/s and {TARGET_RATIO}x): "
        f"{verdict(ok)}",
        f"crime import memory ({backend}): peak RSS {small['peak_mb']:.0f} MB for {si(small['rows'])} rows, "
        f"{big['peak_mb']:.0f} MB for {si(big['rows'])} (at most {MEMORY_GROWTH_ALLOWED - 1:.0%} more): "
        f"{verdict(memory_ok)}",
    ]


def run(*, quick: bool = False) -> list[str]:
    section("crime import: police.uk street CSV, end to end, against the database alone")
    results: list[str] = []
    for backend in ("sqlite", "postgresql"):
        if backend == "postgresql" and not _pg_reachable():
            line("postgresql", f"not reachable at {PG_URL}: skipped")
            results.append(f"crime import (postgresql): SKIPPED, PostgreSQL not reachable at {PG_URL}")
            continue
        data = _run_worker(backend, quick)
        if data is None:
            results.append(f"crime import ({backend}): the worker failed: MISS")
            continue
        results += _report(data)
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", choices=["sqlite", "postgresql"])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.worker:
        measured = worker(args.worker, args.quick)
        print(json.dumps(measured))
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
        for summary in run(quick=args.quick):
            print(summary)
