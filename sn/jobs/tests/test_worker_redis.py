"""sn worker against Redis (RQ), as a deployment with SN_REDIS_URL runs it: a queued job is run by the
worker with the same outcome as on the database queue. Skipped, loudly, where Redis does not answer."""

import io
import os

import pytest
import redis
from django.core.management import call_command

from sn.jobs.models import Job, JobStatus
from sn.jobs.services import job_enqueue
from sn.jobs.tests.kinds import SIDE_EFFECT

pytestmark = pytest.mark.django_db(transaction=True)

# A Redis database of its own per test process (pytest-xdist), emptied before and after: a burst worker
# takes every job of its queue, and another process's job is not in this process's test database.
REDIS_URL = f"redis://127.0.0.1:6379/{15 - int(os.environ.get('PYTEST_XDIST_WORKER', 'gw0')[2:] or 0) % 8}"


@pytest.fixture
def redis_queue(settings):
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"REDIS NOT REACHABLE at {REDIS_URL}: the RQ path of sn worker was NOT tested")
    connection.flushdb()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    settings.SN_JOBS_ENQUEUE_ON_COMMIT = True
    # In the test's process: a forked job would write to a copy of the in-memory test database.
    settings.SN_RQ_WORKER_CLASS = "rq.worker.SimpleWorker"
    yield
    connection.flushdb()


def _worker() -> str:
    out = io.StringIO()
    call_command("worker", "--batch", stdout=out, stderr=out)
    return out.getvalue()


def test_a_job_queued_on_redis_is_run_by_the_worker(kinds, redis_queue):
    job = job_enqueue(kind="test.counts", title="Count", actor=None)
    assert Job.objects.get(pk=job.pk).status == JobStatus.QUEUED

    output = _worker()

    job.refresh_from_db()
    assert "RQBackend" in output
    assert (job.status, job.summary, job.rows) == (JobStatus.SUCCEEDED, "3 lines counted", 3), output
    assert Job.objects.filter(title=SIDE_EFFECT).exists()


def test_a_job_refused_on_redis_fails_and_writes_nothing(kinds, redis_queue):
    job = job_enqueue(kind="test.refuses", title="Refuse", actor=None)
    _worker()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.errors == ["line 2: bad", "line 5: worse"]
    assert not Job.objects.filter(title=SIDE_EFFECT).exists()
