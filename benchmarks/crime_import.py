"""Importing police.uk street CSVs end to end (parse, validate, locate, write, rollup) on SQLite and, when
reachable, PostgreSQL, against the naive importer: csv.DictReader and one Incident.objects.create per row.

Each backend runs in its own process (`python -m benchmarks.crime_import --worker sqlite|postgresql`) on a
throwaway database holding the demo force: a temporary file for SQLite (not in memory, so the database
does not count as the importer's memory) and `sn_bench_crime_import` on PostgreSQL, so the test databases
of a concurrent pytest run are never touched. The files are generated: real police.uk rows (the shipped
Met burglary points, and the 2023-01 all-crime sample when ../shared/data is present) resampled with new
Crime IDs, a police.uk-like mix of crime types (a fifth ASB, with blank Crime IDs) and their real
coordinates, all inside the demo wards. Memory is the process's peak resident memory during each import,
sampled every 10 ms from /proc/self/statm (and its growth over the import): a 250k-row and a 1M-row file
imported one after the other show whether it grows with file size.
"""

import argparse
import csv
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.report import line, section, si, times, verdict

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED = PROJECT / "sn" / "incidents" / "data" / "met_burglary_2022-01_2024-12.csv.gz"
SAMPLE = PROJECT.parent / "shared" / "data" / "police_street" / "2023-01-metropolitan-street-sample.csv"
PG_URL = os.environ.get("SN_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
SIZES, QUICK_SIZES = (250_000, 1_000_000), (50_000, 100_000)
BASELINE_ROWS, QUICK_BASELINE_ROWS = 20_000, 2_000
TARGET_RATE = {"postgresql": 100_000, "sqlite": 25_000}  # rows/s (PostgreSQL: brief; SQLite: notes P2)
TARGET_RATIO = 50
MEMORY_GROWTH_ALLOWED = 1.25  # the process's peak while importing 1M rows: at most 25% above 250k's
# A police.uk-like mix for London (shares of all rows); the resampled rows take these types.
MIX = {
    "Violence and sexual offences": 0.26,
    "Anti-social behaviour": 0.20,
    "Other theft": 0.11,
    "Vehicle crime": 0.09,
    "Theft from the person": 0.07,
    "Burglary": 0.05,
    "Public order": 0.05,
    "Criminal damage and arson": 0.05,
    "Shoplifting": 0.04,
    "Drugs": 0.03,
    "Robbery": 0.03,
    "Bicycle theft": 0.01,
    "Other crime": 0.01,
}


class MemorySampler:
    """Peak growth of resident memory over a block, sampled from /proc/self/statm (Linux)."""

    def __init__(self, interval: float = 0.01):
        self.interval, self.peak, self.start = interval, 0, 0
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.stop = threading.Event()

    def rss(self) -> int:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * self.page

    def __enter__(self):
        self.start = self.peak = self.rss()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self) -> None:
        while not self.stop.wait(self.interval):
            self.peak = max(self.peak, self.rss())

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()
        self.peak = max(self.peak, self.rss())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 2**20

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20


def template_rows(locator) -> list[list[str]]:
    """Real police.uk rows whose points lie in the demo wards."""
    import numpy as np

    rows = []
    for path, opener in ((SHIPPED, gzip.open), (SAMPLE, open)):
        if path.exists():
            with opener(path, "rt", encoding="utf-8", newline="") as handle:
                rows += [row for row in list(csv.reader(handle))[1:] if row[4] and row[5]]
    lats = np.array([float(r[5]) for r in rows])
    lngs = np.array([float(r[4]) for r in rows])
    inside = locator.locate_many(lats, lngs) >= 0
    return [row for row, keep in zip(rows, inside.tolist(), strict=True) if keep]


def write_file(path: Path, count: int, templates: list[list[str]], seed: int) -> None:
    import numpy as np

    from sn.incidents.kinds import STREET

    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(templates), count).tolist()
    types = rng.choice(list(MIX), count, p=np.array(list(MIX.values())) / sum(MIX.values())).tolist()
    months = rng.integers(1, 13, count).tolist()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(STREET.header)
        for i in range(count):
            row = list(templates[picks[i]])
            asb = types[i] == "Anti-social behaviour"
            row[0] = "" if asb else hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()
            row[1] = f"2023-{months[i]:02d}"
            row[9] = types[i]
            row[10] = "" if asb else row[10]
            writer.writerow(row)


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


