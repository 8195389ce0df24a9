"""The demo force's ASB (issue 14, parts 4 and 5), bulk inserted and deterministic for a seed.

Every ward gets a handful of victims and places with reports over the last six months (some from its
imported ASB calls), each assessed on the risk matrix (most at first contact, some late, a few from
calls never assessed); in each borough a few victims reach the Case Review threshold and are flagged,
with reviews held on time, late, or still due; some cases have orders (Respect Orders among them),
a few breached. The force gets its ASB lead and an action plan of about twenty actions linked to
local problems. The cases are made as the services would leave them (the threshold is the same
function), without calling the services one report at a time.
"""

import random
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Max, Min
from django.utils import timezone

from sn.accounts.models import User
from sn.asb import matrix
from sn.asb.demo_calls import calls_this_morning
from sn.asb.models import (
    ActionProgress,
    AsbAction,
    AsbAddress,
    AsbCase,
    AsbLead,
    AsbOrder,
    AsbPerson,
    AsbReport,
    CaseReview,
    OrderBreach,
    RiskAssessment,
)
from sn.asb.threshold import case_review_threshold
from sn.core.audit import audit_actor, record_bulk_create
from sn.core.roles import Role
from sn.geography.models import Borough, Neighbourhood
from sn.problemsolving.models import Case
from sn.rosters.models import CallForService

SOURCE = "demo: ASB"
PROGRESS_NOTES = {
    "on_track": ("Partners agreed the approach", "First sessions held"),
    "at_risk": ("Delayed by staffing", "Waiting on the partner's funding decision"),
    "done": ("Completed and evaluated", "Completed; evaluation report shared with partners"),
}
FIRST = (
    "Amira Ben Chloe Dev Ellen Farid Grace Hugo Iris Jamal Kate Leon Maya Nadia Owen Priya Rosa Sam Tom Zara"
).split()
LAST = (
    "Ahmed Brown Clarke Davies Evans Fisher Green Hughes Iqbal Jones Khan Lewis Morris Patel Roberts Singh"
).split()
STREETS = (
    "High Street,Church Road,Station Road,Park Avenue,Mill Lane,Victoria Road,Kings Court,Elm Grove".split(
        ","
    )
)
WHAT = {
    "personal": [
        "Neighbours shouting abuse at the door",
        "Eggs thrown at the windows",
        "Threats from a group of youths",
    ],
    "nuisance": [
        "Loud music late at night",
        "Youths gathering and drinking on the stairwell",
        "Off-road bikes on the estate",
    ],
    "environmental": [
        "Graffiti on the garden wall",
        "Rubbish dumped at the front",
        "Abandoned car set alight",
    ],
}
ORDER_KINDS = ["respect", "respect", "injunction", "cbo", "closure", "cpn", "cpn", "dispersal"]
ACTIONS = [
    ("Train call handlers in the risk matrix at first contact", "", None),
    ("Publish the ASB Case Review procedure on the force website", "Community Safety Partnership", None),
    ("Agree the Case Review threshold with every borough's partners", "Local authority ASB teams", None),
    ("Quarterly audit of high-risk victims' cases", "", None),
    ("Joint tasking with housing providers on repeat addresses", "Housing association", "b"),
    ("Youth diversion sessions on Friday nights", "Youth service", "b"),
    ("Respect Order pilot: identify suitable cases", "Local authority legal team", "b"),
    ("Victim support referral for every high-risk case", "Victim Support", "b"),
    ("Closure order review of problem premises", "Licensing team", "b"),
    ("Street lighting survey where ASB gathers", "Highways", "b"),
    ("Mediation service for neighbour disputes", "Mediation service", "b"),
    ("CCTV review at the town-centre hotspots", "Town-centre BID", "b"),
    ("Schools engagement on ASB and its impact", "Schools", "b"),
    ("Off-road bike enforcement operation", "", "b"),
    ("Fly-tipping and graffiti clear-up days", "Environmental services", "b"),
    ("Public Spaces Protection Order consultation", "Local authority", "b"),
    ("Community Protection Warning process with partners", "Local authority ASB teams", "b"),
    ("ASB champions in each neighbourhood team", "", "b"),
    ("Share repeat-victim lists weekly with housing", "Housing association", "b"),
    ("Evaluate the dispersal powers used this year", "", None),
]


