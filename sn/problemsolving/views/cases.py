"""Lists of cases: a ward's, a cluster's (the inspector sees every case in their cluster), a borough's,
"my cases", and a partner's "your organisation's cases". Each filters by stage, overdue review or
stalled, and category, and downloads as CSV or XLSX (?format=)."""

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access, has_permission
from sn.core.exports import requested_format, table_response
from sn.geography.permissions import (
    VIEW_BOROUGH_OVERVIEW,
    VIEW_CLUSTER_OVERVIEW,
    get_borough_for_user,
    get_cluster_for_user,
    get_neighbourhood_for_user,
)
from sn.problemsolving.forms import CaseFilterForm
from sn.problemsolving.models import Case
from sn.problemsolving.permissions import MANAGE_CASES, VIEW_CASES, VIEW_INVITED_CASES
from sn.problemsolving.selectors import filter_cases, my_cases, visible_cases, with_counts

HEADERS = [
    "Reference",
    "Title",
    "Ward",
    "Borough",
    "Stage",
    "Categories",
    "Owner",
    "Opened",
    "Review due",
    "Last activity",
    "Open interventions",
    "Interventions",
]


def _row(case: Case) -> list:
    return [
        case.reference,
        case.title,
        case.neighbourhood.name,
        case.neighbourhood.borough.name,
        case.get_stage_display(),
        "; ".join(case.category_labels),
        case.owner.full_name,
        timezone.localdate(case.created_at),
        case.review_due_on if case.is_open else None,
        case.last_activity_on,
        case.open_interventions,
        case.all_interventions,
    ]


def _case_list(
    request: HttpRequest,
    queryset: QuerySet[Case],
    *,
    filename: str,
    title: str,
    caption: str,
    area=None,
    partner: bool = False,
    open_url: str = "",
) -> HttpResponse:
    today = timezone.localdate()
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    cases = with_counts(
        filter_cases(
            queryset,
            stage=filters.get("stage", ""),
            review=filters.get("review", ""),
            category=filters.get("category", ""),
            today=today,
        )
    ).order_by("-last_activity_on", "-id")
    if fmt := requested_format(request):
        return table_response(filename, HEADERS, [_row(c) for c in cases], fmt)
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "problemsolving/case_list.html",
        {
            "title": title,
            "caption": caption,
            "area": area,
            "form": form,
            "cases": list(cases),
            "today": today,
            "partner": partner,
            "open_url": open_url,
            "query": query.urlencode(),
        },
    )


@access(permission=VIEW_CASES)
def ward_cases(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    can_open = has_permission(request.user, MANAGE_CASES)
    return _case_list(
        request,
        visible_cases(request.user).filter(neighbourhood=neighbourhood),
        filename=f"cases-{neighbourhood.code}",
        title=f"{neighbourhood.name}: problem-solving cases",
        caption="Cases of the ward",
        area=neighbourhood,
        open_url=reverse("problemsolving:case_open", args=[code]) if can_open else "",
    )


@access(permission=VIEW_CLUSTER_OVERVIEW)
def cluster_cases(request: HttpRequest, code: str) -> HttpResponse:
    cluster = get_cluster_for_user(request.user, code)
    return _case_list(
        request,
        visible_cases(request.user).filter(neighbourhood__cluster=cluster),
        filename=f"cases-{cluster.code}",
        title=f"{cluster.name}: problem-solving cases",
        caption="Cases of the cluster's wards",
        area=cluster,
    )


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough_cases(request: HttpRequest, code: str) -> HttpResponse:
    borough = get_borough_for_user(request.user, code)
    return _case_list(
        request,
        visible_cases(request.user).filter(neighbourhood__borough=borough),
        filename=f"cases-{borough.code}",
        title=f"{borough.name}: problem-solving cases",
        caption="Cases of the borough's wards",
        area=borough,
    )


@access(permission=VIEW_CASES)
def mine(request: HttpRequest) -> HttpResponse:
    return _case_list(
        request,
        my_cases(request.user),
        filename="my-cases",
        title="My cases",
        caption="Cases you own or have an intervention on",
    )


@access(permission=VIEW_INVITED_CASES)
def partner_cases(request: HttpRequest) -> HttpResponse:
    organisation = request.user.partner_organisation
    return _case_list(
        request,
        visible_cases(request.user),
        filename="our-cases",
        title="Your organisation's cases",
        caption=f"Cases {organisation} is invited to" if organisation else "Cases",
        partner=True,
    )
