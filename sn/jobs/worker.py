"""What `sn worker` does besides running the queue: it says it is alive, queues the periodic jobs when
they are due, and fails the jobs of workers that died.

How a dead worker's job is found: every worker touches a heartbeat file named by its id under
SN_JOB_FILES_DIR/workers every HEARTBEAT_SECONDS, from a thread of its own (so a long import does not
stop it). The queue backend records which worker claimed a task (django-tasks' worker_ids, for the
database and RQ alike). A job whose record says "running" is lost when its task has finished without
the record being finished (the process died between the two), or when the worker that claimed it has
not beaten for STALE_SECONDS: that worker was killed (SIGKILL, out of memory, a power cut), and its
transaction died with it, so nothing of the job was written. The job is failed with a message that
says so. The files directory is shared by every worker, so this holds on several machines too.
"""

import logging
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks.exceptions import TaskResultDoesNotExist

from sn.core.audit import audit_actor
from sn.jobs.models import Job, JobStatus
from sn.jobs.registry import PERIODIC_JOBS
from sn.jobs.services import job_enqueue, put_on_queue
from sn.jobs.tasks import run_job

logger = logging.getLogger("sn.jobs")

HEARTBEAT_SECONDS = 10
STALE_SECONDS = 90
# A job recorded but never queued (the web process stopped between its commit and the enqueue).
UNQUEUED_AFTER = timedelta(minutes=2)
LOST_SUMMARY = (
    "The worker running this job stopped before it finished ({why}); nothing was written. "
    "Start the job again."
)


def heartbeat_dir() -> Path:
    path = Path(settings.SN_JOB_FILES_DIR) / "workers"
    path.mkdir(parents=True, exist_ok=True)
    return path


def beat(worker_id: str) -> None:
    (heartbeat_dir() / worker_id).touch()


def beat_stop(worker_id: str) -> None:
    (heartbeat_dir() / worker_id).unlink(missing_ok=True)


def live_workers(now: float | None = None) -> set[str]:
    now = time.time() if now is None else now
    return {
        path.name
        for path in heartbeat_dir().iterdir()
        if path.is_file() and now - path.stat().st_mtime < STALE_SECONDS
    }


def _why_lost(job: Job, alive: set[str]) -> str:
    """Why a running job is lost, or "" while it is still being worked on."""
    if not job.task_id:
        return "it was never handed to a worker"
    try:
        result = run_job.get_result(job.task_id)
    except TaskResultDoesNotExist:
        return "the queue no longer holds its task"
    except NotImplementedError:  # a backend that keeps no results (the immediate one)
        return ""
    if result.status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED):
        return "its task ended without finishing the job's record"
    worker = result.worker_ids[-1] if result.worker_ids else ""
    if result.status == TaskResultStatus.RUNNING and worker and worker not in alive:
        return f"worker {worker} has not been heard from for {STALE_SECONDS} seconds"
    return ""


def lost_jobs_fail() -> list[Job]:
    """Fail every running job whose worker died (see the module's docstring); returns them."""
    alive = live_workers()
    failed = []
    for job in Job.objects.filter(status=JobStatus.RUNNING):
        why = _why_lost(job, alive)
        if not why:
            continue
        job.status = JobStatus.FAILED
        job.summary = LOST_SUMMARY.format(why=why)
        job.finished_at = timezone.now()
        with audit_actor(job.requested_by, context=f"job {job.pk}"):
            job.save(update_fields=["status", "summary", "finished_at", "modified_at"])
        logger.warning("job %s (%s) failed: %s", job.pk, job.kind, why)
        failed.append(job)
    return failed


def unqueued_jobs_queue() -> int:
    cutoff = timezone.now() - UNQUEUED_AFTER
    stranded = list(Job.objects.filter(status=JobStatus.QUEUED, task_id="", created_at__lt=cutoff))
    for job in stranded:
        put_on_queue(job.pk)
    return len(stranded)


def periodic_jobs_queue(now=None) -> list[Job]:
    """Queue each periodic job none of whose kind was queued within its every_hours."""
    now = now or timezone.now()
    queued = []
    for entry in PERIODIC_JOBS:
        since = now - timedelta(hours=entry.every_hours)
        if Job.objects.filter(kind=entry.kind, created_at__gte=since).exists():
            continue
        try:
            queued.append(job_enqueue(kind=entry.kind, title=entry.title, actor=None))
        except ValueError:
            logger.error("periodic job %s: no such job kind is registered", entry.kind)
    return queued


def housekeeping() -> None:
    """One round of the worker's checks; a locked database (SQLite, during a long import) only puts
    them off to the next round."""
    try:
        lost_jobs_fail()
        unqueued_jobs_queue()
        periodic_jobs_queue()
    except DatabaseError as error:
        logger.info("worker housekeeping put off: %s", error)