def _at(day: date, rng: random.Random, now: datetime) -> datetime:
    # Both draws are always made so that the rest of the sequence does not depend on the hour.
    at = timezone.make_aware(
        datetime.combine(day, datetime.min.time()) + timedelta(minutes=rng.randint(480, 1320))
    )
    back = timedelta(minutes=rng.randint(5, 300))
    return at if at <= now else now - back


def asb_demo_load(*, seed: int, today: date | None = None, progress: Callable[[str], None] = print) -> str:
    started = time.monotonic()
    today = today or timezone.localdate()
    if AsbCase.objects.exists():
        return "ASB already loaded"
    rng = random.Random(f"asb-{seed}-{today.isoformat()}")
    with audit_actor(SOURCE, context="demo"):
        summary = _load(rng, today)
        summary += "; " + calls_this_morning(rng=rng, now=timezone.now())
    return f"{summary} ({time.monotonic() - started:.1f} s)"


def _staff():
    return list(
        User.objects.filter(role__in=[Role.TEAM_OFFICER, Role.SERGEANT], is_active=True).order_by("id")[:200]
    )


def _load(rng: random.Random, today: date) -> str:
    # Nothing made up may be after the moment of loading (the imported calls run into the rest of today).
    now = timezone.now()
    wards = list(Neighbourhood.objects.order_by("id").values_list("id", "borough_id", "name"))
    since = today - timedelta(days=183)
    calls = {
        row["neighbourhood_id"]: row
        for row in CallForService.objects.filter(
            call_type__in=settings.SN_ASB_CALL_TYPES, received_at__date__gte=since, received_at__lte=now
        )
        .values("neighbourhood_id")
        .annotate(first=Min("id"), last=Max("id"))
    }
    call_times = dict(
        CallForService.objects.filter(
            id__in=[v for r in calls.values() for v in (r["first"], r["last"])]
        ).values_list("id", "received_at")
    )
    problems_by_ward: dict[int, list[int]] = defaultdict(list)
    for pk, ward in Case.objects.exclude(stage=Case.Stage.CLOSED).values_list("id", "neighbourhood_id"):
        problems_by_ward[ward].append(pk)
    staff = _staff()
    questions = matrix.questions()
    # Plan the cases: per ward 2 to 4, and per borough three victims who reach the threshold.
    flagged_wards: set[int] = set()
    by_borough: dict[int, list[int]] = defaultdict(list)
    for pk, borough, _ in wards:
        by_borough[borough].append(pk)
    for ward_ids in by_borough.values():
        flagged_wards.update(rng.sample(ward_ids, min(3, len(ward_ids))))
    people, addresses, plans = [], [], []
    for pk, _, _ in wards:
        for n in range(rng.randint(2, 4)):
            repeat = n == 0 and pk in flagged_wards
            street = f"{rng.randint(1, 120)} {rng.choice(STREETS)}"
            postcode = (
                f"ZZ{rng.randint(1, 99)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}{rng.choice('LNPQRSTU')}"
            )
            person = None
            if repeat or rng.random() < 0.8:
                name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                person = AsbPerson(
                    neighbourhood_id=pk,
                    name=name,
                    phone=f"07700 9{rng.randint(10000, 99999)}",
                    email=f"{name.lower().replace(' ', '.')}@example.org" if rng.random() < 0.5 else "",
                    address_text=street,
                    postcode=postcode,
                )
                people.append(person)
            address = AsbAddress(neighbourhood_id=pk, address_text=street, postcode=postcode)
            addresses.append(address)
            plans.append((pk, person, address, repeat))
    AsbPerson.objects.bulk_create(people, batch_size=2000)
    AsbAddress.objects.bulk_create(addresses, batch_size=2000)
    record_bulk_create(AsbPerson, people, SOURCE)
    record_bulk_create(AsbAddress, addresses, SOURCE)

    cases, case_reports = [], []
    for pk, person, address, repeat in plans:
        if repeat:
            first = today - timedelta(days=rng.randint(60, 170))
            days = sorted(
                {first, *(first + timedelta(days=rng.randint(5, 55)) for _ in range(rng.randint(2, 3)))}
            )
            if len(days) < 3:
                days.append(days[-1] + timedelta(days=7))
        else:
            days = sorted(today - timedelta(days=rng.randint(0, 180)) for _ in range(rng.randint(1, 2)))
        reports = []
        for i, day in enumerate(days):
            if day > today:
                day = today
            category = rng.choice(list(WHAT))
            call_id = None
            ward_calls = calls.get(pk)
            if ward_calls and i == 0 and rng.random() < 0.3:
                call_id = ward_calls["first"] if rng.random() < 0.5 else ward_calls["last"]
            reported_at = call_times[call_id] if call_id else _at(day, rng, now)
            delay = rng.randint(0, 6) if rng.random() < 0.93 else rng.randint(35, 60)
            reports.append(
                AsbReport(
                    neighbourhood_id=pk,
                    person=person,
                    address=address,
                    channel="call" if call_id else rng.choice(["staff", "staff", "public", "partner"]),
                    call_id=call_id,
                    incident_date=timezone.localdate(reported_at) - timedelta(days=delay),
                    reported_at=reported_at,
                    description=rng.choice(WHAT[category]),
                    category=category,
                )
            )
        # A linked call keeps its own time, which may come after the other reports: a case opens at
        # its earliest report.
        reports.sort(key=lambda r: r.reported_at)
        owner = rng.choice(staff) if staff else None
        case = AsbCase(
            neighbourhood_id=pk,
            person=person,
            address=address,
            opened_at=reports[0].reported_at,
            owner=owner,
            problem_id=rng.choice(problems_by_ward[pk])
            if problems_by_ward[pk] and rng.random() < 0.3
            else None,
        )
        met = case_review_threshold([(r.incident_date, r.reported_at) for r in reports])
        if met.met:
            case.threshold_met_on = met.met_on
            met_report = next(r for r in reports if timezone.localdate(r.reported_at) == met.met_on)
            case.case_review_flagged_at = min(met_report.reported_at + timedelta(minutes=1), now)
            if rng.random() < 0.1:  # asked before the flag (an older report typed in late)
                case.case_review_requested_at = met_report.reported_at - timedelta(days=2)
        cases.append(case)
        case_reports.append(reports)

    assessments = []
    for case, reports in zip(cases, case_reports, strict=True):
        scores = []
        for report in reports:
            if report.channel == "call" and rng.random() < 0.3:
                continue
            late = rng.random() < 0.1
            answers = {
                q.key: rng.choices(q.options, weights=[6, 3, 2][: len(q.options)])[0][0] for q in questions
            }
            if len(reports) >= 3 and rng.random() < 0.5:
                answers.update(previous_reports="many", targeted="yes")
            score = sum(q.points(answers[q.key]) for q in questions)
            scores.append(score)
            assessments.append(
                (
                    report,
                    answers,
                    score,
                    report.reported_at
                    + timedelta(hours=rng.randint(30, 120) if late else 0, minutes=rng.randint(3, 50)),
                )
            )
        case.risk_level = matrix.level_of(scores[-1]) if scores else ""
    AsbCase.objects.bulk_create(cases, batch_size=2000)
    record_bulk_create(AsbCase, cases, SOURCE)
    all_reports = []
    for case, reports in zip(cases, case_reports, strict=True):
        for report in reports:
            report.case = case
            all_reports.append(report)
    AsbReport.objects.bulk_create(all_reports, batch_size=2000)
    record_bulk_create(AsbReport, all_reports, SOURCE)
    risk = [
        RiskAssessment(
            report=report,
            answers=answers,
            score=score,
            level=matrix.level_of(score),
            assessed_by=report.case.owner,
            assessed_at=min(at, now),
        )
        for report, answers, score, at in assessments
    ]
    RiskAssessment.objects.bulk_create(risk, batch_size=2000)
    record_bulk_create(RiskAssessment, risk, SOURCE)

    reviews, orders = [], []
    for case in cases:
        if case.case_review_flagged_at is None:
            continue
        flagged_on = timezone.localdate(case.case_review_flagged_at)
        due = flagged_on + timedelta(days=settings.SN_ASB_REVIEW_DAYS)
        held = None
        if due <= today and rng.random() < 0.9:  # a few are overdue, not yet held
            held = (
                due - timedelta(days=rng.randint(0, 12))
                if rng.random() < 0.75
                else due + timedelta(days=rng.randint(1, 20))
            )
            held = min(held, today)
        reviews.append(
            CaseReview(
                case=case,
                due_on=due,
                held_on=held,
                outcome="Agreed a joint action plan with housing and a referral to Victim Support"
                if held
                else "",
                recommendations="Seek a Respect Order; mediation; extra patrols on Friday nights"
                if held
                else "",
            )
        )
        if rng.random() < 0.6:
            sought = min(today, flagged_on + timedelta(days=rng.randint(3, 30)))
            status = rng.choices(["sought", "granted", "refused"], weights=[3, 6, 1])[0]
            decided = min(today, sought + timedelta(days=rng.randint(7, 30))) if status != "sought" else None
            orders.append(
                AsbOrder(
                    case=case,
                    problem_id=case.problem_id,
                    neighbourhood_id=case.neighbourhood_id,
                    kind=rng.choice(ORDER_KINDS),
                    status=status,
                    sought_on=sought,
                    decided_on=decided,
                )
            )
    CaseReview.objects.bulk_create(reviews, batch_size=2000)
    record_bulk_create(CaseReview, reviews, SOURCE)
    breaches = []
    for order in orders:
        if order.status == "granted" and order.decided_on < today - timedelta(days=7) and rng.random() < 0.3:
            order.status = "breached"
            breaches.append(
                OrderBreach(
                    order=order,
                    breached_on=order.decided_on
                    + timedelta(days=rng.randint(1, (today - order.decided_on).days)),
                    note="Seen at the victim's address again",
                )
            )
    AsbOrder.objects.bulk_create(orders, batch_size=2000)
    record_bulk_create(AsbOrder, orders, SOURCE)
    OrderBreach.objects.bulk_create(breaches, batch_size=2000)
    record_bulk_create(OrderBreach, breaches, SOURCE)
    actions = _plan(rng, today, problems_by_ward, wards)
    flagged = sum(1 for c in cases if c.case_review_flagged_at)
    high = sum(1 for c in cases if c.risk_level == "high")
    respect = sum(1 for o in orders if o.kind == "respect")
    return (
        f"{len(cases)} ASB cases ({flagged} flagged for Case Review, {high} high risk) from "
        f"{len(all_reports)} reports, {len(risk)} risk assessments, {len(reviews)} reviews, "
        f"{len(orders)} orders ({respect} Respect Orders, {len(breaches)} breached), {actions} plan actions"
    )


