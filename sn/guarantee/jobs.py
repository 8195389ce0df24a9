"""The daily sweep as a job of `sn worker`."""

from django.utils import timezone

from sn.guarantee.services import named_officer_lapses_sweep
from sn.jobs.registry import JobOutcome, Progress

NAMED_OFFICER_SWEEP = "guarantee.named_officer_sweep"


def run_named_officer_sweep(job, progress: Progress) -> JobOutcome:
    progress(0, 1, "Finding the wards without a named contactable officer")
    summary = named_officer_lapses_sweep(today=timezone.localdate(), actor=job.requested_by)
    progress(1, 1, "Done")
    return JobOutcome(summary=str(summary), rows=summary.opened + summary.closed)
