"""A ward's activity records by month, one record, and the forms that record and correct them; a case's
activity, where a partner records their organisation's work on a case it is invited to."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from sn.activity import services
from sn.activity.forms import ActivityForm, initial_of
from sn.activity.kinds import FAMILY_OF, KINDS
from sn.activity.models import ActivityRecord
from sn.activity.permissions import (
    ACTIVITY,
    RECORD_ACTIVITY,
    RECORD_CASE_ACTIVITY,
    VIEW_ACTIVITY,
    VIEW_CASE_ACTIVITY,
    get_record_for_user,
)
from sn.core.access import access, has_permission
from sn.core.exports import requested_format, table_response
from sn.core.form_pages import form_page
from sn.core.months import add_months, month_end, requested_month
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.core.roles import Role
from sn.geography.selectors import get_neighbourhood_for_user
from sn.problemsolving.permissions import get_case_for_user

RECORD_HEADERS = [
    "Date",
    "Ward",
    "What was done",
    "Stage",
    "Delivered by",
    "Organisation",
    "Priority",
    "Case",
    *(k.label for k in KINDS),
]


def _records(queryset):
    return queryset.select_related("neighbourhood", "organisation", "priority", "case").prefetch_related(
        "counts"
    )


def _record_row(record: ActivityRecord) -> list:
    counts = {c.kind: c.count for c in record.counts.all()}
    return [
        record.on,
        record.neighbourhood.name,
        record.summary,
        record.get_stage_display(),
        record.get_delivered_by_display(),
        record.organisation.name if record.organisation else "",
        record.priority.wording if record.priority else "",
        record.case.reference if record.case else "",
        *(counts.get(k.key) for k in KINDS),
    ]


def _case_url(case) -> str:
    """The case's own page, once problem solving serves it."""
    try:
        return reverse("problemsolving:case", args=[case.pk])
    except NoReverseMatch:
        return ""


@access(permission=VIEW_ACTIVITY)
def ward_activity(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    fmt = requested_format(request)
    period = requested_month(request)
    if fmt and period.error:
        return period.bad_request(request)
    month = period.month or timezone.localdate().replace(day=1)
    records = _records(
        ACTIVITY.filter_for(request.user)
        .filter(neighbourhood=neighbourhood, month=month)
        .order_by("-on", "-id")
    )
    if fmt:
        rows = [_record_row(r) for r in records]
        return table_response(f"activity-{neighbourhood.code}-{month:%Y-%m}", RECORD_HEADERS, rows, fmt)
    return render(
        request,
        "activity/ward_activity.html",
        {
            "neighbourhood": neighbourhood,
            "month": month,
            "period": period,
            "query": period.query,
            "records": records,
            "earlier": add_months(month, -1),
            "later": add_months(month, 1) if month_end(month) < timezone.localdate() else None,
            "can_record": has_permission(request.user, RECORD_ACTIVITY),
        },
    )


@access(permission=VIEW_ACTIVITY)
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_record_for_user(request.user, pk)
    counts = sorted(record.counts.all(), key=lambda c: [k.key for k in KINDS].index(c.kind))
    return render(
        request,
        "activity/record.html",
        {
            "record": record,
            "neighbourhood": record.neighbourhood,
            "counts": [(c, FAMILY_OF[c.kind]) for c in counts],
            "case_url": _case_url(record.case) if record.case else "",
            "can_correct": has_permission(request.user, RECORD_ACTIVITY),
            "can_see_history": has_permission(request.user, VIEW_AUDIT_HISTORY),
        },
    )


def _form_context(neighbourhood, title: str, back: str, **more) -> dict:
    return {"neighbourhood": neighbourhood, "title": title, "back_url": back, **more}


@access(permission=RECORD_ACTIVITY)
def record_new(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    back = reverse("activity:ward", args=[neighbourhood.code])
    return form_page(
        request,
        form_class=ActivityForm,
        template="activity/form.html",
        save=lambda form: services.activity_record(
            neighbourhood=neighbourhood, activity=form.activity(), actor=request.user
        ),
        success_url=lambda record: reverse("activity:record", args=[record.pk]),
        success_message="Activity recorded",
        form_kwargs={"neighbourhood": neighbourhood, "initial": {"on": timezone.localdate()}},
        context=_form_context(neighbourhood, "Record activity", back),
    )


@access(permission=RECORD_ACTIVITY)
def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_record_for_user(request.user, pk, for_write=True)
    back = reverse("activity:record", args=[record.pk])
    return form_page(
        request,
        form_class=ActivityForm,
        template="activity/form.html",
        save=lambda form: services.activity_correct(
            record=record, activity=form.activity(), actor=request.user
        ),
        success_url=back,
        success_message="Activity corrected",
        form_kwargs={"neighbourhood": record.neighbourhood, "initial": initial_of(record)},
        context=_form_context(record.neighbourhood, "Correct the activity", back, record=record),
    )


@access(permission=VIEW_CASE_ACTIVITY)
def case_activity(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    records = _records(ActivityRecord.objects.filter(case=case).order_by("-on", "-id"))
    return render(
        request,
        "activity/case_activity.html",
        {
            "case": case,
            "neighbourhood": case.neighbourhood,
            "records": records,
            "case_url": _case_url(case),
            "is_partner": request.user.role == Role.PARTNER,
            "can_open_records": has_permission(request.user, VIEW_ACTIVITY),
            "can_record": has_permission(request.user, RECORD_CASE_ACTIVITY),
        },
    )


@access(permission=RECORD_CASE_ACTIVITY)
def case_record_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    partner = request.user if request.user.role == Role.PARTNER else None
    back = reverse("activity:case", args=[case.pk])
    return form_page(
        request,
        form_class=ActivityForm,
        template="activity/form.html",
        save=lambda form: services.activity_record(
            neighbourhood=case.neighbourhood, activity=form.activity(), actor=request.user
        ),
        success_url=back,
        success_message="Activity recorded",
        form_kwargs={
            "neighbourhood": case.neighbourhood,
            "fixed_case": case,
            "partner": partner,
            "initial": {"on": timezone.localdate()},
        },
        context=_form_context(case.neighbourhood, f"Record activity on {case.reference}", back, case=case),
    )
