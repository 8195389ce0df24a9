"""Monthly reports per borough, cluster and ward: HTML for print, XLSX and PDF downloads, and every PDF
of a borough in one zip made by a job."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access
from sn.core.exports import download_response, requested_format
from sn.core.form_pages import form_page
from sn.core.months import requested_month
from sn.geography.models import Neighbourhood
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_WARD
from sn.geography.selectors import get_borough_for_user, get_cluster_for_user, get_neighbourhood_for_user
from sn.jobs.services import job_enqueue
from sn.reports.documents import report_dated, report_filename, report_pdf, report_title
from sn.reports.forms import BoroughPdfsForm
from sn.reports.jobs import KIND as BOROUGH_PDFS_JOB
from sn.reports.jobs import borough_pdfs_params
from sn.reports.renderers import render_xlsx
from sn.reports.sections import Area, build_sections, report_date

REPORT_FORMATS = ("xlsx", "pdf")


def _report(request: HttpRequest, area: Area, kind: str, slug: str) -> HttpResponse:
    fmt = requested_format(request, REPORT_FORMATS)
    # A report has no period form to explain a bad ?month= in (one that cannot be read, or a month to
    # come), so it answers with the page that names the parameter. By default the report is this month's.
    asked = requested_month(request)
    if asked.error:
        return asked.bad_request(request)
    today = timezone.localdate()
    month = asked.month or today.replace(day=1)
    day = report_date(month, today=today)
    title, dated = report_title(area, month), report_dated(day)
    filename = report_filename(slug, month)
    if fmt == "pdf":
        return download_response(report_pdf(request.user, area, kind, month, day), filename=filename, fmt=fmt)
    sections = build_sections(request.user, area, day)
    if fmt == "xlsx":
        return download_response(render_xlsx(title, dated, sections), filename=filename, fmt=fmt)
    context = {"area": area, "kind": kind, "month": month, "dated": dated, "sections": sections}
    return render(request, "reports/monthly.html", {**context, "title": title})


@access(permission=VIEW_WARD)
def ward_report(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    return _report(request, neighbourhood, neighbourhood.get_kind_display(), neighbourhood.code)


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster_report(request: HttpRequest, code: str) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, code)
    return _report(request, cluster, "Cluster", cluster.code)


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_report(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    return _report(request, borough, "Borough", borough.code)


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_pdfs(request: HttpRequest, code: str) -> HttpResponse:
    """Whoever may see the borough's report may have all its PDFs: a job makes them (as that person may
    see them) and its page offers the zip."""
    borough = get_borough_for_user(request.user, code)
    asked = requested_month(request)
    month = asked.month or timezone.localdate().replace(day=1)
    return form_page(
        request,
        form_class=BoroughPdfsForm,
        template="reports/borough_pdfs.html",
        save=lambda form: job_enqueue(
            kind=BOROUGH_PDFS_JOB,
            title=f"Report PDFs for {borough.name}, {form.cleaned_data['month']:%B %Y}",
            actor=request.user,
            borough=borough,
            params=borough_pdfs_params(borough, form.cleaned_data["month"]),
        ),
        success_url=lambda job: reverse("jobs:detail", args=[job.pk]),
        success_message=lambda job: f"{job.title}: queued.",
        form_kwargs={"initial": {"month": f"{month:%Y-%m}"}},
        context={
            "borough": borough,
            "clusters": borough.clusters.count(),
            "wards": borough.neighbourhoods.filter(kind=Neighbourhood.Kind.WARD).count(),
        },
    )
