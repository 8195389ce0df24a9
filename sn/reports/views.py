"""Monthly reports per borough, cluster and ward: HTML for print, XLSX and PDF downloads."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sn.core.access import access
from sn.core.exports import download_response, requested_format
from sn.core.months import requested_month
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_WARD
from sn.geography.selectors import get_borough_for_user, get_cluster_for_user, get_neighbourhood_for_user
from sn.reports.renderers import render_pdf, render_xlsx
from sn.reports.sections import Area, build_sections, long_date, report_date

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
    sections = build_sections(request.user, area, day)
    title = f"{area.name}: monthly report, {month:%B %Y}"
    dated = f"Report date: {long_date(day)}"
    if not fmt:
        context = {"area": area, "kind": kind, "month": month, "dated": dated, "sections": sections}
        return render(request, "reports/monthly.html", {**context, "title": title})
    if fmt == "xlsx":
        body = render_xlsx(title, dated, sections)
    else:
        body = render_pdf(title, f"{kind} · {area.code} · {dated}", sections)
    return download_response(body, filename=f"report-{slug}-{month:%Y-%m}", fmt=fmt)


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
