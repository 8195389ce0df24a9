"""The supervision pages: a borough's (today's arrangement beside the latest proposal), a cluster's (the
same, for an inspector), one proposal's, and the force's (the central unit)."""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sn.core.access import access, has_permission, require_permission
from sn.geography.models import Borough, Neighbourhood
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW, VIEW_FORCE_OVERVIEW
from sn.geography.scope import scope_of
from sn.geography.selectors import get_borough_for_user, get_cluster_for_user
from sn.supervision.forms import TargetForm
from sn.supervision.models import SupervisionProposal
from sn.supervision.permissions import ADOPT_SUPERVISION, PROPOSE_SUPERVISION, VIEW_SUPERVISION
from sn.supervision.presenting import (
    figure_rows,
    objective_note,
    plan_view,
    proposed_arrangement,
    todays_arrangement,
)
from sn.supervision.selectors import (
    area_facts,
    get_proposal_for_user,
    latest_proposal,
    proposals_for_user,
    seed_ratio_target,
)
from sn.supervision.services import proposal_is_stale


def _may_adopt(user, proposal: SupervisionProposal | None) -> bool:
    if proposal is None or proposal.status != SupervisionProposal.Status.PROPOSED:
        return False
    if not has_permission(user, ADOPT_SUPERVISION):
        return False
    scope = scope_of(user)
    return scope.everything or (proposal.borough_id is not None and proposal.borough_id in scope.borough_ids)


def _may_propose(user, borough: Borough | None) -> bool:
    if not has_permission(user, PROPOSE_SUPERVISION):
        return False
    scope = scope_of(user)
    return scope.everything or (borough is not None and borough.id in scope.borough_ids)


def proposal_context(request: HttpRequest, facts, proposal: SupervisionProposal | None, **extra) -> dict:
    """Today's arrangement and the proposal, side by side, with what the user may do about them."""
    cluster = extra.get("cluster")
    cluster_id = cluster.id if cluster else None
    with_map = facts.borough is not None or cluster is not None
    today = todays_arrangement(facts, cluster_id=cluster_id, with_map=with_map)
    proposed = (
        proposed_arrangement(facts, proposal, cluster_id=cluster_id, with_map=with_map) if proposal else None
    )
    stale = (
        proposal is not None
        and proposal.status == SupervisionProposal.Status.PROPOSED
        and proposal_is_stale(proposal)
    )
    return {
        "facts": facts,
        "today": today,
        "proposed": proposed,
        "proposal": proposal,
        "figures": figure_rows(today.figures, proposed.figures if proposed else None),
        "objective_note": objective_note(proposal) if proposal else "",
        "plan": plan_view(proposal) if proposal and cluster is None else None,
        "stale": stale,
        "may_adopt": _may_adopt(request.user, proposal) and not stale,
        "with_map": with_map,
        **extra,
    }


@access(permission=VIEW_BOROUGH_OVERVIEW)
def borough(request: HttpRequest, code: str) -> HttpResponse:
    require_permission(request, VIEW_SUPERVISION)
    area = get_borough_for_user(request.user, code)
    facts = area_facts(borough=area, on=timezone.localdate())
    proposal = latest_proposal(area)
    context = proposal_context(request, facts, proposal, borough=area)
    may_propose = _may_propose(request.user, area)
    return render(
        request,
        "supervision/area.html",
        {
            **context,
            "title": f"Supervision: {area.name}",
            "area": area,
            "form": TargetForm(initial={"target": seed_ratio_target(len(facts.wards))})
            if may_propose
            else None,
            "earlier": proposals_for_user(request.user).filter(borough=area)[:10],
        },
    )


@access(permission=VIEW_SUPERVISION)
def cluster(request: HttpRequest, code: str) -> HttpResponse:
    area = get_cluster_for_user(request.user, code)
    facts = area_facts(borough=area.borough, on=timezone.localdate())
    proposal = latest_proposal(area.borough)
    context = proposal_context(request, facts, proposal, cluster=area)
    return render(
        request,
        "supervision/area.html",
        {**context, "title": f"Supervision: {area.name}", "area": area, "may_adopt": False},
    )


@access(permission=VIEW_BOROUGH_OVERVIEW)
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    require_permission(request, VIEW_SUPERVISION)
    found = get_proposal_for_user(request.user, pk)
    facts = area_facts(borough=found.borough, on=timezone.localdate())
    context = proposal_context(request, facts, found, borough=found.borough)
    return render(
        request,
        "supervision/area.html",
        {
            **context,
            "title": f"Supervision proposal {found.pk}: {found.area_name}",
            "area": found.borough,
            "single": True,
        },
    )


@access(permission=VIEW_FORCE_OVERVIEW)
def force(request: HttpRequest) -> HttpResponse:
    """Each borough's sergeants today and its latest proposal, the force's totals, and the force's own
    latest proposal."""
    require_permission(request, VIEW_SUPERVISION)
    facts = area_facts(borough=None, on=timezone.localdate())
    by_borough: dict[int, dict] = {}
    wards = dict(
        Neighbourhood.objects.values_list("borough_id").annotate(n=Count("id")).values_list("borough_id", "n")
    )
    ward_borough = dict(Neighbourhood.objects.values_list("id", "borough_id"))
    sergeants: dict[int, set[int]] = {}
    for posting in facts.sergeant_postings:
        sergeants.setdefault(ward_borough[posting.ward_id], set()).add(posting.officer_id)
    latest = {}
    for found in SupervisionProposal.objects.exclude(status=SupervisionProposal.Status.SUPERSEDED).filter(
        borough__isnull=False
    ):
        latest.setdefault(found.borough_id, found)  # newest first
    for area in Borough.objects.order_by("name"):
        found = latest.get(area.id)
        by_borough[area.id] = {
            "borough": area,
            "wards": wards.get(area.id, 0),
            "sergeants": len(sergeants.get(area.id, ())),
            "seed_target": seed_ratio_target(wards.get(area.id, 0)),
            "proposal": found,
        }
    rows = list(by_borough.values())
    totals = {
        "wards": sum(r["wards"] for r in rows),
        "sergeants": len({p.officer_id for p in facts.sergeant_postings}),
        "seed_target": seed_ratio_target(len(facts.wards)),
        "proposed": sum(r["proposal"].target for r in rows if r["proposal"]),
        "with_proposal": sum(1 for r in rows if r["proposal"]),
    }
    force_proposal = latest_proposal(None)
    return render(
        request,
        "supervision/force.html",
        {
            "title": "Supervision: the force",
            "rows": rows,
            "totals": totals,
            "force_proposal": force_proposal,
            "figures": figure_rows(
                force_proposal.figures.get("before", {}) if force_proposal else {},
                force_proposal.figures.get("after") if force_proposal else None,
            ),
            "objective_note": objective_note(force_proposal) if force_proposal else "",
            "form": TargetForm(initial={"target": totals["seed_target"]}),
            "earlier": proposals_for_user(request.user).filter(borough__isnull=True)[:10],
        },
    )
