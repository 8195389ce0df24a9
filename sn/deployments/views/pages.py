"""Deployments under Approach A. Every page fetches the deployment through
sn.deployments.permissions: out of the user's area, 404; in it but beyond the wards they may deploy
between, 403 on the pages that change it."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.core.parameters import bad_parameter
from sn.deployments.forms import CancelForm, DeploymentForm, EndForm, service_errors
from sn.deployments.models import Deployment
from sn.deployments.permissions import (
    DEPLOY_OFFICERS,
    VIEW_DEPLOYMENTS,
    deployment_wards,
    deployments_for_user,
    get_deployment_for_user,
    may_deploy,
)
from sn.deployments.selectors import cover_rows, deploy_wards, lent_by_deployment
from sn.deployments.services import deployment_cancel, deployment_create, deployment_end
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of

STATES = [("current", "Planned and active"), ("past", "Ended and cancelled"), ("all", "All")]


@access(permission=VIEW_DEPLOYMENTS)
def deployment_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "current")
    if state not in dict(STATES):
        return bad_parameter(request, name="state", value=state, error="Choose current, past or all")
    today = timezone.localdate()
    queryset = deployments_for_user(request.user).select_related("neighbourhood__cluster", "case", "priority")
    if state == "current":
        queryset = queryset.filter(status__in=[Deployment.Status.PLANNED, Deployment.Status.ACTIVE])
    elif state == "past":
        queryset = queryset.filter(status__in=[Deployment.Status.ENDED, Deployment.Status.CANCELLED])
    deployments = list(queryset.order_by("-starts_on", "-id")[:500])
    lent = lent_by_deployment(deployments)
    rows = [{"deployment": d, "lent": lent.get(d.pk, []), "state": d.state_label(today)} for d in deployments]
    return render(
        request,
        "deployments/list.html",
        {
            "rows": rows,
            "state": state,
            "states": STATES,
            "can_deploy": has_permission(request.user, DEPLOY_OFFICERS),
        },
    )


@access(permission=VIEW_DEPLOYMENTS)
def deployment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    deployment = get_deployment_for_user(request.user, pk)
    today = timezone.localdate()
    lent = list(deployment.lent.select_related("officer", "home_team__neighbourhood"))
    return render(
        request,
        "deployments/detail.html",
        {
            "deployment": deployment,
            "lent": lent,
            "state": deployment.state_on(today),
            "state_label": deployment.state_label(today),
            "cover": cover_rows(deployment),
            "can_change": deployment.in_force and may_deploy(request.user, deployment_wards(deployment)),
        },
    )


def _receiving_ward(request: HttpRequest) -> tuple[Neighbourhood | None, HttpResponse | None]:
    code = request.GET.get("ward", "")
    if not code:
        return None, None
    ward = (
        scope_of(request.user)
        .neighbourhoods(Neighbourhood.objects.select_related("cluster"))
        .filter(code=code)
    )
    ward = ward.first()
    if ward is None:
        return None, bad_parameter(request, name="ward", value=code, error="Choose a ward from the list")
    return ward, None


@access(permission=DEPLOY_OFFICERS)
def deployment_new(request: HttpRequest) -> HttpResponse:
    ward, refusal = _receiving_ward(request)
    if refusal:
        return refusal
    scope = scope_of(request.user)
    if ward is None:
        wards = scope.neighbourhoods(Neighbourhood.objects.select_related("borough")).order_by(
            "borough__name", "name"
        )
        return render(request, "deployments/choose_ward.html", {"wards": wards})
    today = timezone.localdate()

    def save(form: DeploymentForm) -> Deployment:
        try:
            return deployment_create(
                actor=request.user,
                neighbourhood=ward,
                starts_on=form.cleaned_data.get("starts_on"),
                ends_on=form.cleaned_data.get("ends_on"),
                officers=form.chosen_officers(),
                reason=form.cleaned_data.get("reason") or "",
                **form.problem_objects(),
            )
        except ValidationError as error:
            raise service_errors(error, form.fields, {"case": "problem", "priority": "problem"}) from error

    return form_page(
        request,
        form_class=DeploymentForm,
        template="deployments/new.html",
        save=save,
        success_url=lambda d: reverse("deployments:detail", args=[d.pk]),
        success_message=lambda d: f"{d.reference}: officers lent to {d.neighbourhood.name}",
        form_kwargs={"neighbourhood": ward, "from_wards": deploy_wards(scope, ward), "on": today},
        context={"ward": ward},
    )


def _change_page(
    request: HttpRequest, pk: int, *, form_class, template: str, call, done: str
) -> HttpResponse:
    deployment = get_deployment_for_user(request.user, pk, for_change=True)

    def save(form):
        try:
            return call(deployment, form.cleaned_data)
        except ValidationError as error:
            raise service_errors(error, form.fields, {}) from error

    return form_page(
        request,
        form_class=form_class,
        template=template,
        save=save,
        success_url=reverse("deployments:detail", args=[deployment.pk]),
        success_message=f"{deployment.reference} {done}",
        context={"deployment": deployment},
    )


@access(permission=DEPLOY_OFFICERS)
def deployment_end_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_page(
        request,
        pk,
        form_class=EndForm,
        template="deployments/end.html",
        call=lambda d, data: deployment_end(
            deployment=d, actor=request.user, results=data.get("results") or "", ended_on=data.get("ended_on")
        ),
        done="ended and its results recorded",
    )


@access(permission=DEPLOY_OFFICERS)
def deployment_cancel_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_page(
        request,
        pk,
        form_class=CancelForm,
        template="deployments/cancel.html",
        call=lambda d, data: deployment_cancel(
            deployment=d, actor=request.user, reason=data.get("reason") or ""
        ),
        done="cancelled",
    )
