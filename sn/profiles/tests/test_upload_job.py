"""The demographic tables upload as a job ("profiles.demographics"): the importer's rules, run by the
worker, with the refusals by line in the job's errors and the uploader's scope read when it runs."""

import gzip

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sn.core.models import AuditEvent
from sn.jobs.models import JobStatus
from sn.jobs.registry import JOB_KINDS
from sn.jobs.services import job_enqueue
from sn.profiles.models import DemographicFigure
from sn.profiles.permissions import IMPORT_DEMOGRAPHICS

HEADER = "area_code,measure,category,value,source,year\n"


def _enqueue(user, body: bytes, name: str = "ages.csv"):
    upload = SimpleUploadedFile(name, body, content_type="text/csv")
    return job_enqueue(kind="profiles.demographics", title=name, actor=user, upload=upload)


def _lines(world, ward: str, count: int) -> str:
    code = world.wards[ward].code
    return "".join(f"{code},occupation,Group {n:05d},{n},ONS,2021\n" for n in range(count))


def test_the_kind_is_registered_for_the_importers_with_a_file():
    kind = JOB_KINDS.get("profiles.demographics")
    assert kind.permission == IMPORT_DEMOGRAPHICS and kind.takes_file


def test_a_gzipped_file_loads_with_progress_and_the_uploader_in_the_audit_trail(world):
    analyst = world.user("analyst")
    job = _enqueue(analyst, gzip.compress((HEADER + _lines(world, "a1", 2500)).encode()), "ages.csv.gz")
    assert job.status == JobStatus.SUCCEEDED, job.errors
    assert job.rows == 2500 and job.summary.startswith("ages.csv.gz: 2,500 figures: 2,500 created")
    assert (job.progress_done, job.progress_total) == (2500, 2500)
    assert job.progress_message == "Saving 2,500 figures"
    assert DemographicFigure.objects.count() == 2500
    event = AuditEvent.objects.get(action=AuditEvent.Action.BULK_CREATE, changes__source="upload ages.csv.gz")
    assert event.actor == analyst


def test_a_refused_file_names_every_bad_line_and_writes_nothing(world):
    bad = "E99,age,x,1,ONS,2021\n,age,x,y,,1\n"
    job = _enqueue(world.user("central_unit"), (HEADER + _lines(world, "a1", 5) + bad).encode())
    assert job.status == JobStatus.FAILED
    assert job.summary == "5 problem(s) in ages.csv; nothing was written."
    assert job.errors[0] == 'line 7: area_code "E99" is not a ward or area of the force'
    assert [e.split(":")[0] for e in job.errors] == ["line 7"] + ["line 8"] * 4
    assert not DemographicFigure.objects.exists()


def test_an_analyst_cannot_load_figures_for_another_borough_through_a_job(world):
    job = _enqueue(world.user("analyst"), (HEADER + _lines(world, "b1", 1)).encode())
    assert job.status == JobStatus.FAILED
    assert job.errors == [f'line 2: area_code "{world.wards["b1"].code}" is outside your area']
    assert not DemographicFigure.objects.exists()


@pytest.mark.parametrize(
    "body, problem",
    [
        (b"", "line 1: the file is empty; it needs a header row"),
        (b"\xff\xfe\x00", "line 1: the file must be a CSV saved as UTF-8 text"),
        (b"\x1f\x8bnot gzip", "the file looks gzip-compressed but cannot be read"),
    ],
)
def test_a_file_that_cannot_be_read_fails_with_its_reason(world, body, problem):
    job = _enqueue(world.user("central_unit"), body)
    assert job.status == JobStatus.FAILED and job.errors[0].startswith(problem)
