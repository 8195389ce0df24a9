"""Which jobs a user may see: one rule for the list and for one job, so the two can never disagree."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404

from sn.core.access import has_permission
from sn.geography.scope import scope_of
from sn.jobs.files import read_progress
from sn.jobs.models import Job, JobStatus
from sn.jobs.permissions import VIEW_ALL_JOBS
from sn.jobs.registry import JOB_KINDS, JobKind


def jobs_for_user(user) -> QuerySet[Job]:
    """The requester's own jobs; every job for the force-wide roles; and the jobs of a kind the user may
    run themselves whose borough is in their scope. A borough counts as in scope when any of its wards
    is, as a borough's tasking meeting does: the kind's permission is what keeps, say, a PC from an
    analyst's upload. A job with no borough (a force-wide import) is the requester's and the force's."""
    if not user.is_authenticated:
        return Job.objects.none()
    if has_permission(user, VIEW_ALL_JOBS):
        return Job.objects.all()
    rule = Q(requested_by=user)
    kinds = [kind.key for kind in JOB_KINDS if has_permission(user, kind.permission)]
    if kinds:
        boroughs = scope_of(user).neighbourhoods().values("borough_id")
        rule |= Q(kind__in=kinds, borough_id__in=boroughs)
    return Job.objects.filter(rule)


def get_job_for_user(user, pk: int) -> Job:
    job = jobs_for_user(user).select_related("requested_by", "borough").filter(pk=pk).first()
    if job is None:
        raise Http404("No such job")
    return job


@dataclass(frozen=True)
class JobState:
    """How far a job has got as the page shows it: the live progress file while it runs (the job's own
    transaction holds the record's changes until it ends), the record once it has finished."""

    job: Job
    done: int
    total: int | None
    message: str

    @property
    def percent(self) -> int | None:
        if not self.total:
            return None
        # A running job's file can be read to its end before its last rows are written: 100% is kept
        # for when it has finished.
        ceiling = 99 if self.job.status == JobStatus.RUNNING else 100
        return max(0, min(ceiling, round(100 * self.done / self.total)))

    @property
    def kind_label(self) -> str:
        kind = JOB_KINDS.get(self.job.kind)
        return kind.label if kind else self.job.kind

    @property
    def result_label(self) -> str:
        kind = JOB_KINDS.get(self.job.kind)
        return kind.result_label if kind else JobKind.result_label


def job_state(job: Job) -> JobState:
    if job.status == JobStatus.RUNNING:
        live = read_progress(job.pk) or {}
        return JobState(job, int(live.get("done") or 0), live.get("total"), str(live.get("message") or ""))
    if job.status == JobStatus.SUCCEEDED and job.progress_total:
        return JobState(job, job.progress_total, job.progress_total, job.progress_message)
    return JobState(job, job.progress_done, job.progress_total, job.progress_message)
