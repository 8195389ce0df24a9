"""The pages of ASB cases, reports, reviews and orders (see sn.asb.views)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.asb import matrix
from sn.asb.forms import (
    BreachForm,
    OrderForm,
    ReportForm,
    RequestForm,
    ReviewForm,
)
from sn.asb.models import AsbOrder, AsbReport
from sn.asb.permissions import (
    CLOSE_ASB_CASES,
    RECORD_ASB,
    VIEW_ASB_CASES,
    cases_for_user,
    get_case_for_user,
)
from sn.asb.selectors import asb_calls, calls_to_link, case_rows
from sn.asb.services import (
    asb_case_review_record,
    asb_case_review_request,
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

FILTERS = [
    ("open", "Open"),
    ("flagged", "Flagged for Case Review"),
    ("high", "High risk"),
    ("closed", "Closed"),
    ("all", "All"),
]


@access(permission=VIEW_ASB_CASES)
def case_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    if show not in dict(FILTERS):
        return bad_parameter(
            request, name="show", value=show, error="Choose open, flagged, high, closed or all"
        )
    cases = cases_for_user(request.user)
    if show in ("open", "closed"):
        cases = cases.filter(status=show)
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
            "calls_to_link": calls_to_link(request.user).count(),
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
            "can_close": has_permission(request.user, CLOSE_ASB_CASES),
        },
    )


def _report_page(request, *, ward, case=None, call_pk: str = ""):
    calls = asb_calls(ward)
    now = timezone.localtime().replace(second=0, microsecond=0)
    initial = {"reported_at": now.strftime("%Y-%m-%dT%H:%M"), "channel": "staff"}
    if call_pk:
        # From the list of calls to link: the report starts as the call's.
        call = next((c for c in calls if str(c.pk) == call_pk), None)
        if call is None:
            return bad_parameter(
                request, name="call", value=call_pk, error="Choose an ASB call of the ward not yet linked"
            )
        at = timezone.localtime(call.received_at)
        initial = {
            "channel": AsbReport.Channel.CALL,
            "call": str(call.pk),
            "reported_at": at.strftime("%Y-%m-%dT%H:%M"),
            "incident_date": at.date(),
        }

    def save(form: ReportForm) -> AsbReport:
        data = form.cleaned_data
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
            "initial": initial,
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
    return _report_page(request, ward=ward, call_pk=request.GET.get("call", ""))


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
        return asb_case_review_record(
            actor=request.user,
            review=review,
            held_on=form.cleaned_data.get("held_on"),
            outcome=form.cleaned_data.get("outcome") or "",
            recommendations=form.cleaned_data.get("recommendations") or "",
        )

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
        return asb_case_review_request(
            actor=request.user, case=case, requested_at=form.cleaned_data.get("requested_at")
        )

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
        return asb_order_breach_record(
            actor=request.user,
            order=order,
            breached_on=form.cleaned_data.get("breached_on"),
            note=form.cleaned_data.get("note") or "",
        )

    return form_page(
        request,
        form_class=BreachForm,
        template="asb/breach_new.html",
        save=save,
        success_url=back,
        success_message="Breach recorded",
        context={"order": order, "back": back},
    )