def _plan(rng: random.Random, today: date, problems_by_ward, wards) -> int:
    central = User.objects.filter(role=Role.CENTRAL_UNIT, is_active=True).order_by("id").first()
    leads = list(User.objects.filter(role=Role.BOROUGH_LEAD, is_active=True).order_by("id"))
    lead = AsbLead(
        user=central,
        name=central.get_full_name() if central and central.get_full_name() else "Supt. Helen Marsh",
        role_title="Force ASB lead (Superintendent, Neighbourhood Policing)",
        email="asb.lead@example.police.uk",
        starts_on=today - timedelta(days=240),
    )
    AsbLead.objects.bulk_create([lead])
    record_bulk_create(AsbLead, [lead], SOURCE)
    boroughs = list(Borough.objects.order_by("id"))
    ward_borough = {pk: borough for pk, borough, _ in wards}
    actions, links, notes = [], [], []
    for i, (title, partner, scope) in enumerate(ACTIONS):
        borough = boroughs[i % len(boroughs)] if scope and boroughs else None
        owner = next((u for u in leads if borough and u.borough_id == borough.pk), None) or central
        due = today + timedelta(days=rng.randint(-60, 200))
        status = rng.choices(["not_started", "on_track", "at_risk", "done"], weights=[2, 5, 2, 3])[0]
        if due < today - timedelta(days=30) and status != "at_risk":
            status = "done"
        actions.append(
            AsbAction(
                title=title, owner=owner, partner_agency=partner, due_on=due, status=status, borough=borough
            )
        )
    AsbAction.objects.bulk_create(actions)
    record_bulk_create(AsbAction, actions, SOURCE)
    Link = AsbAction.problems.through
    for action in actions:
        pool = [
            p
            for ward, ps in problems_by_ward.items()
            for p in ps[:1]
            if action.borough_id is None or ward_borough.get(ward) == action.borough_id
        ]
        for problem in rng.sample(pool, min(len(pool), rng.randint(0, 3))):
            links.append(Link(asbaction_id=action.pk, case_id=problem))
        if action.status != "not_started":
            notes.append(
                ActionProgress(
                    action=action,
                    noted_on=today - timedelta(days=rng.randint(1, 40)),
                    # The latest note agrees with the status (QA: "Done" beside "Delayed by staffing").
                    note=rng.choice(PROGRESS_NOTES[action.status]),
                )
            )
    Link.objects.bulk_create(links)
    ActionProgress.objects.bulk_create(notes)
    record_bulk_create(ActionProgress, notes, SOURCE)
    return len(actions)
