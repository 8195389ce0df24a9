"""The demo force's deployments under Approach A: a handful in every borough, checked by the same cover
rule as the service (sn.deployments.cover.refusals) against the demo duties (sn.workforce.demo,
rostered to four weeks after today).

In each borough: two deployments that ended with their results, one active now and one planned, each
lending a PC or a PCSO from a ward to a neighbouring ward of the same cluster for an open case or active
priority of the receiving ward. A choice the cover rule refuses (a thin ward whose other PC is on leave
that week) is passed over for the next, as an inspector would.

The service's other refusals hold by construction (one problem of the receiving ward, an end date,
an officer posted to a neighbouring ward of the cluster and lent once at a time). The service runs a
dozen queries a deployment, so the demo does the same work in memory and writes in bulk: the
deployments, lent officers, grants for officers with accounts, panel notices and the moved duties,
each table audited as one event (the duties' move one event a deployment). Deterministic for a seed
and `today`.
"""

import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from sn.accounts.models import AccessGrant, User
from sn.core.audit import audit_actor, record_bulk_create, record_change
from sn.core.roles import Role
from sn.deployments import cover
from sn.deployments.models import Deployment, LentOfficer
from sn.deployments.selectors import LENDABLE_RANKS
from sn.geography.models import Borough, Neighbourhood
from sn.panels.models import Meeting, Panel, PanelNotice, Priority
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.problemsolving.models import Case
from sn.teams.models import Officer, Team
from sn.teams.selectors import active_postings
from sn.workforce.models import Duty, DutyCode

# (first day, last day) relative to today, and whether it has ended: two past, one now, one ahead.
PLAN = (
    (-49, -38, True),
    (-24, -14, True),
    (-4, 9, False),
    (8, 20, False),
)
TRIES_PER_DEPLOYMENT = 6
SOURCE = "deployments-demo"
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


def _problems() -> dict[int, list[tuple[str, int]]]:
    """The open cases and active priorities of every ward, as ("case_id" or "priority_id", id), by ward."""
    found: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for case_id, ward_id in (
        Case.objects.exclude(stage=Case.Stage.CLOSED).order_by("id").values_list("id", "neighbourhood_id")
    ):
        found[ward_id].append(("case_id", case_id))
    priorities = Priority.objects.filter(status__in=HOLDING_A_PLACE, case__isnull=True).order_by("id")
    for priority_id, ward_id in priorities.values_list("id", "neighbourhood_id"):
        found[ward_id].append(("priority_id", priority_id))
    return found


def _lendable(today: date) -> dict[int, list[int]]:
    """The ids of the PCs and PCSOs posted to each ward's team, by ward id."""
    by_ward: dict[int, list[int]] = defaultdict(list)
    postings = (
        active_postings(on=today - timedelta(days=60))
        .filter(officer__rank__in=LENDABLE_RANKS, officer__archived_at__isnull=True)
        .order_by("officer_id")
        .values_list("team__neighbourhood_id", "officer_id")
    )
    for ward_id, officer_id in postings:
        by_ward[ward_id].append(officer_id)
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


def _team_duties(
    team_id: int, first: date, last: date, on_duty: list[int], ranks: dict[int, str]
) -> tuple[list[cover.Stint], dict[int, list[int]]]:
    """The team's on-duty stints on its ward first..last (a day either side, for duties past midnight),
    and the ids of each officer's on-duty duties in first..last (those a deployment moves)."""
    rows = Duty.objects.filter(
        team_id=team_id,
        date__gte=first - timedelta(days=1),
        date__lte=last + timedelta(days=1),
        code_id__in=on_duty,
    ).values_list("id", "officer_id", "date", "starts_at", "ends_at")
    stints, ids = [], defaultdict(list)
    zone = timezone.get_current_timezone()
    for duty_id, officer_id, day, starts_at, ends_at in rows:
        rank = ranks.get(officer_id, "")
        local_start, local_end = starts_at.astimezone(zone), ends_at.astimezone(zone)
        stints.append(
            cover.Stint(
                officer_id, rank, day, local_start.replace(tzinfo=None), local_end.replace(tzinfo=None)
            )
        )
        if first <= day <= last:
            ids[officer_id].append(duty_id)
    return stints, ids


