"""Writes of supervision: making a proposal with the model, and adopting it through the postings.

Both are atomic and audited; a refusal (a target no arrangement meets, a role below the one required,
a proposal whose postings have changed) writes nothing and says why, naming the field."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sn.core.access import has_permission
from sn.core.audit import audit_actor, record_bulk_create
from sn.crime.demand import DemandRanking
from sn.geography.models import Borough
from sn.geography.scope import scope_of
from sn.supervision.models import SupervisionGroup, SupervisionGroupWard, SupervisionProposal
from sn.supervision.permissions import ADOPT_SUPERVISION, PROPOSE_SUPERVISION
from sn.supervision.selectors import (
    AreaFacts,
    area_facts,
    figures_of,
    postings_fingerprint,
    today_figures,
)
from sn.supervision.solver import (
    DEFAULT_BUSIEST_SHARE,
    DEFAULT_MAX_SIZE,
    DEFAULT_STAFF_WEIGHT,
    Ward,
    greedy_partition,
    partition_cost,
    propose_partition,
)
from sn.teams.models import Officer, Posting, Team
from sn.teams.services import posting_create, posting_end
from sn.workforce.services.postings import duties_after_posting_withdraw


def max_wards_per_sergeant() -> int:
    return int(getattr(settings, "SN_MAX_WARDS_PER_SERGEANT", DEFAULT_MAX_SIZE))


def busiest_share() -> float:
    """The share of the busiest wards that keep their own sergeant (SN_SUPERVISION_BUSIEST_SHARE)."""
    return float(getattr(settings, "SN_SUPERVISION_BUSIEST_SHARE", DEFAULT_BUSIEST_SHARE))


def _is_user(actor) -> bool:
    return actor is not None and not isinstance(actor, str) and getattr(actor, "is_authenticated", False)


def _check_area(actor, borough: Borough | None, permission: str, doing: str) -> None:
    """A user acting must hold the permission and reach the area (the force: force-wide roles only).
    A system actor (the demo, a command) is not a user and is not checked."""
    if not _is_user(actor):
        return
    scope = scope_of(actor)
    if not has_permission(actor, permission):
        raise PermissionDenied(f"Your role cannot {doing}.")
    if borough is None and not scope.everything:
        raise PermissionDenied(f"Only the central unit can {doing} for the whole force.")
    if borough is not None and not (scope.everything or borough.id in scope.borough_ids):
        raise PermissionDenied(f"You cannot {doing} for {borough.name}.")


def _assign_sergeants(facts: AreaFacts, groups: list[tuple[int, ...]]) -> list[int | None]:
    """The sergeant kept for each group (busiest group first): of those posted to its teams today and
    not kept elsewhere, the one posted to most of its wards, then to the most demand, then the lowest
    officer id. A group none of whose sergeants is left gets one of the area's other sergeants, from
    its own cluster first; None when the area has no sergeant left (a post to fill)."""
    posted: dict[int, set[int]] = {}
    clusters_of: dict[int, set] = {}
    for posting in facts.sergeant_postings:
        posted.setdefault(posting.ward_id, set()).add(posting.officer_id)
        clusters_of.setdefault(posting.officer_id, set()).add(facts.wards[posting.ward_id].cluster_id)
    kept: set[int] = set()
    result: list[int | None] = []
    for group in groups:
        covered: dict[int, tuple[int, float]] = {}
        for ward_id in group:
            for officer_id in posted.get(ward_id, ()):
                count, demand = covered.get(officer_id, (0, 0.0))
                covered[officer_id] = (count + 1, demand + facts.wards[ward_id].demand)
        choices = [(n, demand, -officer) for officer, (n, demand) in covered.items() if officer not in kept]
        officer_id = -max(choices)[2] if choices else None
        if officer_id is not None:
            kept.add(officer_id)
        result.append(officer_id)
    for index, group in enumerate(groups):
        if result[index] is not None:
            continue
        cluster = facts.wards[group[0]].cluster_id
        spare = sorted((cluster not in clusters_of[o], o) for o in clusters_of if o not in kept)
        if spare:
            result[index] = spare[0][1]
            kept.add(spare[0][1])
    return result


def _plan(facts: AreaFacts, groups: list[tuple[int, ...]], kept: list[int | None]) -> dict:
    """The postings adoption makes and ends, and the sergeants it releases for redeployment."""
    keeper_of = {ward_id: officer for group, officer in zip(groups, kept, strict=True) for ward_id in group}
    current = {(p.officer_id, p.ward_id) for p in facts.sergeant_postings}
    post = [
        [officer, facts.wards[ward_id].team_id]
        for ward_id, officer in sorted(keeper_of.items())
        if officer is not None and (officer, ward_id) not in current and facts.wards[ward_id].team_id
    ]
    end = [p.posting_id for p in facts.sergeant_postings if keeper_of.get(p.ward_id) != p.officer_id]
    kept_ids = {officer for officer in kept if officer is not None}
    released = sorted({p.officer_id for p in facts.sergeant_postings} - kept_ids)
    return {"post": post, "end": end, "released": released}


@transaction.atomic
def proposal_create(
    *,
    borough: Borough | None,
    target: int,
    actor=None,
    on: date | None = None,
    ranking: DemandRanking | None = None,
    facts: AreaFacts | None = None,
    deterministic_limit: float = 5.0,
    time_limit: float = 60.0,
) -> SupervisionProposal:
    """Run the supervision model for a borough (None: the force) and keep its proposal. A target no
    arrangement meets is refused with the range that can be met. A caller making many proposals at
    once passes the force's demand `ranking`, or each area's `facts` (sn.supervision.selectors)."""
    area_name = borough.name if borough else "the force"
    _check_area(actor, borough, PROPOSE_SUPERVISION, "run the supervision model")
    if target < 1:
        raise ValidationError({"target": "The target must be at least one sergeant."})
    on = on or timezone.localdate()
    facts = facts or area_facts(borough=borough, on=on, ranking=ranking)
    if not facts.wards:
        raise ValidationError({"target": f"{area_name} has no wards to supervise."})
    wards = [Ward(w.id, w.cluster_id, w.demand, w.staff) for w in facts.wards.values()]
    max_size, share = max_wards_per_sergeant(), busiest_share()
    partition = propose_partition(
        wards,
        facts.neighbours,
        target,
        max_size=max_size,
        busiest_share=share,
        deterministic_limit=deterministic_limit,
        time_limit=time_limit,
    )
    if not partition.solved:
        raise ValidationError({"target": f"{area_name}: {partition.message}"})
    greedy = greedy_partition(wards, facts.neighbours, target, max_size=max_size, busiest_share=share)
    groups = sorted(
        partition.groups,
        key=lambda g: (-sum(facts.wards[i].demand for i in g), min(facts.wards[i].code for i in g)),
    )
    kept = _assign_sergeants(facts, groups)
    loads = [(sum(facts.wards[i].demand for i in g), sum(facts.wards[i].staff for i in g)) for g in groups]
    with audit_actor(actor):
        proposal = SupervisionProposal.objects.create(
            borough=borough,
            target=target,
            as_at=on,
            demand_start=facts.demand_start,
            demand_end=facts.demand_end,
            max_wards_per_sergeant=max_size,
            busiest_share=share,
            objective=partition.cost,
            baseline_objective=partition_cost(wards, greedy, DEFAULT_STAFF_WEIGHT)
            if len(greedy) == target
            else None,
            solver_status=partition.status,
            solve_seconds=round(partition.seconds, 3),
            figures={"before": today_figures(facts), "after": figures_of(loads)},
            plan=_plan(facts, groups, kept),
            postings_fingerprint=facts.fingerprint,
        )
        made = SupervisionGroup.objects.bulk_create(
            [
                SupervisionGroup(
                    proposal=proposal,
                    number=number,
                    cluster_id=facts.wards[group[0]].cluster_id,
                    kept_sergeant_id=officer,
                    demand=round(demand, 3),
                    staff=staff,
                )
                for number, (group, officer, (demand, staff)) in enumerate(
                    zip(groups, kept, loads, strict=True), start=1
                )
            ]
        )
        record_bulk_create(SupervisionGroup, made, f"supervision proposal {proposal.pk}")
        members = SupervisionGroupWard.objects.bulk_create(
            [
                SupervisionGroupWard(group=group, neighbourhood_id=ward_id)
                for group, ward_ids in zip(made, groups, strict=True)
                for ward_id in ward_ids
            ]
        )
        record_bulk_create(SupervisionGroupWard, members, f"supervision proposal {proposal.pk}")
    return proposal


def _overlapping(proposal: SupervisionProposal):
    """Other open proposals over any of the same wards: the force's overlaps every borough's."""
    others = SupervisionProposal.objects.filter(status=SupervisionProposal.Status.PROPOSED).exclude(
        pk=proposal.pk
    )
    if proposal.borough_id is None:
        return others
    return others.filter(Q(borough_id=proposal.borough_id) | Q(borough__isnull=True))


def proposal_is_stale(proposal: SupervisionProposal) -> bool:
    return postings_fingerprint(proposal.borough, proposal.as_at) != proposal.postings_fingerprint


@transaction.atomic
def proposal_adopt(*, proposal: SupervisionProposal, actor, on: date | None = None) -> SupervisionProposal:
    """Adopt a proposal: each group's kept sergeant is posted to all its teams and the other sergeants'
    postings to those teams end the day before; open proposals over the same wards are superseded."""
    _check_area(actor, proposal.borough, ADOPT_SUPERVISION, "adopt a supervision proposal")
    proposal = SupervisionProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != SupervisionProposal.Status.PROPOSED:
        raise ValidationError(
            {
                "proposal": f"This proposal is {proposal.get_status_display().lower()}; "
                "only a proposed one can be adopted."
            }
        )
    if proposal_is_stale(proposal):
        raise ValidationError(
            {
                "proposal": f"Postings in {proposal.area_name} have changed since this proposal was made on "
                f"{proposal.as_at:%-d %B %Y}; run the model again."
            }
        )
    on = on or timezone.localdate()
    plan = proposal.plan
    with audit_actor(actor):
        teams = Team.objects.in_bulk({team for _, team in plan["post"]})
        officers = Officer.objects.in_bulk({officer for officer, _ in plan["post"]})
        for officer_id, team_id in plan["post"]:
            posting_create(officer=officers[officer_id], team=teams[team_id], start_date=on, actor=actor)
        for posting in (
            Posting.objects.filter(pk__in=plan["end"]).select_related("officer", "team").order_by("pk")
        ):
            if posting.end_date is not None and posting.end_date < on:
                continue  # it lapsed by itself since the proposal was made
            end_date = max(posting.start_date, on - timedelta(days=1))
            posting_end(posting=posting, end_date=end_date, actor=actor)
            # The released sergeant's rostered duties for the team after the posting ends go with it.
            duties_after_posting_withdraw(
                officer=posting.officer, team=posting.team, last_day=end_date, actor=actor
            )
        proposal.status = SupervisionProposal.Status.ADOPTED
        proposal.adopted_by = actor if _is_user(actor) else None
        proposal.adopted_at = timezone.now()
        # The postings changed on purpose: the adopted proposal matches them.
        proposal.postings_fingerprint = postings_fingerprint(proposal.borough, proposal.as_at)
        proposal.save(
            update_fields=["status", "adopted_by", "adopted_at", "postings_fingerprint", "modified_at"]
        )
        for other in _overlapping(proposal):
            other.status = SupervisionProposal.Status.SUPERSEDED
            other.save(update_fields=["status", "modified_at"])
    return proposal
