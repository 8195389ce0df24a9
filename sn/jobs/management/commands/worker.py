"""sn worker: run the background jobs of the configured queue (settings.TASKS), one at a time.

The database queue (the default) is django-tasks-db's own worker loop; with SN_JOBS_BACKEND=redis it
is an RQ worker (django-rq). Either way a thread of this process beats a heartbeat and, every minute,
queues the periodic jobs that are due and fails the jobs of workers that died (sn.jobs.worker). SIGTERM
or Ctrl-C lets the job in hand finish, then stops; a second one stops at once (the job's transaction
is rolled back, and the next worker to start fails its record).
"""

import threading

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_rq.workers import get_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_rq.backend import Job as RQTaskJob

from sn.jobs import worker as chores

HOUSEKEEPING_SECONDS = 60


class _Chores(threading.Thread):
    """The heartbeat every few seconds and the housekeeping every minute, beside the job in hand."""

    def __init__(self, worker_id: str, every: float):
        super().__init__(name="sn-worker-chores", daemon=True)
        self.worker_id, self.every = worker_id, every
        self.stopping = threading.Event()

    def run(self) -> None:
        rounds_per_chores = max(1, round(self.every / chores.HEARTBEAT_SECONDS))
        count = 0
        try:
            while not self.stopping.is_set():
                chores.beat(self.worker_id)
                if count % rounds_per_chores == 0:
                    close_old_connections()
                    chores.housekeeping()
                count += 1
                self.stopping.wait(chores.HEARTBEAT_SECONDS)
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()


class Command(BaseCommand):
    help = "Run background jobs (imports, documents) from the configured queue, and queue periodic ones."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch",
            action="store_true",
            help="run the jobs waiting now, then exit (database queue; for tests and cron)",
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at an empty queue (database)"
        )
        parser.add_argument("--max-jobs", type=int, default=None, help="exit after running this many jobs")
        parser.add_argument(
            "--worker-id", default="", help="a name unique among the workers (default: random)"
        )

    def handle(self, *args, batch: bool, interval: float, max_jobs: int | None, worker_id: str, **options):
        worker_id = worker_id or f"sn-{get_random_string(12)}"
        chores.beat(worker_id)
        # Jobs left running by a worker that died are failed before this one takes any.
        for job in chores.lost_jobs_fail():
            self.stderr.write(f"Job {job.pk} ({job.kind}) was left running by a stopped worker: failed.")
        chores.periodic_jobs_queue()
        backend = settings.TASKS["default"]["BACKEND"]
        self.stdout.write(f"Worker {worker_id} on {backend.rsplit('.', 1)[-1]}")
        thread = _Chores(worker_id, HOUSEKEEPING_SECONDS)
        if not batch:
            thread.start()
        try:
            if backend.startswith("django_tasks_rq"):
                self._run_rq(worker_id, batch=batch, max_jobs=max_jobs)
            else:
                self._run_database(worker_id, batch=batch, interval=interval, max_jobs=max_jobs)
        finally:
            thread.stop()
            chores.beat_stop(worker_id)

    def _run_database(self, worker_id: str, *, batch: bool, interval: float, max_jobs: int | None) -> None:
        worker = Worker(
            queue_names=settings.TASKS["default"].get("QUEUES", ["default"]),
            interval=interval,
            batch=batch,
            backend_name="default",
            startup_delay=False,
            max_tasks=max_jobs,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        # django-tasks-db's handlers: the first SIGTERM or SIGINT finishes the job in hand; an idle
        # worker exits at once (SystemExit, which still runs the finally above).
        worker.configure_signals()
        try:
            worker.run()
        finally:
            worker.reset_signals()

    def _run_rq(self, worker_id: str, *, batch: bool, max_jobs: int | None) -> None:
        # django-rq's worker with django-tasks-rq's job class (RQ's default job class cannot run a
        # django-tasks task). RQ handles SIGTERM the same way: a warm shutdown after the
        # job in hand.
        queues = settings.TASKS["default"].get("QUEUES", ["default"])
        worker = get_worker(
            *queues, name=worker_id, job_class=RQTaskJob, worker_class=settings.SN_RQ_WORKER_CLASS or None
        )
        worker.work(burst=batch, max_jobs=max_jobs, logging_level="INFO")
