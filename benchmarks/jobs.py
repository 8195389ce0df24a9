"""Background jobs: how many trivial jobs a second `sn worker` runs from the database queue, and what a
police.uk import loses by running as a job (upload kept, queue, worker, progress file) against the same
import called directly, in the same process, as a ratio.

It runs in a process of its own (`python -m benchmarks.jobs --worker`) on a throwaway SQLite file
holding the demo force (benchmarks.demo_db), with the database queue (django-tasks-db) and the worker's
own loop (django-tasks-db's Worker, as `sn worker` runs it) in batch mode. The street file is generated
from real police.uk rows inside the demo wards (benchmarks.street_files).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report import line, section, si, verdict

PROJECT = Path(__file__).resolve().parent.parent
MET = "Metropolitan Police Service"
JOBS, QUICK_JOBS = 500, 100
ROWS, QUICK_ROWS = 100_000, 20_000  # a month of a large force's street file is some 90,000 rows
TARGET_JOBS_PER_SECOND = 20  # trivial jobs: the queue's own cost, which an upload pays once
TARGET_RATIO = 0.9  # an import as a job runs at least at this share of the direct import's pace


def _noop(job, progress):
    from sn.jobs.registry import JobOutcome

    progress(1, 1, "done")
    return JobOutcome(summary="nothing", rows=1)


def _run_queue() -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench",
        excluded_queue_names=[],
    ).run()


def _trivial_jobs(count: int) -> dict:
    from sn.jobs.models import Job, JobStatus
    from sn.jobs.registry import JOB_KINDS, JobKind
    from sn.jobs.services import job_enqueue

    if "bench.noop" not in JOB_KINDS:
        JOB_KINDS.register(JobKind(key="bench.noop", label="Nothing", run=_noop, permission="view_jobs"))
    started = time.perf_counter()
    for n in range(count):
        job_enqueue(kind="bench.noop", title=f"Nothing {n}", actor=None)
    queued = time.perf_counter()
    _run_queue()
    finished = time.perf_counter()
    done = Job.objects.filter(kind="bench.noop", status=JobStatus.SUCCEEDED).count()
    return {
        "jobs": count,
        "done": done,
        "enqueue_seconds": queued - started,
        "run_seconds": finished - queued,
    }


def _empty_incidents() -> None:
    from django.db import connection

    from sn.incidents.models import ImportRun, Incident

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Incident._meta.db_table}")
        cursor.execute(f"DELETE FROM {ImportRun._meta.db_table}")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _import_direct(path: Path) -> tuple[float, int]:
    from sn.incidents.importing import police_files_import

    started = time.perf_counter()
    results = police_files_import(paths=[path], out=lambda _: None)
    return time.perf_counter() - started, sum(r.rows_read for r in results)


def _import_as_job(path: Path) -> tuple[float, int, str]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sn.incidents.jobs import POLICE_UPLOAD
    from sn.jobs.models import Job
    from sn.jobs.services import job_enqueue

    started = time.perf_counter()
    upload = SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/csv")
    job = job_enqueue(kind=POLICE_UPLOAD, title="Bench import", actor=None, upload=upload)
    _run_queue()
    job = Job.objects.get(pk=job.pk)
    return time.perf_counter() - started, job.rows or 0, job.status


def worker(quick: bool) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import override_settings

    from benchmarks.demo_db import demo_database
    from benchmarks.street_files import template_rows, write_file
    from sn.geography.locate import current_locator

    settings.SN_POLICE_FORCE_NAME = MET
    workdir = Path(tempfile.mkdtemp(prefix="sn-bench-jobs-"))
    connection.settings_dict["TEST"]["NAME"] = str(workdir / "bench.sqlite3")
    connection.settings_dict["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    }
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    out: dict = {}
    with (
        override_settings(
            TASKS=queue, SN_JOBS_ENQUEUE_ON_COMMIT=True, SN_JOB_FILES_DIR=str(workdir / "jobs")
        ),
        demo_database(),
    ):
        out["trivial"] = _trivial_jobs(QUICK_JOBS if quick else JOBS)
        rows = QUICK_ROWS if quick else ROWS
        path = workdir / "2023-street.csv"
        write_file(path, rows, template_rows(current_locator()), seed=1)
        direct, job = [], []
        for _ in range(1 if quick else 2):  # alternated, each from an empty incident table
            _empty_incidents()
            direct.append(_import_direct(path))
            _empty_incidents()
            job.append(_import_as_job(path))
        out["direct_seconds"], out["rows"] = min(direct)
        out["job_seconds"], out["job_rows"], out["job_status"] = min(job)
    return out


def run(*, quick: bool = False) -> list[str]:
    section(
        "background jobs: the database queue's throughput, and an import as a job against it called directly"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": ""}
    command = [sys.executable, "-m", "benchmarks.jobs", "--worker", *(["--quick"] if quick else [])]
    done = subprocess.run(command, cwd=PROJECT, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        line("worker failed", (done.stderr.strip().splitlines() or ["?"])[-1])
        return ["jobs: the benchmark's worker failed: MISS"]
    data = json.loads(done.stdout.strip().splitlines()[-1])
    trivial = data["trivial"]
    rate = trivial["jobs"] / trivial["run_seconds"]
    line("trivial jobs", f"{trivial['done']:,} of {trivial['jobs']:,} succeeded")
    line("queued (job_enqueue)", f"{trivial['jobs'] / trivial['enqueue_seconds']:.0f} jobs/s")
    line("run by the worker (sqlite)", f"{rate:.0f} jobs/s")
    direct_rate = data["rows"] / data["direct_seconds"]
    job_rate = data["job_rows"] / data["job_seconds"]
    ratio = job_rate / direct_rate
    line(
        f"police.uk import of {si(data['rows'])} rows, direct",
        f"{data['direct_seconds']:.1f} s = {si(direct_rate)} rows/s",
    )
    line(
        "the same as a job (upload, queue, worker)",
        f"{data['job_seconds']:.1f} s = {si(job_rate)} rows/s, {data['job_status']}",
    )
    ok_rate = rate >= TARGET_JOBS_PER_SECOND and trivial["done"] == trivial["jobs"]
    ok_ratio = ratio >= TARGET_RATIO and data["job_status"] == "succeeded"
    return [
        f"jobs: {rate:.0f} trivial jobs/s through the database queue (target {TARGET_JOBS_PER_SECOND}): "
        f"{verdict(ok_rate)}",
        f"jobs: a police.uk import as a job runs at {ratio:.0%} of the direct import's pace "
        f"({si(job_rate)} against {si(direct_rate)} rows/s; target {TARGET_RATIO:.0%}): {verdict(ok_ratio)}",
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--worker", action="store_true")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.quick)))
    else:
        for summary in run(quick=args.quick):
            print(summary)
