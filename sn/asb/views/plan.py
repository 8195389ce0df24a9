"""The pages of the force's ASB lead and action plan (see sn.asb.views)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from sn.asb.forms import ActionForm, LeadForm
from sn.asb.models import AsbAction
from sn.asb.permissions import EDIT_ASB_PLAN, SET_ASB_LEAD, VIEW_ASB_PLAN, may_edit_action
from sn.asb.selectors import current_lead, plan_progress
from sn.asb.services import asb_action_save, asb_lead_set
from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.geography.scope import scope_of
from sn.problemsolving.models import Case


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
        return asb_lead_set(
            actor=request.user,
            name=data.get("name") or "",
            role_title=data.get("role_title") or "",
            email=data.get("email") or "",
            starts_on=data.get("starts_on"),
        )

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
