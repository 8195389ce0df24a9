"""Job kinds for the tests: each writes a record (a Job titled "side effect") so that a test can see
whether the job's writes were kept or rolled back."""

from django.core.files.uploadedfile import SimpleUploadedFile

from sn.jobs.models import Job
from sn.jobs.permissions import VIEW_JOBS
from sn.jobs.registry import JOB_KINDS, JobKind, JobOutcome, JobRefused

SIDE_EFFECT = "side effect"


def _write_something(job) -> None:
    Job.objects.create(kind="side", title=SIDE_EFFECT)


def _counts(job, progress) -> JobOutcome:
    _write_something(job)
    lines = job.params.get("lines", 3)
    for done in range(1, lines + 1):
        progress(done, lines, f"line {done}")
    text = open(job.input_path, encoding="utf-8").read() if job.input_path else ""
    return JobOutcome(
        summary=f"{lines} lines counted", rows=lines, output_name="echo.txt", output_bytes=text.encode()
    )


def _refuses(job, progress) -> JobOutcome:
    _write_something(job)
    progress(1, 2, "half way")
    raise JobRefused("example.csv: 2 bad lines. Nothing was imported.", ["line 2: bad", "line 5: worse"])


def _crashes(job, progress) -> JobOutcome:
    _write_something(job)
    raise RuntimeError("a bug")


COUNTS = JobKind(key="test.counts", label="Count lines", run=_counts, permission=VIEW_JOBS, takes_file=True)
REFUSES = JobKind(key="test.refuses", label="Refuse", run=_refuses, permission=VIEW_JOBS)
CRASHES = JobKind(key="test.crashes", label="Crash", run=_crashes, permission=VIEW_JOBS)
TEST_KINDS = (COUNTS, REFUSES, CRASHES)


def register_for_the_access_matrix() -> None:
    """The access matrix runs real routes in one process: its example jobs need a kind that every role
    holding VIEW_JOBS may run, registered for good (idempotent)."""
    if COUNTS.key not in JOB_KINDS:
        JOB_KINDS.register(COUNTS)


def upload(text: str = "a,b\n1,2\n", name: str = "example.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")
