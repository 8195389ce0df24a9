"""Recording a case's assessment: the form, with a preview of the figures the months chosen give (an
HTMX fragment, or the whole page again without JavaScript) before anything is saved."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access
from sn.core.form_pages import form_page
from sn.crime.months import latest_month
from sn.problemsolving.assessment_forms import AssessmentForm, AssessmentPeriodsForm
from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.permissions import MANAGE_CASES, get_case_for_user
from sn.problemsolving.services.assessment import (
    PERIOD_FIELDS,
    assessment_compute,
    assessment_record,
    default_periods,
    periods_check,
)

PREVIEW = "problemsolving/_assessment_preview.html"


def _initial(case: Case, on) -> dict:
    existing = Assessment.objects.filter(case=case).first()
    if existing is not None:
        return {
            **{field: f"{getattr(existing, field):%Y-%m}" for field in PERIOD_FIELDS},
            "outcome": existing.outcome,
            "evidence": existing.evidence,
        }
    periods = default_periods(case, latest=latest_month(), on=on)
    if periods is None:
        return {}
    return {field: f"{getattr(periods, field):%Y-%m}" for field in PERIOD_FIELDS}


def _preview(case: Case, data, on) -> dict:
    """The figures for the months in `data`, or the problems that stop them, for the preview."""
    form = AssessmentPeriodsForm(data=data)
    if not form.is_valid():
        return {"errors": [f"{form.fields[f].label}: {e}" for f, es in form.errors.items() for e in es]}
    try:
        periods = periods_check(case, form.cleaned_data, on=on)
    except ValidationError as refused:
        return {"errors": [m for messages in refused.message_dict.values() for m in messages]}
    figures, displacement = assessment_compute(case, periods)
    return {"figures": figures, "displacement": displacement}


@access(permission=MANAGE_CASES)
def assessment_record_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, for_write=True)
    on = timezone.localdate()
    case_url = reverse("problemsolving:case", args=[case.pk])
    context = {
        "case": case,
        "neighbourhood": case.neighbourhood,
        "title": "Assess the case's impact",
        "back_url": case_url,
        "preview_url": reverse("problemsolving:assessment_preview", args=[case.pk]),
    }
    if request.method == "POST" and "compute" in request.POST:
        # Without JavaScript the compute button posts the whole form: show it again with the figures.
        form = AssessmentForm(data=request.POST)
        form.is_valid()
        return render(
            request,
            "problemsolving/assessment_form.html",
            {**context, "form": form, "preview": _preview(case, request.POST, on)},
        )
    return form_page(
        request,
        form_class=AssessmentForm,
        template="problemsolving/assessment_form.html",
        save=lambda form: assessment_record(case=case, actor=request.user, on=on, **form.cleaned_data),
        success_url=case_url + "#section-assessment",
        success_message=f"Assessment of {case.reference} recorded",
        form_kwargs={"initial": _initial(case, on)},
        context=context,
    )


@access(permission=MANAGE_CASES)
def assessment_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The figures the months asked for give (POST from the form by HTMX, or GET), as a fragment."""
    case = get_case_for_user(request.user, pk, for_write=True)
    data = request.POST if request.method == "POST" else request.GET
    return render(request, PREVIEW, {"preview": _preview(case, data, timezone.localdate())})
