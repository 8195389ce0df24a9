"""sn worker against the database queue: it runs queued jobs, fails the jobs of workers that died,
and queues the periodic jobs that are due."""

import io
import os
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from sn.jobs import worker
from sn.jobs.models import Job, JobStatus
from sn.jobs.registry import PERIODIC_JOBS, PeriodicJob
from sn.jobs.services import job_enqueue
from sn.jobs.tests.kinds import SIDE_EFFECT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.SN_JOBS_ENQUEUE_ON_COMMIT = True


def _worker(*args) -> str:
    out = io.StringIO()
    call_command("worker", "--batch", "--interval", "0", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_a_queued_job_waits_for_the_worker_which_runs_it(kinds):
    job = job_enqueue(kind="test.counts", title="Count", actor=None)
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED and job.task_id == ""
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    _worker("--worker-id", "test-worker")

    job.refresh_from_db()
    assert (job.status, job.summary, job.rows) == (JobStatus.SUCCEEDED, "3 lines counted", 3)
    assert job.task_id and DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    assert Job.objects.filter(title=SIDE_EFFECT).exists()


def test_a_refused_job_run_by_the_worker_fails_and_writes_nothing(kinds):
    job = job_enqueue(kind="test.refuses", title="Refuse", actor=None)
    _worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.errors == ["line 2: bad", "line 5: worse"]
    assert not Job.objects.filter(title=SIDE_EFFECT).exists()


def _claimed_by(job: Job, worker_id: str) -> None:
    """The state a worker killed in the middle of the job leaves: its task claimed, the record running."""
    result = DBTaskResult.objects.get(id=Job.objects.get(pk=job.pk).task_id)
    result.claim(worker_id)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())


def test_a_job_left_running_by_a_dead_worker_is_failed_when_a_worker_starts(kinds):
    job = job_enqueue(kind="test.counts", title="Count", actor=None)
    _claimed_by(job, "dead-worker")
    beat = worker.heartbeat_dir() / "dead-worker"
    beat.touch()
    old = time.time() - worker.STALE_SECONDS - 5
    os.utime(beat, (old, old))

    out = _worker()

    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert (
        "worker dead-worker has not been heard from" in job.summary and "nothing was written" in job.summary
    )
    assert f"Job {job.pk}" in out


def test_a_job_whose_worker_is_alive_is_left_running(kinds):
    job = job_enqueue(kind="test.counts", title="Count", actor=None)
    _claimed_by(job, "busy-worker")
    worker.beat("busy-worker")

    assert worker.lost_jobs_fail() == []
    assert Job.objects.get(pk=job.pk).status == JobStatus.RUNNING
    worker.beat_stop("busy-worker")


def test_a_periodic_job_is_queued_when_none_of_its_kind_was_within_its_hours(kinds):
    entry = PeriodicJob(kind="test.counts", title="Count every day", every_hours=24)
    with PERIODIC_JOBS.isolated([entry]):
        first = worker.periodic_jobs_queue()
        assert [job.title for job in first] == ["Count every day"]
        assert worker.periodic_jobs_queue() == []  # queued within the 24 hours
        Job.objects.filter(pk=first[0].pk).update(created_at=timezone.now() - timedelta(hours=25))
        assert len(worker.periodic_jobs_queue()) == 1
