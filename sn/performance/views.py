"""The performance framework pages: the force's boroughs with the support list, a borough's trends,
and the upload of survey results."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sn.accounts.scope import scope_for
from sn.core.access import access, has_permission
from sn.core.exports import requested_format, table_response
from sn.core.form_pages import form_page
from sn.core.parameters import bad_parameter
from sn.core.tables import ASCENDING, DESCENDING, Column, table
from sn.geography.models import Borough
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.selectors import get_borough_for_user
from sn.jobs.models import Job
from sn.jobs.services import job_enqueue
from sn.performance.forms import SurveyUploadForm
from sn.performance.jobs import KIND as SURVEY_JOB
from sn.performance.permissions import MANAGE_SURVEY_DATA
from sn.performance.presentation import (
    OVERVIEW_HEADERS,
    TREND_HEADERS,
    chart_data,
    overview_rows,
    trend_rows,
)
from sn.performance.quarters import FinancialQuarter
from sn.performance.selectors import borough_trends, performance_overview, survey_quarters

QUARTER = "quarter"
MEASURE = "measure"


def _end_quarter(request: HttpRequest, available: list[FinancialQuarter]) -> FinancialQuarter | None:
    """The quarter asked for (?quarter=2010/11 Q4) if it was surveyed, else the latest. For one that
    cannot be read, or was not surveyed, a ValueError says why."""
    asked = request.GET.get(QUARTER, "")
    if not asked:
        return available[-1] if available else None
    quarter = FinancialQuarter.parse(asked)  # a ValueError says why
    if quarter not in available:
        held = f"results are held from {available[0]} to {available[-1]}" if available else "none are held"
        raise ValueError(f"There are no survey results for {quarter}; {held}")
    return quarter


def _quarter_refused(request: HttpRequest, error: ValueError) -> HttpResponse:
    # The picker offers only surveyed quarters, so a refused one came from an edited address.
    return bad_parameter(request, name=QUARTER, value=request.GET[QUARTER], error=str(error))


@access(permission=VIEW_FORCE_OVERVIEW)
def force_performance(request: HttpRequest) -> HttpResponse:
    available = survey_quarters()
    try:
        end = _end_quarter(request, available)
    except ValueError as error:
        return _quarter_refused(request, error)
    boroughs = scope_for(request.user).boroughs()
    overview = performance_overview(boroughs=boroughs, end=end)
    if fmt := requested_format(request):
        rows = overview_rows([r for m in overview.measures for r in m.rows], end)
        filename = f"survey-force-{end.year}-q{end.number}" if end else "survey-force"
        return table_response(filename, OVERVIEW_HEADERS, rows, fmt)
    chosen = _chosen_measure(request, overview)
    if isinstance(chosen, HttpResponse):
        return chosen
    boroughs_table = table(
        request, chosen.rows if chosen else [], columns=_BOROUGH_COLUMNS, default=("borough", ASCENDING)
    )
    if boroughs_table.error:
        return boroughs_table.bad_request(request)
    return render(
        request,
        "performance/force.html",
        {
            "overview": overview,
            "support_visits": overview.support_visits(),
            "quarters": available,
            "end": end,
            "chosen": chosen,
            "boroughs_table": boroughs_table,
        },
    )


def _chosen_measure(request: HttpRequest, overview):
    """The measure whose boroughs the page lists (?measure=, else the first): one at a time, because six
    tables of every borough made a page 40,000 pixels long on a phone. A measure the page does not
    offer came from an edited address: the 400 page names it."""
    asked = request.GET.get(MEASURE, "")
    chosen = next((m for m in overview.measures if m.measure.value == asked), None)
    if asked and chosen is None:
        offered = ", ".join(m.measure.value for m in overview.measures)
        return bad_parameter(request, name=MEASURE, value=asked, error=f"Choose one of: {offered}")
    return chosen or (overview.measures[0] if overview.measures else None)


def _borough_estimate(row):
    return row.current.estimate if row.current else None


def _borough_respondents(row):
    return row.current.sample if row.current else None


_BOROUGH_COLUMNS = [
    Column("borough", "Borough", lambda row: row.borough.name.casefold(), ways=("A to Z", "Z to A")),
    Column("estimate", "Estimate", _borough_estimate, first=DESCENDING),
    Column("respondents", "Respondents", _borough_respondents, first=DESCENDING),
]


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_performance(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    available = survey_quarters()
    try:
        end = _end_quarter(request, available)
    except ValueError as error:
        return _quarter_refused(request, error)
    trends = borough_trends(borough=borough)
    if fmt := requested_format(request):
        return table_response(f"survey-{borough.code}", TREND_HEADERS, trend_rows(trends), fmt)
    # Force and group comparisons need every borough of the force, in the user's scope or not:
    # only the figures pooled over them are shown.
    overview = performance_overview(boroughs=Borough.objects.filter(force_id=borough.force_id), end=end)
    return render(
        request,
        "performance/borough.html",
        {
            "borough": borough,
            "end": end,
            "quarters": available,
            "summary": overview.for_borough(borough),
            "trends": trends,
            "chart_data": chart_data(trends),
            "can_see_force": has_permission(request.user, VIEW_FORCE_OVERVIEW),
        },
    )


def _enqueue(form: SurveyUploadForm, user) -> Job:
    upload = form.cleaned_data["file"]
    return job_enqueue(kind=SURVEY_JOB, title=f"Survey results: {upload.name}", actor=user, upload=upload)


@access(permission=MANAGE_SURVEY_DATA)
def survey_upload(request: HttpRequest) -> HttpResponse:
    """The file goes to the worker: the job's page shows its progress, then the summary or every
    problem by line and column."""
    return form_page(
        request,
        form_class=SurveyUploadForm,
        template="performance/upload.html",
        save=lambda form: _enqueue(form, request.user),
        success_url=lambda job: reverse("jobs:detail", args=[job.pk]),
        success_message=lambda job: f"{job.input_name} is queued to load.",
        context={"quarters": survey_quarters()},
    )