@dataclass
class Choice:
    receiving: Neighbourhood
    home: Neighbourhood
    officer_id: int
    problem: tuple[str, int]
    first: date
    last: date
    ended: bool
    reason: str
    results: str
    duty_ids: tuple[int, ...] = ()


def _choose(rng, today: date, wards, problems, lendable, teams) -> tuple[list[Choice], int]:
    """The deployments of every borough, each checked against the cover rule with the ones chosen
    before it (and its officer free for the period)."""
    candidates: list[list[Choice]] = []
    for borough in Borough.objects.order_by("code"):
        pairs = _pairs(borough, wards, problems, lendable)
        rng.shuffle(pairs)
        for n, (start, end, ended) in enumerate(PLAN):
            tries = pairs[n * TRIES_PER_DEPLOYMENT : (n + 1) * TRIES_PER_DEPLOYMENT]
            candidates.append(
                [
                    Choice(
                        receiving=receiving,
                        home=home,
                        officer_id=rng.choice(lendable[home.pk]),
                        problem=rng.choice(problems[receiving.pk]),
                        first=today + timedelta(days=start),
                        last=today + timedelta(days=end),
                        ended=ended,
                        reason=rng.choice(REASONS),
                        results=rng.choice(RESULTS) if ended else "",
                    )
                    for receiving, home in tries
                ]
            )
    span = Duty.objects.aggregate(first=Min("date"), last=Max("date"))
    on_duty = list(DutyCode.objects.filter(kind=DutyCode.Kind.ON_DUTY).values_list("id", flat=True))
    # Only PCs and PCSOs count for cover: every other rank reads as none.
    ranks = dict(Officer.objects.filter(rank__in=LENDABLE_RANKS).values_list("id", "rank"))
    away: dict[int, set[tuple[int, date]]] = defaultdict(set)
    chosen, refused = [], 0
    for group in candidates:
        for choice in group:
            days = [choice.first + timedelta(days=n) for n in range((choice.last - choice.first).days + 1)]
            team = teams[choice.home.pk]
            if any((choice.officer_id, day) in away[team] for day in days):
                continue
            rostered = [d for d in days if span["first"] and span["first"] <= d <= span["last"]]
            stints, duty_ids = _team_duties(team, choice.first, choice.last, on_duty, ranks)
            found = cover.refusals(
                ward=choice.home.name,
                days=days,
                rostered_days=rostered,
                stints=stints,
                lending=frozenset({choice.officer_id}),
                away=frozenset(away[team]),
            )
            if found:
                refused += 1
                continue
            away[team] |= {(choice.officer_id, day) for day in days}
            choice.duty_ids = tuple(duty_ids[choice.officer_id])
            chosen.append(choice)
            break
    return chosen, refused


