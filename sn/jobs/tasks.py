"""The one queued task: run a Job record. Every kind goes through it, so the queue backend (the database
or Redis, settings.TASKS) holds only a job id."""

from django_tasks import task

from sn.jobs.services import job_run


@task()
def run_job(job_id: int) -> str:
    return job_run(job_id=job_id).status
