"""Uploading police.uk files in the browser: the same import as the command, run as a job (at once, in
tests), all or nothing over every file of the upload, with the bad rows' lines on the job's page."""

import gzip
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sn.incidents.models import ImportRun, Incident
from sn.incidents.tests.helpers import FIXTURES, fixture_lines
from sn.jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db
STREET = (FIXTURES / "street.csv").read_bytes()
INSIDE = 7  # street.csv's rows inside the test force (sn/incidents/tests/test_street_import.py)


def _upload(client, name: str, data: bytes, **fields):
    return client.post(
        reverse("incidents:upload"), {"file": SimpleUploadedFile(name, data), **fields}, follow=False
    )


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_the_page_is_for_analysts_and_the_central_unit(client_for, world):
    assert client_for(None).get(reverse("incidents:upload")).status_code == 302
    assert client_for("borough_lead").get(reverse("incidents:upload")).status_code == 403
    assert client_for("analyst").get(reverse("incidents:upload")).status_code == 200


def test_an_uploaded_csv_is_imported_by_a_job_whose_page_shows_the_summary(client_for, world, lsoa_ids):
    client = client_for("analyst")
    response = _upload(client, "2024-01-test-street.csv", STREET)

    job = Job.objects.get(kind="incidents.police_upload")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert (job.status, job.rows, job.requested_by) == (JobStatus.SUCCEEDED, 9, world.user("analyst"))
    assert "2024-01-test-street.csv: rows read 9, imported 7" in job.summary
    assert Incident.objects.count() == INSIDE
    run = ImportRun.objects.get()
    assert run.actor == world.user("analyst") and run.file_name.endswith("2024-01-test-street.csv")
    page = client.get(response["Location"]).content.decode()
    assert "Finished" in page and "rows read 9, imported 7" in page


def test_the_same_file_again_adds_nothing(client_for, world, lsoa_ids):
    client = client_for("analyst")
    _upload(client, "street.csv", STREET)
    _upload(client, "street.csv", STREET)
    again = Job.objects.order_by("-pk").first()
    assert "imported 0, updated 0, unchanged 7" in again.summary
    assert Incident.objects.count() == INSIDE


def test_a_gzipped_csv_and_a_police_uk_zip_are_read(client_for, world, lsoa_ids):
    client = client_for("central_unit")
    _upload(client, "street.csv.gz", gzip.compress(STREET))
    assert Job.objects.get().status == JobStatus.SUCCEEDED
    outcomes = (FIXTURES / "outcomes.csv").read_bytes()
    _upload(client, "2024-01.zip", _zip({"2024-01/street.csv": STREET, "2024-01/outcomes.csv": outcomes}))
    job = Job.objects.order_by("-pk").first()
    assert job.status == JobStatus.SUCCEEDED and "outcomes.csv: rows read" in job.summary
    assert job.rows == 9 + len(fixture_lines("outcomes.csv")) - 1


def test_a_bad_file_in_a_zip_fails_the_job_with_line_numbers_and_imports_nothing(client_for, world, lsoa_ids):
    lines = fixture_lines("street.csv")
    bad = lines[:1] + [lines[1].replace(",2024-01,", ",24-01,")] + lines[2:]
    data = _zip(
        {"a/street.csv": STREET.replace(b"2024-01", b"2024-02"), "b/street.csv": "\n".join(bad).encode()}
    )
    _upload(client_for("analyst"), "bad.zip", data)

    job = Job.objects.get()
    assert job.status == JobStatus.FAILED, job.summary
    assert "1 of 2 files refused, so nothing was imported from any of them" in job.summary
    assert any(error.startswith("street.csv, line 2:") for error in job.errors), job.errors
    assert not Incident.objects.exists() and not ImportRun.objects.exists()


def test_a_wrong_type_an_empty_file_or_a_false_zip_is_refused_at_the_form(client_for, world):
    client = client_for("analyst")
    for name, data, message in (
        ("crimes.xlsx", b"PK\x03\x04", "The file must be one of"),
        ("crimes.zip", b"not a zip", "is not a zip archive, though its name ends .zip"),
        ("crimes.csv", b"", "The submitted file is empty"),
    ):
        response = _upload(client, name, data)
        assert response.status_code == 400 and message in response.content.decode(), name
    assert not Job.objects.exists()


def test_an_oversize_file_is_refused_at_the_form(client_for, world, settings):
    settings.SN_POLICE_UPLOAD_MAX_BYTES = 100
    response = _upload(client_for("analyst"), "street.csv", STREET)
    assert response.status_code == 400 and "the largest this page takes is 100" in response.content.decode()
    assert not Job.objects.exists()


def test_a_kind_chosen_skips_files_of_other_kinds_in_a_zip(client_for, world, lsoa_ids):
    outcomes = (FIXTURES / "outcomes.csv").read_bytes()
    _upload(
        client_for("analyst"), "m.zip", _zip({"street.csv": STREET, "outcomes.csv": outcomes}), kind="street"
    )
    job = Job.objects.get()
    assert job.status == JobStatus.SUCCEEDED and "skipped, a police.uk outcomes file" in job.summary