def worker(backend: str, quick: bool) -> dict:
    """Runs inside the backend's own process; returns the measurements."""
    import django

    django.setup()
    from django.db import connection

    from benchmarks.demo_db import demo_database
    from sn.geography.locate import current_locator
    from sn.incidents.importing import police_file_import
    from sn.incidents.kinds import STREET
    from sn.incidents.models import Incident
    from sn.incidents.sources import expand

    workdir = Path(tempfile.mkdtemp(prefix="sn-bench-crime-"))
    if backend == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "bench.sqlite3")
        connection.settings_dict["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        }
    else:
        connection.settings_dict["TEST"]["NAME"] = "sn_bench_crime_import"
    out: dict = {"backend": backend, "files": []}
    try:
        with demo_database():
            locator = current_locator()  # built once per boundary change; not part of an import
            templates = template_rows(locator)
            sizes = QUICK_SIZES if quick else SIZES
            for seed, size in enumerate(sizes, start=1):
                path = workdir / f"{size}-street.csv"
                write_file(path, size, templates, seed)
                (source,) = expand([path])
                with MemorySampler() as memory:
                    started = time.perf_counter()
                    result = police_file_import(source=source, kind=STREET, locator=locator, lsoa_ids={})
                    seconds = time.perf_counter() - started
                again_started = time.perf_counter()
                again = police_file_import(source=source, kind=STREET, locator=locator, lsoa_ids={})
                out["files"].append(
                    {
                        "rows": size,
                        "seconds": seconds,
                        "memory_mb": memory.growth_mb,
                        "peak_mb": memory.peak_mb,
                        "imported": result.imported,
                        "outside": result.outside_area,
                        "status": result.status,
                        "again_seconds": time.perf_counter() - again_started,
                        "again_imported": again.imported,
                        "mb": path.stat().st_size / 2**20,
                    }
                )
                Incident.objects.all().delete()
                if size != sizes[-1]:
                    path.unlink()
            baseline_rows = QUICK_BASELINE_ROWS if quick else BASELINE_ROWS
            out["baseline_rows"] = baseline_rows
            out["baseline_seconds"] = naive_import(
                workdir / f"{sizes[-1]}-street.csv", baseline_rows, locator
            )
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


def _report(data: dict) -> list[str]:
    backend = data["backend"]
    baseline_rate = data["baseline_rows"] / data["baseline_seconds"]
    line(f"{backend}: resampled from", f"{data['templates']:,} real rows inside the demo wards")
    for f in data["files"]:
        line(
            f"{backend}: {si(f['rows'])} rows ({f['mb']:.0f} MB)",
            f"{f['seconds']:.1f} s = {si(f['rows'] / f['seconds'])} rows/s, peak RSS {f['peak_mb']:.0f} MB "
            f"(+{f['memory_mb']:.0f} MB), "
            f"{f['imported']:,} imported, {f['outside']:,} outside",
        )
        line(f"{backend}: {si(f['rows'])} again", f"{f['again_seconds']:.1f} s, {f['again_imported']} added")
    line(
        f"{backend}: baseline ({data['baseline_rows']:,} rows)",
        f"{data['baseline_seconds']:.1f} s = {si(baseline_rate)} rows/s (one ORM create per row)",
    )
    small, big = data["files"][0], data["files"][-1]
    rate = big["rows"] / big["seconds"]
    ratio = rate / baseline_rate
    ok = rate >= TARGET_RATE[backend] and ratio >= TARGET_RATIO and big["status"] == "imported"
    memory_ok = big["peak_mb"] <= small["peak_mb"] * MEMORY_GROWTH_ALLOWED
    return [
        f"crime import ({backend}): {si(big['rows'])} rows in {big['seconds']:.1f} s = {si(rate)} rows/s, "
        f"{times(ratio)} one ORM create per row (target {si(TARGET_RATE[backend])}/s and {TARGET_RATIO}x): "
        f"{verdict(ok)}",
        f"crime import memory ({backend}): peak RSS {small['peak_mb']:.0f} MB for {si(small['rows'])} rows, "
        f"{big['peak_mb']:.0f} MB for {si(big['rows'])} (at most {MEMORY_GROWTH_ALLOWED - 1:.0%} more): "
        f"{verdict(memory_ok)}",
    ]


def run(*, quick: bool = False) -> list[str]:
    section("crime import: police.uk street CSV, end to end, against one ORM create per row")
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
