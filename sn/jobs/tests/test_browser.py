"""In a real Chromium on a phone-sized screen: an analyst uploads a police.uk file, the job's page waits
for the worker and shows its progress as it changes, then the summary once the worker has run it."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from sn.testing.browser import BROWSER

pytestmark = BROWSER
STREET = Path(__file__).resolve().parents[2] / "incidents" / "tests" / "fixtures" / "street.csv"


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.SN_JOBS_ENQUEUE_ON_COMMIT = True


@pytest.mark.django_db(transaction=True)
def test_an_upload_shows_its_progress_then_its_summary(page, live_server, database_queue):
    from sn.jobs.files import write_progress
    from sn.jobs.models import Job, JobStatus
    from sn.testing.browser import sign_in
    from sn.testing.world import build_world

    world = build_world()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server, world.user("analyst"))
    page.goto(f"{live_server.url}/jobs/")
    page.get_by_role("link", name="Upload police.uk files").click()
    page.get_by_label("police.uk file").set_input_files(str(STREET))
    page.get_by_role("button", name="Upload and import").click()

    page.wait_for_selector("text=Waiting for the worker to pick this job up")
    job = Job.objects.get()
    assert page.url.endswith(f"/jobs/{job.pk}/")
    # The worker has started on it and reported half the file read: the page updates itself.
    write_progress(job.pk, {"done": 500, "total": 1000, "message": "street.csv: 4 rows read"})
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    page.wait_for_selector("text=street.csv: 4 rows read")
    assert page.locator("progress").get_attribute("value") == "50"

    # The worker runs it for real (with the page away, so that it has the database to itself).
    page.goto("about:blank")
    Job.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    call_command("worker", "--batch", "--interval", "0", stdout=io.StringIO(), stderr=io.StringIO())
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    page.wait_for_selector("text=Finished")
    assert "street.csv: rows read 9" in page.locator(".sn-job-summary").inner_text()
    assert page.locator("[hx-get]").count() == 0  # finished: the polling has stopped
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert errors == []
