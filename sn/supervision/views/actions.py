"""Running the model for a target, and adopting a proposal. Each GET shows the form; the POST acts and
goes to the proposal, or shows the form again with the reason it was refused."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from sn.core.access import access, require_permission
from sn.geography.models import Borough, Neighbourhood
from sn.geography.permissions import VIEW_FORCE_OVERVIEW
from sn.geography.selectors import get_borough_for_user
from sn.supervision.forms import TargetForm
from sn.supervision.models import SupervisionProposal
from sn.supervision.permissions import ADOPT_SUPERVISION, PROPOSE_SUPERVISION
from sn.supervision.presenting import plan_view
from sn.supervision.selectors import get_proposal_for_user, seed_ratio_target
from sn.supervision.services import (
    max_wards_per_sergeant,
    proposal_adopt,
    proposal_create,
    proposal_is_stale,
)


def _propose(request: HttpRequest, area: Borough | None) -> HttpResponse:
    wards = (area.neighbourhoods if area else Neighbourhood.objects).count()
    form = TargetForm(request.POST or None, initial={"target": seed_ratio_target(wards)})
    if request.method == "POST" and form.is_valid():
        try:
            made = proposal_create(borough=area, target=form.cleaned_data["target"], actor=request.user)
        except ValidationError as refused:
            for field, errors in refused.message_dict.items():
                for error in errors:
                    form.add_error(field if field in form.fields else None, error)
        else:
            messages.success(
                request,
                f"The model proposes {made.target} sergeants for {made.area_name} ({made.solver_status}).",
            )
            return redirect("supervision:proposal", pk=made.pk)
    name = area.name if area else "the force"
    return render(
        request,
        "supervision/propose.html",
        {
            "title": f"Run the supervision model for {name}",
            "form": form,
            "area": area,
            "wards": wards,
            "max_wards": max_wards_per_sergeant(),
        },
    )


@access(permission=PROPOSE_SUPERVISION)
def borough_propose(request: HttpRequest, code: str) -> HttpResponse:
    return _propose(request, get_borough_for_user(request.user, code))


@access(permission=VIEW_FORCE_OVERVIEW)
def force_propose(request: HttpRequest) -> HttpResponse:
    require_permission(request, PROPOSE_SUPERVISION)
    return _propose(request, None)


@access(permission=ADOPT_SUPERVISION)
def proposal_adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, pk)
    if proposal.borough_id is None:
        require_permission(request, VIEW_FORCE_OVERVIEW)
    error = ""
    if request.method == "POST":
        try:
            proposal_adopt(proposal=proposal, actor=request.user, on=timezone.localdate())
        except ValidationError as refused:
            error = " ".join(e for errors in refused.message_dict.values() for e in errors)
        else:
            messages.success(
                request, f"Proposal {proposal.pk} adopted: the sergeants' postings have changed."
            )
            return redirect("supervision:proposal", pk=proposal.pk)
    stale = proposal.status == SupervisionProposal.Status.PROPOSED and proposal_is_stale(proposal)
    return render(
        request,
        "supervision/adopt.html",
        {
            "title": f"Adopt supervision proposal {proposal.pk}",
            "proposal": proposal,
            "plan": plan_view(proposal),
            "stale": stale,
            "error": error,
        },
        status=400 if error else 200,
    )
