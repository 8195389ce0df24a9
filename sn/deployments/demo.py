"""The demo force's deployments under Approach A: a handful in every borough, made through the service
so that the cover rule holds against the demo duties (sn.workforce.demo, rostered to four weeks after
today).

In each borough: deployments that ended with their results (made on their first day and ended on their
last, as the service would have been called then), one active now and one planned, each lending a PC or
a PCSO from a ward to a neighbouring ward of the same cluster for an open case or active priority of the
receiving ward. A choice the cover rule refuses (a thin ward whose other PC is on leave that week) is
passed over for the next, as an inspector would. Deterministic for a seed and `today`.
"""

import random
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.accounts.models import User
from sn.core.roles import Role
from sn.deployments.models import Deployment
from sn.deployments.selectors import LENDABLE_RANKS
from sn.deployments.services import deployment_create, deployment_end
from sn.geography.models import Borough, Neighbourhood
from sn.panels.models import Priority
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.problemsolving.models import Case
from sn.teams.selectors import active_postings

# (first day, last day) relative to today, and whether it has ended: two past, one now, one ahead.
PLAN = (
    (-49, -38, True),
    (-24, -14, True),
    (-4, 9, False),
    (8, 20, False),
)
TRIES_PER_DEPLOYMENT = 6
REASONS = (
    "Evening patrols at the hot spots the analysis found, with the receiving team",
    "Visible presence on the estate at school closing time, and visits to repeat victims",
    "Weekend patrols of the high street and licensed premises with the licensing officer",
    "House-to-house visits and crime prevention advice in the streets worst affected",
)
RESULTS = (
    "Incidents in the area fell over the period against the four weeks before; two arrests, and the "
    "panel reported residents noticing the patrols.",
    "Thirty-one crime prevention visits made; one repeat victim target-hardened with the council; the "
    "case moved on to its assessment.",
    "Street drinking at the parade stopped on the patrolled evenings; the licensing review is under way "
    "with the partners.",
    "Reports fell in the first week and came back in the second; the tasking group asked the team for "
    "a longer response through the partnership.",
)


def _problems() -> dict[int, list[tuple[str, object]]]:
    """The open cases and active priorities of every ward, by ward id."""
    found: dict[int, list[tuple[str, object]]] = defaultdict(list)
    for case in Case.objects.exclude(stage=Case.Stage.CLOSED).order_by("id"):
        found[case.neighbourhood_id].append(("case", case))
    for priority in Priority.objects.filter(status__in=HOLDING_A_PLACE, case__isnull=True).order_by("id"):
        found[priority.neighbourhood_id].append(("priority", priority))
    return found


def _lendable(today: date) -> dict[int, list]:
    """The PCs and PCSOs posted to each ward's team, by ward id."""
    by_ward: dict[int, list] = defaultdict(list)
    postings = (
        active_postings(on=today - timedelta(days=60))
        .filter(officer__rank__in=LENDABLE_RANKS, officer__archived_at__isnull=True)
        .select_related("officer", "team")
        .order_by("officer_id")
    )
    for posting in postings:
        by_ward[posting.team.neighbourhood_id].append(posting.officer)
    return by_ward


def _pairs(borough: Borough, wards: dict[int, Neighbourhood], problems, lendable) -> list[tuple]:
    """(receiving ward, home ward) of neighbouring wards of one cluster, where the receiving ward has a
    problem and the home ward more than one PC or PCSO."""
    pairs = []
    edges = Neighbourhood.neighbours.through.objects.filter(from_neighbourhood__borough=borough).values_list(
        "from_neighbourhood_id", "to_neighbourhood_id"
    )
    for receiving_id, home_id in edges.order_by("from_neighbourhood_id", "to_neighbourhood_id"):
        receiving, home = wards.get(receiving_id), wards.get(home_id)
        if receiving is None or home is None or receiving.cluster_id is None:
            continue
        if (
            receiving.cluster_id == home.cluster_id
            and problems.get(receiving_id)
            and len(lendable[home_id]) > 1
        ):
            pairs.append((receiving, home))
    return pairs


def _attempt(rng, actor, receiving, home, problems, lendable, first: date, last: date, today: date):
    kind, problem = rng.choice(problems[receiving.pk])
    officer = rng.choice(lendable[home.pk])
    made_on = min(first, today)
    return deployment_create(
        actor=actor,
        neighbourhood=receiving,
        starts_on=first,
        ends_on=last,
        officers=[officer],
        reason=rng.choice(REASONS),
        today=made_on,
        **{kind: problem},
    )


@transaction.atomic
def deployments_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    started = time.monotonic()
    today = today or timezone.localdate()
    actor = User.objects.filter(role=Role.CENTRAL_UNIT, is_active=True).order_by("id").first()
    if actor is None:
        return "no central unit user: no deployments"
    rng = random.Random(f"deployments-{seed}-{today.isoformat()}")
    wards = {w.pk: w for w in Neighbourhood.objects.filter(cluster__isnull=False)}
    problems, lendable = _problems(), _lendable(today)
    made: dict[str, int] = defaultdict(int)
    refused = 0
    for borough in Borough.objects.order_by("code"):
        pairs = _pairs(borough, wards, problems, lendable)
        rng.shuffle(pairs)
        for start, end, ends in PLAN:
            first, last = today + timedelta(days=start), today + timedelta(days=end)
            for receiving, home in pairs[:TRIES_PER_DEPLOYMENT]:
                try:
                    deployment = _attempt(rng, actor, receiving, home, problems, lendable, first, last, today)
                except ValidationError:
                    refused += 1
                    continue
                if ends:
                    deployment_end(
                        deployment=deployment,
                        actor=actor,
                        results=rng.choice(RESULTS),
                        ended_on=last,
                        today=last,
                    )
                made[deployment.state_on(today)] += 1
                pairs.remove((receiving, home))
                break
    total = Deployment.objects.count()
    summary = (
        f"{total} deployments ({made['ended']} ended with results, {made['active']} active, "
        f"{made['planned']} planned); {refused} choices refused by the cover rule"
    )
    progress(f"  Deployments ready in {time.monotonic() - started:.1f} s: {summary}.")
    return summary
