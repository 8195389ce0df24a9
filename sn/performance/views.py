"""The performance framework pages: the force's boroughs with the support list, a borough's trends,
and the upload of survey results."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sn.accounts.scope import scope_for
from sn.core.access import access, has_permission
from sn.core.exports import requested_format, table_response
from sn.geography.models import Borough
from sn.geography.selectors import get_borough_for_user
from sn.performance.forms import SurveyUploadForm
from sn.performance.importing import SurveyFileError
from sn.performance.presentation import (
    OVERVIEW_HEADERS,
    TREND_HEADERS,
    chart_data,
    overview_rows,
    trend_rows,
)
from sn.performance.quarters import FinancialQuarter
from sn.performance.selectors import borough_trends, performance_overview, survey_quarters
from sn.performance.services import survey_results_import


def _end_quarter(request: HttpRequest, available: list[FinancialQuarter]) -> FinancialQuarter | None:
    """The quarter asked for (?quarter=2010/11 Q4) if it was surveyed, else the latest."""
    asked = request.GET.get("quarter")
    if not asked:
        return available[-1] if available else None
    try:
        quarter = FinancialQuarter.parse(asked)
    except ValueError as exc:
        raise Http404("No such quarter") from exc
    if quarter not in available:
        raise Http404("No survey results for that quarter")
    return quarter


@access(permission="view_force_overview")
def force_performance(request: HttpRequest) -> HttpResponse:
    available = survey_quarters()
    end = _end_quarter(request, available)
    boroughs = scope_for(request.user).boroughs()
    overview = performance_overview(boroughs=boroughs, end=end)
    if fmt := requested_format(request):
        rows = overview_rows([r for m in overview.measures for r in m.rows], end)
        filename = f"survey-force-{end.year}-q{end.number}" if end else "survey-force"
        return table_response(filename, OVERVIEW_HEADERS, rows, fmt)
    return render(
        request,
        "performance/force.html",
        {
            "overview": overview,
            "support_visits": overview.support_visits(),
            "quarters": available,
            "end": end,
        },
    )


@access(permission="view_borough_overview")
def borough_performance(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    available = survey_quarters()
    end = _end_quarter(request, available)
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
            "can_see_force": has_permission(request.user, "view_force_overview"),
        },
    )


@access(permission="manage_survey_data")
def survey_upload(request: HttpRequest) -> HttpResponse:
    form = SurveyUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        name = request.FILES["file"].name
        try:
            result = survey_results_import(
                lines=form.cleaned_data["file"].splitlines(keepends=True), source=f"upload {name}"
            )
        except SurveyFileError as exc:
            for problem in exc.problems:
                form.add_error("file", problem)
        else:
            messages.success(request, f"{name}: {result}.")
            return redirect("performance:upload")
    return render(request, "performance/upload.html", {"form": form})
