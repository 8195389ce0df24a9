"""The forms the team, the sergeant and partners work a case with. Every page is the form-page pattern
(sn.core.form_pages): the form checks formats, one service checks the rules and writes."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from sn.accounts.models import PartnerOrganisation, User
from sn.core.access import access
from sn.core.form_pages import form_page
from sn.core.roles import Role
from sn.geography.permissions import get_neighbourhood_for_user
from sn.panels.models import Priority
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.panels.views.common import team_officers
from sn.problemsolving import services
from sn.problemsolving.forms import (
    AnalysisForm,
    CaseOpenForm,
    CloseForm,
    CompleteForm,
    InterventionForm,
    InviteForm,
    OptionForm,
    RemoveForm,
    ResponseStartForm,
    ReviewForm,
    ScanningForm,
    StatusForm,
    UpdateForm,
)
from sn.problemsolving.models import Case, Intervention, ResponseOption
from sn.problemsolving.permissions import (
    INVITE_PARTNERS,
    MANAGE_CASES,
    REVIEW_CASES,
    VIEW_INVITED_CASES,
    get_case_for_user,
    get_intervention_for_user,
)
from sn.problemsolving.selectors import standing_invitations

FORM = "problemsolving/form.html"


def case_url(case: Case, *, partner: bool = False) -> str:
    return reverse("problemsolving:partner_case" if partner else "problemsolving:case", args=[case.pk])


def _context(case: Case, title: str, partner: bool = False, **more) -> dict:
    return {
        "case": case,
        "neighbourhood": case.neighbourhood,
        "title": title,
        "partner": partner,
        "back_url": case_url(case, partner=partner),
        **more,
    }


@access(permission=MANAGE_CASES)
def case_open(request: HttpRequest, code: str) -> HttpResponse:
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    priorities = list(
        Priority.objects.filter(neighbourhood=neighbourhood, status__in=HOLDING_A_PLACE, case__isnull=True)
        .select_related("owner")
        .order_by("selected_on")
    )
    wanted = next((p for p in priorities if str(p.pk) == request.GET.get("priority")), None)
    officer = request.user.officer_id
    initial = {"priority": wanted.pk if wanted else "", "owner": wanted.owner_id if wanted else officer}
    return form_page(
        request,
        form_class=CaseOpenForm,
        template=FORM,
        save=lambda form: services.case_open(
            neighbourhood=neighbourhood, actor=request.user, **form.cleaned_data
        ),
        success_url=lambda case: case_url(case),
        success_message=lambda case: f"Case {case.reference} opened",
        form_kwargs={"priorities": priorities, "officers": team_officers(neighbourhood), "initial": initial},
        context={
            "neighbourhood": neighbourhood,
            "title": "Open a problem-solving case",
            "back_url": reverse("problemsolving:ward_cases", args=[code]),
        },
    )


@access(permission=MANAGE_CASES)
def case_scanning(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, for_write=True)
    initial = {
        "title": case.title,
        "problem_statement": case.problem_statement,
        "place": case.place,
        "streets": case.streets,
        "area": case.area,
        "period_start": case.period_start,
        "period_end": case.period_end,
        "categories": case.categories,
    }
    return form_page(
        request,
        form_class=ScanningForm,
        template="problemsolving/scanning_form.html",
        save=lambda form: services.case_scanning_update(case=case, actor=request.user, **form.cleaned_data),
        success_url=case_url(case),
        success_message="Scanning saved",
        form_kwargs={"initial": initial},
        context=_context(
            case, "Scanning: the problem, where and when", outline=case.neighbourhood.display_boundary
        ),
    )


@access(permission=MANAGE_CASES)
def case_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, for_write=True)
    initial = {
        name: getattr(case, name)
        for name in ("victim", "offender", "location", "guardian", "handler", "manager")
    }
    initial["summary"] = case.analysis_summary
    return form_page(
        request,
        form_class=AnalysisForm,
        template=FORM,
        save=lambda form: services.case_analysis_update(case=case, actor=request.user, **form.cleaned_data),
        success_url=case_url(case),
        success_message="Analysis saved",
        form_kwargs={"initial": initial},
        context=_context(case, "Analysis: the problem-analysis triangle"),
    )


@access(permission=MANAGE_CASES)
def option_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=OptionForm,
        template=FORM,
        save=lambda form: services.response_option_add(case=case, actor=request.user, **form.cleaned_data),
        success_url=case_url(case),
        success_message=lambda option: f"Option added: {option.description}",
        context=_context(case, "Add a response option"),
    )


@access(permission=MANAGE_CASES)
def option_edit(request: HttpRequest, pk: int) -> HttpResponse:
    option = ResponseOption.objects.filter(pk=pk).first()
    if option is None:
        raise Http404("No such option")
    case = get_case_for_user(request.user, option.case_id, for_write=True)
    option.case = case
    return form_page(
        request,
        form_class=OptionForm,
        template=FORM,
        save=lambda form: services.response_option_change(
            option=option, actor=request.user, **form.cleaned_data
        ),
        success_url=case_url(case),
        success_message="Option saved",
        form_kwargs={
            "initial": {"description": option.description, "chosen": option.chosen, "reason": option.reason}
        },
        context=_context(case, "Change a response option"),
    )


@access(permission=MANAGE_CASES)
def response_start(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=ResponseStartForm,
        template=FORM,
        save=lambda form: services.case_response_start(case=case, actor=request.user, **form.cleaned_data),
        success_url=case_url(case),
        success_message="The response has started",
        context=_context(case, "Start the response", button="Start the response"),
    )


def partner_users(case: Case):
    organisations = standing_invitations(case).values("organisation_id")
    return (
        User.objects.filter(role=Role.PARTNER, is_active=True, partner_organisation_id__in=organisations)
        .select_related("partner_organisation")
        .order_by("partner_organisation__name", "last_name")
    )


@access(permission=MANAGE_CASES)
def intervention_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, for_write=True)
    organisations = PartnerOrganisation.objects.filter(
        pk__in=standing_invitations(case).values("organisation_id")
    )
    return form_page(
        request,
        form_class=InterventionForm,
        template=FORM,
        save=lambda form: services.intervention_add(case=case, actor=request.user, **form.cleaned_data),
        success_url=case_url(case),
        success_message=lambda i: f"Intervention added: {i.description}",
        form_kwargs={
            "officers": team_officers(case.neighbourhood),
            "organisations": organisations,
            "partner_users": partner_users(case),
            "initial": {
                "delivered_by": Intervention.DeliveredBy.POLICE,
                "owner_officer": request.user.officer_id,
            },
        },
        context=_context(case, "Add an intervention"),
    )


def _intervention_forms(request, intervention: Intervention, *, partner: bool, kind: str) -> HttpResponse:
    case = intervention.case
    user = request.user
    if kind == "status":
        return form_page(
            request,
            form_class=StatusForm,
            template=FORM,
            save=lambda form: services.intervention_status_change(
                intervention=intervention, actor=user, **form.cleaned_data
            ),
            success_url=case_url(case, partner=partner),
            success_message=lambda i: f"Status changed: {i.get_status_display()}",
            form_kwargs={"initial": {"status": intervention.status}},
            context=_context(
                case, f"Status of: {intervention.description}", partner, intervention=intervention
            ),
        )
    if kind == "complete":
        return form_page(
            request,
            form_class=CompleteForm,
            template=FORM,
            save=lambda form: services.intervention_complete(
                intervention=intervention, actor=user, **form.cleaned_data
            ),
            success_url=case_url(case, partner=partner),
            success_message=lambda i: f"Done: {i.description}",
            context=_context(
                case,
                f"Mark done: {intervention.description}",
                partner,
                intervention=intervention,
                button="Mark done",
            ),
        )
    return form_page(
        request,
        form_class=UpdateForm,
        template=FORM,
        save=lambda form: services.intervention_update_add(
            intervention=intervention, actor=user, **form.cleaned_data
        ),
        success_url=case_url(case, partner=partner),
        success_message="Update added",
        context=_context(case, f"Update on: {intervention.description}", partner, intervention=intervention),
    )


def _team_intervention(request, pk: int) -> Intervention:
    intervention = get_intervention_for_user(request.user, pk, for_write=True)
    intervention.case = get_case_for_user(request.user, intervention.case_id)
    return intervention


@access(permission=MANAGE_CASES)
def intervention_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _intervention_forms(request, _team_intervention(request, pk), partner=False, kind="status")


@access(permission=MANAGE_CASES)
def intervention_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _intervention_forms(request, _team_intervention(request, pk), partner=False, kind="complete")


@access(permission=MANAGE_CASES)
def intervention_update_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _intervention_forms(request, _team_intervention(request, pk), partner=False, kind="update")


def _partner_intervention(request, pk: int) -> Intervention:
    """An intervention of the partner's own organisation on a case it is invited to; 404 otherwise."""
    intervention = get_intervention_for_user(request.user, pk)
    if (
        intervention.organisation_id is None
        or intervention.organisation_id != request.user.partner_organisation_id
    ):
        raise Http404("No such intervention of your organisation")
    intervention.case = get_case_for_user(request.user, intervention.case_id)
    return intervention


