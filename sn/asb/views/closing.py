"""Linking an ASB case to a problem, closing it with its outcome, and reopening it."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from sn.asb.forms import CloseForm, ProblemForm, ReopenForm
from sn.asb.models import AsbCase
from sn.asb.permissions import CLOSE_ASB_CASES, RECORD_ASB, get_case_for_user
from sn.asb.services import asb_case_close, asb_case_link_problem, asb_case_reopen
from sn.core.access import access
from sn.core.form_pages import form_page
from sn.problemsolving.models import Case


@access(permission=RECORD_ASB)
def problem_link(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    problems = list(
        Case.objects.filter(neighbourhood=case.neighbourhood)
        .exclude(stage=Case.Stage.CLOSED)
        .order_by("-id")[:200]
    )
    if case.problem is not None and case.problem not in problems:
        problems.insert(0, case.problem)

    def save(form: ProblemForm) -> AsbCase:
        return asb_case_link_problem(actor=request.user, case=case, problem=form.chosen_problem())

    return form_page(
        request,
        form_class=ProblemForm,
        template="asb/problem.html",
        save=save,
        success_url=reverse("asb:case", args=[case.pk]),
        success_message=lambda c: (
            f"{c.reference} is linked to problem {c.problem.reference}"
            if c.problem_id
            else f"{c.reference} is linked to no problem"
        ),
        form_kwargs={"problems": problems, "initial": {"problem": str(case.problem_id or "")}},
        context={"case": case},
    )


@access(permission=CLOSE_ASB_CASES)
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)

    def save(form: CloseForm) -> AsbCase:
        return asb_case_close(
            actor=request.user,
            case=case,
            outcome=form.cleaned_data.get("outcome") or "",
            reason=form.cleaned_data.get("reason") or "",
        )

    return form_page(
        request,
        form_class=CloseForm,
        template="asb/close.html",
        save=save,
        success_url=reverse("asb:case", args=[case.pk]),
        success_message=lambda c: f"{c.reference} is closed",
        context={"case": case, "due_review": case.reviews.filter(held_on__isnull=True).first()},
    )


@access(permission=CLOSE_ASB_CASES)
def case_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)

    def save(form: ReopenForm) -> AsbCase:
        return asb_case_reopen(actor=request.user, case=case)

    return form_page(
        request,
        form_class=ReopenForm,
        template="asb/reopen.html",
        save=save,
        success_url=reverse("asb:case", args=[case.pk]),
        success_message=lambda c: f"{c.reference} is open again",
        context={"case": case},
    )
