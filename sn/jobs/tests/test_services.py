"""Asking for a job and running it: the record, the file, progress, and all or nothing."""

from pathlib import Path

import pytest

from sn.core.models import AuditEvent
from sn.jobs.files import read_progress
from sn.jobs.models import Job, JobStatus
from sn.jobs.services import job_enqueue, job_run
from sn.jobs.tests.kinds import SIDE_EFFECT, upload

pytestmark = pytest.mark.django_db


def test_a_job_is_recorded_with_its_file_and_run_at_once_by_the_test_backend(world, kinds):
    analyst = world.user("analyst")
    job = job_enqueue(kind="test.counts", title="Count", actor=analyst, upload=upload("x\n"))

    assert (job.status, job.summary, job.rows, job.requested_by) == (
        JobStatus.SUCCEEDED,
        "3 lines counted",
        3,
        analyst,
    )
    assert (job.input_name, job.input_bytes) == ("example.csv", 2)
    assert Path(job.input_path).read_text() == "x\n"
    assert Path(job.output_path).read_bytes() == b"x\n" and job.output_name == "echo.txt"
    assert (job.progress_done, job.progress_total, job.progress_message) == (3, 3, "line 3")
    assert job.task_id and job.started_at and job.finished_at
    assert Job.objects.filter(title=SIDE_EFFECT).exists()


def test_asking_for_a_job_is_audited_to_the_requester(world, kinds):
    job = job_enqueue(kind="test.counts", title="Count", actor=world.user("analyst"))
    created = AuditEvent.objects.get(
        content_type__model="job", object_id=str(job.pk), action=AuditEvent.Action.CREATE
    )
    assert created.actor == world.user("analyst")


def test_a_refused_job_fails_with_its_errors_and_writes_nothing(world, kinds):
    job = job_enqueue(kind="test.refuses", title="Refuse", actor=world.user("analyst"))

    assert job.status == JobStatus.FAILED
    assert job.summary == "example.csv: 2 bad lines. Nothing was imported."
    assert job.errors == ["line 2: bad", "line 5: worse"]
    assert not Job.objects.filter(title=SIDE_EFFECT).exists()


def test_a_job_that_crashes_fails_with_a_plain_message_and_writes_nothing(world, kinds, caplog):
    job = job_enqueue(kind="test.crashes", title="Crash", actor=world.user("analyst"))

    assert job.status == JobStatus.FAILED
    assert "unexpected error; nothing was written" in job.summary
    assert "a bug" not in job.summary and job.errors == []
    assert not Job.objects.filter(title=SIDE_EFFECT).exists()
    assert f"job {job.pk} (test.crashes) failed" in caplog.text


def test_an_unknown_kind_is_refused_when_asked_for(world):
    with pytest.raises(ValueError, match="Unknown job kind"):
        job_enqueue(kind="nothing.such", title="?", actor=world.user("analyst"))


def test_a_kind_withdrawn_after_it_was_queued_fails_the_job(world):
    job = Job.objects.create(kind="gone.kind", title="Old", requested_by=world.user("analyst"))
    job = job_run(job_id=job.pk)
    assert job.status == JobStatus.FAILED and "no longer offered" in job.summary


def test_a_job_run_twice_runs_once(world, kinds):
    job = job_enqueue(kind="test.counts", title="Count", actor=world.user("analyst"))
    again = job_run(job_id=job.pk)
    assert again.status == JobStatus.SUCCEEDED
    assert Job.objects.filter(title=SIDE_EFFECT).count() == 1


def test_progress_is_written_to_the_job_files_while_it_runs(world, kinds):
    job = job_enqueue(kind="test.counts", title="Count", actor=world.user("analyst"), params={"lines": 1})
    # The first call is written at once; later ones at most twice a second.
    assert read_progress(job.pk) == {"done": 1, "total": 1, "message": "line 1"}


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0.4, "under a second"), (12, "12 seconds"), (61, "1 minute 1 second"), (3725, "1 hour 2 minutes")],
)
def test_how_long_a_job_took_is_said_to_the_second(seconds, text):
    from datetime import UTC, datetime, timedelta

    start = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    job = Job(started_at=start, finished_at=start + timedelta(seconds=seconds))
    assert job.took == text
    assert Job(started_at=start).took is None
