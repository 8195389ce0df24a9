"""The job pages: who sees which job, the progress fragment that polls until the job has finished, and
the download."""

import pytest
from django.urls import reverse

from sn.jobs.files import write_progress
from sn.jobs.models import Job, JobStatus
from sn.jobs.services import job_enqueue
from sn.jobs.tests.kinds import upload

pytestmark = pytest.mark.django_db


def _job(world, *, by="analyst", borough=None, status=JobStatus.SUCCEEDED, **fields):
    fields = {"kind": "test.counts", "title": "Count the lines", **fields}
    return Job.objects.create(
        requested_by=world.user(by) if by else None, borough=borough, status=status, **fields
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    job = _job(world)
    for url in (reverse("jobs:index"), reverse("jobs:detail", args=[job.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_panel_member_may_not_open_the_job_pages(client_for, world):
    job = _job(world, by="panel_member")
    client = client_for("panel_member")
    assert client.get(reverse("jobs:index")).status_code == 403
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 403


def test_a_job_of_no_borough_is_its_requesters_and_the_central_units_alone(client_for, world, kinds):
    job = _job(world, by="analyst", summary="3 lines counted")
    assert client_for("analyst").get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    assert client_for("central_unit").get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    for role in ("borough_lead", "inspector", "sergeant", "team_officer"):
        assert client_for(role).get(reverse("jobs:detail", args=[job.pk])).status_code == 404, role


def test_a_borough_job_is_seen_by_those_who_may_run_its_kind_there_and_no_one_else(client_for, world, kinds):
    job = _job(world, by=None, kind="incidents.police_upload", borough=world.boroughs["a"])
    assert client_for("analyst").get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    assert client_for("borough_lead").get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    elsewhere = _job(world, by=None, kind="incidents.police_upload", borough=world.boroughs["b"])
    assert client_for("analyst").get(reverse("jobs:detail", args=[elsewhere.pk])).status_code == 404


def test_the_list_shows_ones_own_jobs_and_the_central_unit_all_of_them(client_for, world, kinds):
    mine = _job(world, by="analyst", title="The analyst import")
    theirs = _job(world, by="sergeant", title="The sergeant duties")
    page = client_for("analyst").get(reverse("jobs:index")).content.decode()
    assert mine.title in page and theirs.title not in page
    page = client_for("central_unit").get(reverse("jobs:index")).content.decode()
    assert mine.title in page and theirs.title in page


def test_the_list_offers_the_upload_pages_the_user_may_use(client_for, world):
    page = client_for("analyst").get(reverse("jobs:index")).content.decode()
    assert reverse("incidents:upload") in page and reverse("workforce:duties_upload") not in page
    page = client_for("sergeant").get(reverse("jobs:index")).content.decode()
    assert reverse("workforce:duties_upload") in page and reverse("incidents:upload") not in page


def test_a_running_job_shows_its_live_progress_and_keeps_polling(client_for, world, kinds):
    job = _job(world, status=JobStatus.RUNNING)
    write_progress(job.pk, {"done": 40, "total": 160, "message": "street.csv: 40 rows read"})
    page = client_for("analyst").get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert f'hx-get="{reverse("jobs:progress", args=[job.pk])}"' in page and 'hx-trigger="every 1s"' in page
    assert 'value="25"' in page and "25%" in page and "street.csv: 40 rows read" in page


def test_a_finished_job_stops_polling_and_shows_its_summary_and_errors(client_for, world, kinds):
    job = _job(
        world,
        status=JobStatus.FAILED,
        summary="street.csv, line 3: bad month",
        errors=["street.csv, line 3: bad month", "street.csv, line 7: no crime type"],
    )
    page = client_for("analyst").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "hx-get" not in page
    assert "Failed: nothing was written" in page
    assert "street.csv, line 7: no crime type" in page


def test_the_document_a_job_made_downloads_for_those_who_may_see_the_job(client_for, world, kinds):
    job = job_enqueue(kind="test.counts", title="Count", actor=world.user("analyst"), upload=upload("x\n"))
    response = client_for("analyst").get(reverse("jobs:download", args=[job.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"x\n"
    assert 'filename="echo.txt"' in response["Content-Disposition"]
    assert client_for("borough_lead").get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_a_job_with_no_document_has_nothing_to_download(client_for, world, kinds):
    job = _job(world)
    assert client_for("analyst").get(reverse("jobs:download", args=[job.pk])).status_code == 404


def test_the_header_links_to_the_jobs_for_staff(client_for, world):
    page = client_for("analyst").get(reverse("jobs:index")).content.decode()
    assert f'href="{reverse("jobs:index")}"' in page
