"""A borough's report PDFs in one zip, made by a job ("reports.borough_pdfs"): who may ask (whoever may
see the borough's report), what the zip holds, and a refusal that makes nothing."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from sn.core.registries import REPORT_SECTIONS, ReportSection, ReportSectionProvider
from sn.geography.permissions import VIEW_FORCE_OVERVIEW
from sn.jobs.models import Job, JobStatus
from sn.jobs.services import job_enqueue
from sn.reports.jobs import KIND, borough_pdfs_params
from sn.reports.tests.helpers import pdf_text

pytestmark = pytest.mark.django_db

MONTH = "2026-10"


def _url(world, letter: str = "a") -> str:
    return reverse("reports:borough_pdfs", args=[world.boroughs[letter].code])


def _zip(job: Job) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(Path(job.output_path).read_bytes()))


def test_an_anonymous_visitor_is_sent_to_sign_in(client_for, world):
    response = client_for(None).post(_url(world), {"month": MONTH})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert not Job.objects.exists()


@pytest.mark.parametrize("role", ["inspector", "sergeant", "partner"])
def test_a_role_that_cannot_see_the_borough_report_cannot_ask_for_its_pdfs(client_for, world, role):
    client = client_for(role)
    assert client.get(_url(world)).status_code == 403
    assert client.post(_url(world), {"month": MONTH}).status_code == 403
    assert not Job.objects.exists()


def test_another_boroughs_pdfs_are_not_found(client_for, world):
    client = client_for("borough_lead")
    assert client.get(_url(world, "b")).status_code == 404
    assert client.post(_url(world, "b"), {"month": MONTH}).status_code == 404
    assert not Job.objects.exists()


def test_the_borough_report_offers_the_pdfs_of_the_month_shown(client_for, world):
    client = client_for("analyst")
    code = world.boroughs["a"].code
    page = client.get(reverse("reports:borough", args=[code]), {"month": MONTH}).content.decode()
    assert f'href="{_url(world)}?month={MONTH}"' in page and "PDFs for every ward and cluster" in page
    form = client.get(_url(world), {"month": MONTH}).content.decode()
    assert f'value="{MONTH}"' in form and "1 cluster" in form and "4 wards" in form
    ward = client.get(reverse("reports:ward", args=[world.wards["a1"].code])).content.decode()
    assert "PDFs for every ward and cluster" not in ward


def test_the_borough_lead_gets_a_zip_of_the_boroughs_clusters_and_wards_pdfs(client_for, world):
    borough = world.boroughs["a"]
    response = client_for("borough_lead").post(_url(world), {"month": MONTH})
    job = Job.objects.get(kind="reports.borough_pdfs")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == JobStatus.SUCCEEDED, job.summary
    assert (job.borough, job.requested_by) == (borough, world.user("borough_lead"))
    assert job.summary == "6 reports for Borough A, October 2026: the borough's, 1 clusters' and 4 wards'."
    assert job.output_name == "borough-a-2026-10-reports.zip"
    assert job.result_url == f"{reverse('reports:borough', args=[borough.code])}?month={MONTH}"
    assert (job.progress_done, job.progress_total) == (6, 6)
    archive = _zip(job)
    wards = sorted(f"wards/report-{world.wards[k].code}-{MONTH}.pdf" for k in ("a1", "a2", "a3", "a4"))
    expected = [
        f"report-{borough.code}-{MONTH}.pdf",
        f"clusters/report-{world.clusters['a'].code}-{MONTH}.pdf",
    ]
    assert sorted(archive.namelist()) == sorted(expected + wards)
    for name in archive.namelist():
        assert archive.read(name).startswith(b"%PDF"), name
    assert f"{world.wards['a2'].name}: monthly report, October 2026" in pdf_text(archive.read(wards[1]))


def _job(world, role: str, letter: str = "a") -> Job:
    borough = world.boroughs[letter]
    params = borough_pdfs_params(borough, date(2026, 10, 1))
    return job_enqueue(kind=KIND, title="PDFs", actor=world.user(role), borough=borough, params=params)


def test_each_pdf_shows_only_what_the_person_who_asked_may_see(world):
    provider = ReportSectionProvider(
        key="guarded",
        order=1,
        build=lambda area, day: ReportSection(key="guarded", title="For the force only"),
        permission=VIEW_FORCE_OVERVIEW,
    )
    name = f"report-{world.boroughs['a'].code}-{MONTH}.pdf"
    with REPORT_SECTIONS.isolated([provider]):
        lead, central = _job(world, "borough_lead"), _job(world, "central_unit")
    assert "For the force only" not in pdf_text(_zip(lead).read(name))
    assert "For the force only" in pdf_text(_zip(central).read(name))


def test_a_month_to_come_is_refused_on_the_form_and_nothing_is_queued(client_for, world):
    response = client_for("central_unit").post(_url(world), {"month": "2099-01"})
    assert response.status_code == 400 and "month" in response.context["form"].errors
    assert not Job.objects.exists()


def test_a_job_for_a_borough_the_requester_does_not_see_makes_nothing(world):
    job = _job(world, "borough_lead", "b")
    assert job.status == JobStatus.FAILED and not job.output_path
    assert job.errors == [f"borough: {world.boroughs['b'].name} is outside your area"]
