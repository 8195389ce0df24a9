"""The retention review as a background job: `sn worker` queues it daily (sn.privacy.hooks)."""

from sn.jobs.registry import JobOutcome, Progress
from sn.privacy.services import retention_review_run


def run_retention_review(job, progress: Progress) -> JobOutcome:
    progress(0, 1, "Finding the records due a review")
    summary = retention_review_run(actor=job.requested_by)
    progress(1, 1, "Done")
    return JobOutcome(summary=str(summary), rows=sum(summary.open.values()))
