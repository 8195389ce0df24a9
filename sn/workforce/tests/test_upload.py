"""Uploading the duty system's file in the browser: `sn import-duties` as a job, all or nothing, each
refused line on the job's page; a sergeant's upload is held to their own teams."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sn.jobs.models import Job, JobStatus
from sn.workforce.models import Duty, DutyImport
from sn.workforce.tests.factories import duty_codes_seed

pytestmark = pytest.mark.django_db
HEADER = "collar number,date,start,end,duty code,ward code\n"


@pytest.fixture
def codes(db):
    return duty_codes_seed()


def _post(client, body: str, name="duties.csv"):
    data = SimpleUploadedFile(name, (HEADER + body).encode())
    return client.post(reverse("workforce:duties_upload"), {"file": data})


def test_the_page_is_for_sergeants_and_the_central_unit(client_for, world):
    assert client_for(None).get(reverse("workforce:duties_upload")).status_code == 302
    assert client_for("analyst").get(reverse("workforce:duties_upload")).status_code == 403
    assert client_for("sergeant").get(reverse("workforce:duties_upload")).status_code == 200


def test_a_good_file_is_imported_by_a_job(client_for, world, codes):
    pc = world.officers["pc_a"].collar_number
    response = _post(
        client_for("central_unit"), f"{pc},2024-03-04,07:00,15:00,SN,\n{pc},2024-03-05,07:00,15:00,SN,\n"
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.status, job.rows, job.progress_done, job.progress_total) == (JobStatus.SUCCEEDED, 2, 3, 3)
    assert "2 lines: 2 imported" in job.summary
    assert Duty.objects.count() == 2 and DutyImport.objects.get().actor == world.user("central_unit")


def test_bad_lines_fail_the_job_with_their_numbers_and_nothing_is_written(client_for, world, codes):
    pc = world.officers["pc_a"].collar_number
    _post(
        client_for("central_unit"), f"{pc},2024-03-04,07:00,15:00,SN,\n99999ZZ,2024-03-04,07:00,15:00,SN,\n"
    )
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.summary.startswith("duties.csv, line 3: unknown collar number")
    assert job.errors == ["line 3: unknown collar number '99999ZZ'"]
    assert not Duty.objects.exists() and not DutyImport.objects.exists()


def test_a_sergeants_upload_is_held_to_their_own_teams(client_for, world, codes):
    own, other = world.officers["pc_a"].collar_number, world.officers["pc_b"].collar_number
    _post(client_for("sergeant"), f"{own},2024-03-04,07:00,15:00,SN,\n{other},2024-03-04,07:00,15:00,SN,\n")
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.errors == [f"line 3: the officer {other} is not posted to a team of yours on 04 March 2024"]
    assert not Duty.objects.exists()


def test_a_file_that_is_not_a_csv_is_refused_at_the_form(client_for, world):
    response = client_for("sergeant").post(
        reverse("workforce:duties_upload"), {"file": SimpleUploadedFile("duties.xlsx", b"PK\x03\x04")}
    )
    assert response.status_code == 400 and "The file must be one of" in response.content.decode()
    assert not Job.objects.exists()