@access(permission=VIEW_INVITED_CASES)
def partner_intervention_status(request: HttpRequest, pk: int) -> HttpResponse:
    return _intervention_forms(request, _partner_intervention(request, pk), partner=True, kind="status")


@access(permission=VIEW_INVITED_CASES)
def partner_intervention_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _intervention_forms(request, _partner_intervention(request, pk), partner=True, kind="complete")


@access(permission=VIEW_INVITED_CASES)
def partner_intervention_update_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _intervention_forms(request, _partner_intervention(request, pk), partner=True, kind="update")


def _update_page(request, case: Case, partner: bool) -> HttpResponse:
    return form_page(
        request,
        form_class=UpdateForm,
        template=FORM,
        save=lambda form: services.case_update_add(case=case, actor=request.user, **form.cleaned_data),
        success_url=case_url(case, partner=partner),
        success_message="Update added",
        context=_context(case, "Add an update", partner),
    )


@access(permission=MANAGE_CASES)
def case_update_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _update_page(request, get_case_for_user(request.user, pk, for_write=True), partner=False)


@access(permission=VIEW_INVITED_CASES)
def partner_case_update_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _update_page(request, get_case_for_user(request.user, pk), partner=True)


@access(permission=REVIEW_CASES)
def case_review(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=ReviewForm,
        template=FORM,
        save=lambda form: services.case_review_record(case=case, actor=request.user, **form.cleaned_data),
        success_url=case_url(case),
        success_message=lambda r: f"Review recorded: the next is due by {r.next_due_on:%-d %B %Y}",
        context=_context(case, "Review the case", review_due=case.review_due_on, today=timezone.localdate()),
    )