def _write(chosen: list[Choice], actor, today: date, teams) -> None:
    deployments = Deployment.objects.bulk_create(
        [
            Deployment(
                neighbourhood=c.receiving,
                starts_on=c.first,
                ends_on=c.last,
                reason=c.reason,
                status=Deployment.Status.ENDED
                if c.ended
                else (Deployment.Status.ACTIVE if c.first <= today else Deployment.Status.PLANNED),
                ended_on=c.last if c.ended else None,
                results=c.results,
                created_by=actor,
                **{c.problem[0]: c.problem[1]},
            )
            for c in chosen
        ]
    )
    record_bulk_create(Deployment, deployments, SOURCE)
    users = dict(
        User.objects.filter(officer_id__in=[c.officer_id for c in chosen], is_active=True).values_list(
            "officer_id", "id"
        )
    )
    grants = {
        d.pk: AccessGrant(
            user_id=users[c.officer_id],
            neighbourhood=c.receiving,
            starts_on=c.first,
            ends_on=c.last,
            reason=f"Lent under Approach A by {d.reference}",
        )
        for d, c in zip(deployments, chosen, strict=True)
        if c.officer_id in users
    }
    AccessGrant.objects.bulk_create(list(grants.values()))
    record_bulk_create(AccessGrant, list(grants.values()), SOURCE)
    lent = []
    for d, c in zip(deployments, chosen, strict=True):
        ids = list(c.duty_ids)
        Duty.objects.filter(id__in=ids).update(neighbourhood=c.receiving)
        record_change(d, {"duties_moved": {"ids": ids, "from": c.home.pk, "to": c.receiving.pk}})
        lent.append(
            LentOfficer(
                deployment=d,
                officer_id=c.officer_id,
                home_team_id=teams[c.home.pk],
                access_grant=grants.get(d.pk),
                duties_moved=len(ids),
            )
        )
    LentOfficer.objects.bulk_create(lent)
    record_bulk_create(LentOfficer, lent, SOURCE)
    _notices(deployments, chosen, today)


def _notices(deployments: list[Deployment], chosen: list[Choice], today: date) -> None:
    panels = dict(
        Panel.objects.filter(
            dissolved_on__isnull=True, neighbourhood__in=[c.home for c in chosen]
        ).values_list("neighbourhood_id", "id")
    )
    upcoming: dict[int, int] = {}
    for panel_id, meeting_id in (
        Meeting.objects.filter(
            panel_id__in=panels.values(), status=Meeting.Status.PLANNED, starts_at__date__gte=today
        )
        .order_by("-starts_at", "-id")
        .values_list("panel_id", "id")
    ):
        upcoming[panel_id] = meeting_id
    notices = []
    for d, c in zip(deployments, chosen, strict=True):
        panel_id = panels.get(c.home.pk)
        if panel_id is None:
            continue
        notices.append(
            PanelNotice(
                panel_id=panel_id,
                meeting_id=upcoming.get(panel_id) if c.last >= today else None,
                title=f"An officer of {c.home.name} lent to {c.receiving.name}",
                text=f"From {c.first:%-d %B %Y} to {c.last:%-d %B %Y} an officer of the ward works on "
                f"{c.receiving.name} ({d.reference}). The ward keeps at least one PC and one PCSO on duty in "
                "every shift, and the team keeps its own priorities.",
                source=f"deployments.deployment:{d.pk}",
            )
        )
    PanelNotice.objects.bulk_create(notices)
    record_bulk_create(PanelNotice, notices, SOURCE)


@transaction.atomic
def deployments_demo_load(
    *, seed: int, today: date | None = None, progress: Callable[[str], None] = print
) -> str:
    started = time.monotonic()
    today = today or timezone.localdate()
    actor = User.objects.filter(role=Role.CENTRAL_UNIT, is_active=True).order_by("id").first()
    rng = random.Random(f"deployments-{seed}-{today.isoformat()}")
    wards = {w.pk: w for w in Neighbourhood.objects.filter(cluster__isnull=False)}
    teams = dict(Team.objects.values_list("neighbourhood_id", "id"))
    problems, lendable = _problems(), _lendable(today)
    chosen, refused = _choose(rng, today, wards, problems, lendable, teams)
    with audit_actor(SOURCE, context="demo"):
        _write(chosen, actor, today, teams)
    ended = sum(1 for c in chosen if c.ended)
    active = sum(1 for c in chosen if not c.ended and c.first <= today)
    summary = (
        f"{len(chosen)} deployments ({ended} ended with results, {active} active, "
        f"{len(chosen) - ended - active} planned); {refused} choices refused by the cover rule"
    )
    progress(f"  Deployments ready in {time.monotonic() - started:.1f} s: {summary}.")
    return summary
