"""Abstraction monitoring pages: the force (the central unit's monthly submission of seed 003), a
borough, a cluster, a team's ward and an officer, each a trend chart beside the tables of the same
figures, with the tables as CSV and XLSX."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.activity.tables import month_label
from sn.activity.tables import tables_response as download
from sn.core.access import access, require_permission
from sn.core.exports import requested_format
from sn.core.months import add_months, month_end, requested_month
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_CLUSTER_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.scope import scope_of
from sn.geography.selectors import get_borough_for_user, get_cluster_for_user, get_neighbourhood_for_user
from sn.teams.models import Officer
from sn.workforce.abstraction.selectors import Level, abstraction_report, officer_in_scope
from sn.workforce.abstraction.tables import chart_data, headline, page_rows, report_tables
from sn.workforce.permissions import VIEW_ABSTRACTION

_URL_NAMES = {
    Level.BOROUGH: "workforce:abstraction_borough",
    Level.CLUSTER: "workforce:abstraction_cluster",
    Level.TEAM: "workforce:abstraction_ward",
    Level.OFFICER: "workforce:abstraction_officer",
}


def _link(level: Level, key: str, query: str) -> str:
    if not key:
        return ""
    url = reverse(_URL_NAMES[level], args=[int(key) if level is Level.OFFICER else key])
    return f"{url}?{query}" if query else url


def _page(request: HttpRequest, level: Level, area, *, slug: str, crumb) -> HttpResponse:
    fmt = requested_format(request)
    period = requested_month(request)
    if period.error:
        return period.bad_request(request)
    today = timezone.localdate()
    # Abstraction is monitored a month at a time, so a page opens on the last month complete.
    month = period.month or add_months(today.replace(day=1), -1)
    report = abstraction_report(
        level=level, area=area, month=month, scope=scope_of(request.user), today=today
    )
    title = f"{report.name}: abstraction, {month:%B %Y}"
    if fmt:
        return download(f"abstraction-{slug}-{month:%Y-%m}", title, report_tables(report), fmt)
    tables = report_tables(report, for_page=True)
    query = period.query
    # Each row of a list links to its own page; the rows are already those the reader reaches.
    lines = {
        "Boroughs": report.areas,
        "Clusters": report.areas,
        "Teams": report.teams_over if report.level is Level.FORCE else report.teams,
        "Officers": report.officers,
    }
    shown = []
    for table in tables:
        links = [_link(line.level, line.key, query) for line in lines.get(table.sheet, [])]
        rows = page_rows(table)
        shown.append((table, list(zip(rows, links + [""] * (len(rows) - len(links)), strict=True))))
    return render(
        request,
        "workforce/abstraction/report.html",
        {
            "title": title,
            "report": report,
            "crumb": crumb,
            "tables": shown,
            "headline": headline(report),
            "period": period,
            "query": query,
            "period_label": month_label(month, min(today, month_end(month))),
            "chart_data": chart_data(report),
        },
    )


@access(permission=VIEW_FORCE_OVERVIEW)
def force(request: HttpRequest) -> HttpResponse:
    require_permission(request, VIEW_ABSTRACTION)
    return _page(request, Level.FORCE, None, slug="force", crumb=None)


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, VIEW_ABSTRACTION)
    area = get_borough_for_user(request.user, code)
    return _page(request, Level.BOROUGH, area, slug=area.code, crumb=area)


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, VIEW_ABSTRACTION)
    area = get_cluster_for_user(request.user, code)
    return _page(request, Level.CLUSTER, area, slug=area.code, crumb=area)


@access(permission=VIEW_ABSTRACTION)
def ward(request: HttpRequest, code: str) -> HttpResponse:
    area = get_neighbourhood_for_user(request.user, code)
    return _page(request, Level.TEAM, area, slug=area.code, crumb=area)


@access(permission=VIEW_ABSTRACTION)
def officer(request: HttpRequest, pk: int) -> HttpResponse:
    person = Officer.objects.filter(pk=pk).first()
    if person is None or not officer_in_scope(person, scope_of(request.user), on=timezone.localdate()):
        raise Http404("No such officer in your area")
    return _page(request, Level.OFFICER, person, slug=person.collar_number, crumb=None)
