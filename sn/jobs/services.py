"""Asking for a job and running it (`job_<verb>`, keyword-only, audited)."""

import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.jobs.files import job_dir, write_atomically, write_progress
from sn.jobs.models import Job, JobStatus
from sn.jobs.registry import JOB_KINDS, JobRefused

logger = logging.getLogger("sn.jobs")

# Progress is written at most this often: a file rename per row would cost more than the import.
_PROGRESS_INTERVAL_SECONDS = 0.5


def job_enqueue(
    *,
    kind: str,
    title: str,
    actor,
    borough=None,
    params: dict | None = None,
    upload: UploadedFile | None = None,
) -> Job:
    """Record the job, keep its file, and put it on the queue (after the transaction commits, so that a
    worker never picks up a job whose record it cannot yet read)."""
    spec = JOB_KINDS.get(kind)
    if spec is None:
        raise ValueError(f"Unknown job kind {kind!r}")
    with audit_actor(actor), transaction.atomic():
        job = Job.objects.create(
            kind=kind, title=title, params=params or {}, borough=borough, requested_by=actor
        )
        if upload is not None:
            path = job_dir(job.pk) / "input"
            with path.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
            job.input_path = str(path)
            job.input_name = Path(upload.name or "upload").name[:255]
            job.input_bytes = path.stat().st_size
            job.save(update_fields=["input_path", "input_name", "input_bytes", "modified_at"])
        if settings.SN_JOBS_ENQUEUE_ON_COMMIT:
            transaction.on_commit(lambda: put_on_queue(job.pk))
    if not settings.SN_JOBS_ENQUEUE_ON_COMMIT:
        put_on_queue(job.pk)
        job.refresh_from_db()
    return job


def put_on_queue(job_id: int) -> None:
    from sn.jobs.tasks import run_job  # the task module imports this one

    result = run_job.enqueue(job_id)
    Job.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id)[:64])


class _ThrottledProgress:
    def __init__(self, job: Job) -> None:
        self.job = job
        self.last = 0.0
        self.state = {"done": 0, "total": None, "message": ""}

    def __call__(self, done: int, total: int | None = None, message: str = "") -> None:
        self.state = {
            "done": int(done),
            "total": self.state["total"] if total is None else int(total),
            "message": message or self.state["message"],
        }
        now = time.monotonic()
        if now - self.last >= _PROGRESS_INTERVAL_SECONDS:
            self.last = now
            write_progress(self.job.pk, self.state)


def _write_first(job: Job) -> None:
    """Make the job's transaction a writer from its first statement. On SQLite (WAL) a transaction that
    reads first and writes later fails at once with "database is locked" if any other connection (a
    web request saving its session) wrote in between; one that writes first waits its turn (the busy
    timeout) and then holds the write lock to the end. On PostgreSQL it only locks the job's own row."""
    Job.objects.filter(pk=job.pk).update(modified_at=timezone.now())


def job_run(*, job_id: int) -> Job:
    """Run a queued job in this process (the worker's task calls this). Its work is one transaction: a
    refusal or a crash writes nothing but the job's own record."""
    job = Job.objects.get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return job  # run already (a redelivered message)
    spec = JOB_KINDS.get(job.kind)
    job.status = JobStatus.RUNNING
    job.started_at = timezone.now()
    with audit_actor(job.requested_by, context=f"job {job.pk}"):
        job.save(update_fields=["status", "started_at", "modified_at"])
    progress = _ThrottledProgress(job)
    try:
        if spec is None:
            raise JobRefused(f"This kind of job ({job.kind}) is no longer offered.")
        with audit_actor(job.requested_by, context=f"job {job.pk}"), transaction.atomic():
            _write_first(job)
            outcome = spec.run(job, progress)
    except JobRefused as refused:
        job.status, job.summary, job.errors = JobStatus.FAILED, refused.summary, refused.errors
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        job.status = JobStatus.FAILED
        job.summary = "The job stopped on an unexpected error; nothing was written. The error is in the log."
        job.errors = []
    else:
        job.status, job.summary, job.rows = JobStatus.SUCCEEDED, outcome.summary, outcome.rows
        job.errors = list(outcome.warnings)
        job.result_url = outcome.result_url
        if outcome.output_bytes is not None:
            path = job_dir(job.pk) / "output"
            write_atomically(path, outcome.output_bytes)
            job.output_path, job.output_name = str(path), outcome.output_name or "output"
    job.finished_at = timezone.now()
    job.progress_done = progress.state["done"]
    job.progress_total = progress.state["total"]
    job.progress_message = progress.state["message"][:300]
    with audit_actor(job.requested_by, context=f"job {job.pk}"):
        job.save()
    return job
