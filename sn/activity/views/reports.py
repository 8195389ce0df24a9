"""The monthly EPIC report of a ward, a cluster, a borough and the force: a page with a chart and its
tables, and the same tables as CSV and XLSX."""

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.activity.kinds import Family
from sn.activity.permissions import VIEW_ACTIVITY
from sn.activity.selectors import Area, EpicReport, epic_report
from sn.activity.tables import month_label, report_tables
from sn.activity.tables import tables_response as download
from sn.core.access import access, require_permission
from sn.core.exports import requested_format
from sn.core.months import month_end, requested_month
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.selectors import get_borough_for_user, get_cluster_for_user, get_neighbourhood_for_user


def _chart_data(report: EpicReport) -> str:
    """What static/activity/epic_chart.js draws: a stacked bar per month, a series per family."""
    return json.dumps(
        {
            "labels": [f"{m:%b %Y}" for m in report.months],
            "datasets": [
                {"label": f.label, "colour": i, "data": report.series[str(f)]} for i, f in enumerate(Family)
            ],
        }
    )


def _report_page(request: HttpRequest, area: Area, *, slug: str, context: dict) -> HttpResponse:
    fmt = requested_format(request)
    period = requested_month(request)
    if fmt and period.error:
        return period.bad_request(request)
    today = timezone.localdate()
    month = period.month or today.replace(day=1)
    report = epic_report(area=area, month=month)
    title = f"{report.name}: EPIC activity, {month:%B %Y}"
    if fmt:
        return download(f"epic-{slug}-{month:%Y-%m}", title, report_tables(report), fmt)
    tables = report_tables(report, for_page=True)
    return render(
        request,
        "activity/report.html",
        {
            **context,
            "title": title,
            "report": report,
            "tables": tables,
            "period": period,
            "query": period.query,
            "period_label": month_label(month, min(today, month_end(month))),
            "chart_data": _chart_data(report),
        },
    )


@access(permission=VIEW_ACTIVITY)
def ward_report(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    links = [(reverse("activity:ward", args=[neighbourhood.code]), "Activity records")]
    return _report_page(
        request, neighbourhood, slug=neighbourhood.code, context={"area": neighbourhood, "links": links}
    )


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster_report(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, VIEW_ACTIVITY)
    cluster = get_cluster_for_user(request.user, code)
    return _report_page(request, cluster, slug=cluster.code, context={"area": cluster, "links": []})


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_report(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, VIEW_ACTIVITY)
    borough = get_borough_for_user(request.user, code)
    return _report_page(request, borough, slug=borough.code, context={"area": borough, "links": []})


@access(permission=VIEW_FORCE_OVERVIEW)
def force_report(request: HttpRequest) -> HttpResponse:
    require_permission(request, VIEW_ACTIVITY)
    return _report_page(request, None, slug="force", context={"area": None, "links": []})
