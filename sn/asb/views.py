"""The ASB pages. Cases are fetched through sn.asb.permissions (out of the user's area: 404); every
write goes through one service in a form page (refused: the same page with the service's message)."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from sn.asb import matrix
from sn.asb.forms import (
    ActionForm,
    BreachForm,
    LeadForm,
    OrderForm,
    ReportForm,
    RequestForm,
    ReviewForm,
    service_errors,
)
from sn.asb.models import AsbAction, AsbOrder, AsbReport
from sn.asb.permissions import (
    EDIT_ASB_PLAN,
    RECORD_ASB,
    SET_ASB_LEAD,
    VIEW_ASB_CASES,
    VIEW_ASB_PLAN,
    cases_for_user,
    get_case_for_user,
    may_edit_action,
)
from sn.asb.selectors import asb_calls, case_rows, current_lead, plan_progress
from sn.asb.services import (
    asb_action_save,
    asb_case_review_record,
    asb_case_review_request,
    asb_lead_set,
    asb_order_breach_record,
    asb_order_record,
    asb_report_record,
)
from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.core.parameters import bad_parameter
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of
from sn.problemsolving.models import Case

FILTERS = [("open", "Open"), ("flagged", "Flagged for Case Review"), ("high", "High risk"), ("all", "All")]


@access(permission=VIEW_ASB_CASES)
def case_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    if show not in dict(FILTERS):
        return bad_parameter(request, name="show", value=show, error="Choose open, flagged, high or all")
    cases = cases_for_user(request.user)
    if show == "open":
        cases = cases.filter(status="open")
    elif show == "flagged":
        cases = cases.filter(case_review_flagged_at__isnull=False)
    elif show == "high":
        cases = cases.filter(risk_level="high")
    rows = list(case_rows(cases).order_by("-case_review_flagged_at", "-opened_at", "-id")[:500])
    return render(
        request,
        "asb/cases.html",
        {
            "rows": rows,
            "show": show,
            "filters": FILTERS,
            "today": timezone.localdate(),
            "can_record": has_permission(request.user, RECORD_ASB),
        },
    )


@access(permission=VIEW_ASB_CASES)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    reports = list(case.reports.select_related("call").prefetch_related("risk_assessments"))
    questions = {q.key: q for q in matrix.questions()}
    for report in reports:
        report.assessments = [
            (
                a,
                [
                    (
                        questions[k].text,
                        dict((v, label) for v, label, _ in questions[k].options).get(val, val),
                    )
                    for k, val in a.answers.items()
                    if k in questions
                ],
            )
            for a in report.risk_assessments.all()
        ]
    orders = list(case.orders.select_related("problem").prefetch_related("breaches"))
    return render(
        request,
        "asb/case.html",
        {
            "case": case,
            "reports": reports,
            "reviews": list(case.reviews.all()),
            "orders": orders,
            "today": timezone.localdate(),
            "can_record": has_permission(request.user, RECORD_ASB),
        },
    )


def _report_page(request, *, ward, case=None):
    calls = asb_calls(ward)

    def save(form: ReportForm) -> AsbReport:
        data = form.cleaned_data
        try:
            return asb_report_record(
                actor=request.user,
                neighbourhood=ward,
                person=case.person if case else None,
                person_name="" if case else data.get("person_name") or "",
                phone="" if case else data.get("phone") or "",
                email="" if case else data.get("email") or "",
                address_text=(case.address.address_text if case and case.address else "")
                if case
                else data.get("address_text") or "",
                postcode="" if case else data.get("postcode") or "",
                channel=data.get("channel") or AsbReport.Channel.STAFF,
                call=form.chosen_call(),
                incident_date=data.get("incident_date"),
                reported_at=data.get("reported_at"),
                description=data.get("description") or "",
                category=data.get("category") or AsbReport.Category.PERSONAL,
                answers=form.answers(),
            )
        except ValidationError as error:
            raise service_errors(error, form.fields) from error

    now = timezone.localtime().replace(second=0, microsecond=0)
    return form_page(
        request,
        form_class=ReportForm,
        template="asb/report_new.html",
        save=save,
        success_url=lambda r: reverse("asb:case", args=[r.case_id]),
        success_message=lambda r: (
            f"Report recorded on {r.case.reference}"
            + (" - the case meets the Case Review threshold" if r.case.case_review_flagged_at else "")
        ),
        form_kwargs={
            "calls": calls,
            "with_person": case is None,
            "initial": {"reported_at": now.strftime("%Y-%m-%dT%H:%M"), "channel": "staff"},
        },
        context={"ward": ward, "case": case},
    )


@access(permission=RECORD_ASB)
def report_new(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("ward", "")
    wards = scope_of(request.user).neighbourhoods(Neighbourhood.objects.all())
    if not code:
        return render(request, "asb/choose_ward.html", {"wards": wards.order_by("name")})
    ward = wards.filter(code=code).first()
    if ward is None:
        return bad_parameter(request, name="ward", value=code, error="Choose a ward from the list")
    return _report_page(request, ward=ward)


@access(permission=RECORD_ASB)
def case_report(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    return _report_page(request, ward=case.neighbourhood, case=case)


@access(permission=RECORD_ASB)
def review_record(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    review = case.reviews.filter(held_on__isnull=True).order_by("due_on").first()
    if review is None:
        raise Http404("This case has no Case Review waiting")

    def save(form: ReviewForm):
        try:
            return asb_case_review_record(
                actor=request.user,
                review=review,
                held_on=form.cleaned_data.get("held_on"),
                outcome=form.cleaned_data.get("outcome") or "",
                recommendations=form.cleaned_data.get("recommendations") or "",
            )
        except ValidationError as error:
            raise service_errors(error, form.fields) from error

    return form_page(
        request,
        form_class=ReviewForm,
        template="asb/review.html",
        save=save,
        success_url=reverse("asb:case", args=[case.pk]),
        success_message="Case Review outcome recorded",
        context={"case": case, "review": review},
    )


@access(permission=RECORD_ASB)
def review_request(request: HttpRequest, pk: int) -> HttpResponse:
    """The victim invoked the Case Review themselves (the scorecard counts whether the flag came first)."""
    case = get_case_for_user(request.user, pk)

    def save(form: RequestForm):
        try:
            return asb_case_review_request(
                actor=request.user, case=case, requested_at=form.cleaned_data.get("requested_at")
            )
        except ValidationError as error:
            raise service_errors(error, form.fields) from error

    now = timezone.localtime().replace(second=0, microsecond=0)
    return form_page(
        request,
        form_class=RequestForm,
        template="asb/request.html",
        save=save,
        success_url=reverse("asb:case", args=[case.pk]),
        success_message="The victim's request for a Case Review is recorded",
        form_kwargs={"initial": {"requested_at": now.strftime("%Y-%m-%dT%H:%M")}},
        context={"case": case},
    )


@access(permission=RECORD_ASB)
def order_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)

    def save(form: OrderForm) -> AsbOrder:
        data = form.cleaned_data
        try:
            return asb_order_record(
                actor=request.user,
                case=case,
                problem=form.chosen_problem(),
                kind=data.get("kind") or "",
                status=data.get("status") or "",
                sought_on=data.get("sought_on"),
                decided_on=data.get("decided_on"),
                note=data.get("note") or "",
            )
        except ValidationError as error:
            raise service_errors(error, form.fields) from error

    return form_page(
        request,
        form_class=OrderForm,
        template="asb/order_new.html",
        form_kwargs={
            "problems": Case.objects.filter(neighbourhood=case.neighbourhood)
            .exclude(stage=Case.Stage.CLOSED)
            .order_by("-id")[:100]
        },
        save=save,
        success_url=reverse("asb:case", args=[case.pk]),
        success_message=lambda o: f"{o.get_kind_display()} recorded",
        context={"case": case},
    )


@access(permission=RECORD_ASB)
def breach_new(request: HttpRequest, pk: int) -> HttpResponse:
    order = AsbOrder.objects.filter(scope_of(request.user).neighbourhood_q("neighbourhood"), pk=pk).first()
    if order is None:
        raise Http404("No such order in your area")
    back = reverse("asb:case", args=[order.case_id]) if order.case_id else reverse("asb:cases")

    def save(form: BreachForm):
        try:
            return asb_order_breach_record(
                actor=request.user,
                order=order,
                breached_on=form.cleaned_data.get("breached_on"),
                note=form.cleaned_data.get("note") or "",
            )
        except ValidationError as error:
            raise service_errors(error, form.fields) from error

    return form_page(
        request,
        form_class=BreachForm,
        template="asb/breach_new.html",
        save=save,
        success_url=back,
        success_message="Breach recorded",
        context={"order": order, "back": back},
    )


@access(permission=VIEW_ASB_PLAN)
def plan(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    actions = list(
        AsbAction.objects.select_related("owner", "borough").prefetch_related("problems", "progress")
    )
    scope = scope_of(request.user)
    # A problem's reference is shown to those who may see its ward; partners and others see a count.
    for action in actions:
        action.visible_problems = [
            p for p in action.problems.all() if scope.everything or p.neighbourhood_id in _ward_ids(scope)
        ]
        action.editable = may_edit_action(request.user, action, None)
    return render(
        request,
        "asb/plan.html",
        {
            "lead": current_lead(today),
            "actions": actions,
            "progress": plan_progress(actions, today),
            "today": today,
            "can_set_lead": has_permission(request.user, SET_ASB_LEAD),
            "can_edit": has_permission(request.user, EDIT_ASB_PLAN),
        },
    )


def _ward_ids(scope) -> set[int]:
    if not hasattr(scope, "_asb_ward_ids"):
        object.__setattr__(scope, "_asb_ward_ids", set(scope.neighbourhoods().values_list("id", flat=True)))
    return scope._asb_ward_ids


@access(permission=SET_ASB_LEAD)
def lead_set(request: HttpRequest) -> HttpResponse:
    def save(form: LeadForm):
        data = form.cleaned_data
        try:
            return asb_lead_set(
                actor=request.user,
                name=data.get("name") or "",
                role_title=data.get("role_title") or "",
                email=data.get("email") or "",
                starts_on=data.get("starts_on"),
            )
        except ValidationError as error:
            raise service_errors(error, form.fields) from error

    return form_page(
        request,
        form_class=LeadForm,
        template="asb/lead.html",
        save=save,
        success_url=reverse("asb:plan"),
        success_message=lambda lead: f"{lead.name} is the force's ASB lead",
        form_kwargs={"initial": {"starts_on": timezone.localdate()}},
    )


def _action_page(request, action: AsbAction | None):
    scope = scope_of(request.user)
    boroughs = list(scope.boroughs().order_by("name"))
    problems = list(
        Case.objects.filter(scope.neighbourhood_q("neighbourhood"))
        .exclude(stage=Case.Stage.CLOSED)
        .select_related("neighbourhood")
        .order_by("neighbourhood__name", "id")[:300]
    )
    if action is not None:
        problems += [p for p in action.problems.select_related("neighbourhood") if p not in problems]
    initial = {}
    if action is not None:
        initial = {
            "title": action.title,
            "partner_agency": action.partner_agency,
            "due_on": action.due_on,
            "status": action.status,
            "borough": str(action.borough_id or ""),
            "problems": [str(p.pk) for p in action.problems.all()],
        }

    def save(form: ActionForm) -> AsbAction:
        data = form.cleaned_data
        try:
            return asb_action_save(
                actor=request.user,
                action=action,
                title=data.get("title") or "",
                owner=action.owner if action is not None and action.owner_id else request.user,
                partner_agency=data.get("partner_agency") or "",
                due_on=data.get("due_on"),
                status=data.get("status") or "",
                borough=form.chosen_borough(),
                problems=form.chosen_problems(),
                progress_note=data.get("progress_note") or "",
            )
        except ValidationError as error:
            raise service_errors(error, form.fields) from error

    return form_page(
        request,
        form_class=ActionForm,
        template="asb/action.html",
        save=save,
        success_url=reverse("asb:plan"),
        success_message=lambda a: f"Action saved: {a.title}",
        form_kwargs={"boroughs": boroughs, "problems": problems, "initial": initial},
        context={"action": action},
    )


@access(permission=EDIT_ASB_PLAN)
def action_new(request: HttpRequest) -> HttpResponse:
    return _action_page(request, None)


@access(permission=EDIT_ASB_PLAN)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(AsbAction, pk=pk)
    if not may_edit_action(request.user, action, None):
        raise Http404("No such action in your borough")
    return _action_page(request, action)
