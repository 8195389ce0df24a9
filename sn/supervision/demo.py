"""The demo force's supervision: a proposal (not adopted) for every borough at the 2011 review's ratio
(480 sergeants for 630 teams), so that every borough's supervision page shows one beside today's
arrangement. The model is deterministic (one solver worker, deterministic limits), so the same force
and day give the same proposals; the force's facts (demand, staff, postings) are read once and split
by borough."""

import time
from collections.abc import Callable
from datetime import date

from django.db.models import Count
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.geography.models import Borough
from sn.supervision.models import SupervisionProposal
from sn.supervision.selectors import area_facts, facts_by_borough, seed_ratio_target
from sn.supervision.services import proposal_create

SOURCE = "supervision-demo"


def supervision_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    started = time.perf_counter()
    today = today or timezone.localdate()
    if SupervisionProposal.objects.exists():
        return "supervision proposals already present; left as they are"
    by_borough = facts_by_borough(area_facts(borough=None, on=today))
    boroughs = list(
        Borough.objects.annotate(wards=Count("neighbourhoods")).filter(wards__gt=0).order_by("name")
    )
    sergeants = proposed = 0
    with audit_actor(SOURCE):
        for borough in boroughs:
            proposal = proposal_create(
                borough=borough,
                target=seed_ratio_target(borough.wards),
                on=today,
                facts=by_borough[borough.id],
                deterministic_limit=2.0,
            )
            sergeants += proposal.figures["before"]["sergeants"]
            proposed += proposal.target
            today_count = proposal.figures["before"]["sergeants"]
            progress(f"  {borough.name}: {today_count} sergeants today, {proposal.target} proposed")
    seconds = time.perf_counter() - started
    return (
        f"{len(boroughs)} borough proposals at the review's ratio: {proposed} sergeants for "
        f"{sum(b.wards for b in boroughs)} teams ({sergeants} posted today), in {seconds:.1f} s"
    )