@access(permission=INVITE_PARTNERS)
def case_invite(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, for_write=True)
    organisations = (
        PartnerOrganisation.objects.filter(boroughs=case.neighbourhood.borough_id)
        .exclude(pk__in=standing_invitations(case).values("organisation_id"))
        .order_by("name")
    )
    return form_page(
        request,
        form_class=InviteForm,
        template=FORM,
        save=lambda form: services.case_invite_organisation(
            case=case, actor=request.user, **form.cleaned_data
        ),
        success_url=case_url(case),
        success_message=lambda i: f"{i.organisation} invited: its users can now see the case",
        form_kwargs={"organisations": organisations},
        context=_context(case, "Invite a partner organisation", button="Invite"),
    )


@access(permission=INVITE_PARTNERS)
def case_remove_partner(request: HttpRequest, pk: int, organisation_pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, for_write=True)
    invitation = standing_invitations(case).filter(organisation_id=organisation_pk).first()
    if invitation is None:
        raise Http404("That organisation is not invited to this case")
    organisation = invitation.organisation
    return form_page(
        request,
        form_class=RemoveForm,
        template=FORM,
        save=lambda form: services.case_remove_organisation(
            case=case, organisation=organisation, actor=request.user
        ),
        success_url=case_url(case),
        success_message=f"{organisation} removed from the case",
        context=_context(case, f"Remove {organisation}", button="Remove"),
    )


@access(permission=MANAGE_CASES)
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk, for_write=True)
    return form_page(
        request,
        form_class=CloseForm,
        template=FORM,
        save=lambda form: services.case_close(case=case, actor=request.user, **form.cleaned_data),
        success_url=case_url(case),
        success_message="Case closed: it joins the good-practice library",
        context=_context(case, "Close the case", button="Close the case"),
    )
