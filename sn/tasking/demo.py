"""The demo's borough tasking: for every borough two years of monthly Safer Neighbourhoods tasking group
meetings (and, in about a third of the boroughs, a joint action group with the council every other
month), the next meeting planned, with who came, decisions, actions set and followed up at the next
meeting of the same group (most done, some carried forward, a few dropped; the latest ones open and some
overdue), resource bids raised by the teams and decided at the next meeting, and a pack for each meeting
of about the last quarter (older ones are assembled when someone opens them), built by the pack's own code
as the borough stood on the meeting's date (sn.tasking.pack, in one batch per date for every borough
meeting that day).

Deterministic for a seed and a day: each borough draws from its own generator. The demo users in
Southwark see their work: the inspector and the sergeant each own an overdue action, the sergeant's bid
awaits a decision, and the borough lead's next meeting has no pack yet. Rows are written in bulk, one
audit event per table.
"""

import json
import random
import time as clock
import zlib
from collections import defaultdict
from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone
from faker import Faker

from sn.accounts.models import PartnerOrganisation, User
from sn.core.months import add_months
from sn.geography.models import Borough
from sn.panels import demo_rows as rows
from sn.panels.models import Priority
from sn.problemsolving.models import Case
from sn.tasking import pack
from sn.tasking.models import Action, Decision, FollowUp, Guest, MeetingPack, ResourceBid, TaskingMeeting
from sn.teams.models import Rank
from sn.teams.selectors import active_postings

SOURCE = "tasking-demo"
MONTHS = 24
JAG_SHARE = 0.35
DEMO_BOROUGH = "E09000028"  # Southwark, where the demo users work
KIND = TaskingMeeting.Kind
OUTCOMES = (
    (FollowUp.Outcome.DONE, 62),
    (FollowUp.Outcome.CARRIED_FORWARD, 26),
    (FollowUp.Outcome.DROPPED, 12),
)
BID_DECISIONS = (
    (ResourceBid.Status.GRANTED, 55),
    (ResourceBid.Status.REFUSED, 15),
    (ResourceBid.Status.DEFERRED, 30),
)
ACTIONS = (
    "Ask the council's highways team for improved street lighting on {ward}",
    "Arrange a joint patrol with housing officers on the {ward} estates",
    "Report back on the closure order application for the premises in {ward}",
    "Share the youth ASB analysis for {ward} with the youth service",
    "Agree a dispersal authority for the {ward} parade at the next TTCG",
    "Brief the TTCG on the link between {ward}'s priority and the street crime hotspot",
    "Chase the case review that is overdue in {ward}",
    "Invite the housing provider to the {ward} case",
    "Map repeat locations of vehicle crime across {ward} and its neighbours",
    "Arrange a weapons sweep with the council's parks team in {ward}",
)
DECISIONS = (
    "The group noted the stalled cases and asked each sergeant to review them before the next meeting.",
    "Youth ASB across adjacent wards to be worked as one problem, led by the {ward} team.",
    "The {ward} priority is to be one strand of the borough's street crime plan.",
    "Problem solving on {ward} is progressing; no further action needed.",
    "The group asked the council to bring forward the CCTV review for {ward}.",
    "Cross-border theme with the neighbouring borough to be raised at the joint action group.",
)
BIDS = (
    (
        "Two PCs on late turn, Thursday to Saturday",
        "Evening disorder at the parade is beyond the team's hours",
    ),
    ("Dog support unit for two weekend patrols", "Intimidation by youths with dogs on the estate"),
    ("Plain-clothes officers for a test purchase operation", "Sales of knives to young people reported"),
    ("Automatic number plate recognition van", "Vehicle crime spread into the neighbouring wards"),
    ("Territorial support group for a dispersal operation", "Drug dealing displaced from the town centre"),
    ("Crime prevention design adviser visit", "Repeat burglary through rear gardens"),
)
PARTNER_POSTS = (
    "Community safety manager (council)",
    "Housing services manager",
    "Youth service lead",
    "Anti-social behaviour coordinator (council)",
    "Station manager (fire and rescue)",
)


def _pick(rng: random.Random, weighted):
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _weekday_of_month(month: date, weekday: int, nth: int) -> date:
    first = month.replace(day=1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def tasking_demo_load(*, seed: int = 2026, today: date | None = None, progress=print) -> str:
    started = clock.monotonic()
    today = today or timezone.localdate()
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    names = [fake.name() for _ in range(300)]
    with transaction.atomic():
        world = _World.read(today)
        progress(f"Building tasking meetings, actions and bids for {len(world.boroughs)} boroughs ...")
        out = _Out()
        for borough in world.boroughs:
            rng = random.Random(zlib.crc32(f"{seed}:tasking:{borough.code}".encode()))
            _borough(rng, borough, world, names, today, out)
        _write(out)
        built = clock.monotonic()
        progress(f"Assembling {len(out.pack_for):,} meeting packs ...")
        _packs(out, world, today)
    elapsed = clock.monotonic() - started
    open_actions = sum(1 for a in out.actions if a.status == Action.Status.OPEN)
    return (
        f"Tasking ready in {elapsed:.1f} s (packs {elapsed - (built - started):.1f} s): "
        f"{len(out.meetings):,} meetings, {len(out.actions):,} actions ({open_actions:,} open), "
        f"{len(out.bids):,} bids, {len(out.pack_for):,} packs."
    )


class _World:
    """What the loader reads once: boroughs, their wards and sergeants, partners, priorities, cases, users."""

    @classmethod
    def read(cls, today: date) -> "_World":
        world = cls()
        world.boroughs = list(
            Borough.objects.filter(neighbourhoods__team__isnull=False).distinct().order_by("code")
        )
        world.wards = defaultdict(list)
        for ward_id, name, borough_id in (
            active_postings(on=today)
            .values_list(
                "team__neighbourhood_id", "team__neighbourhood__name", "team__neighbourhood__borough_id"
            )
            .distinct()
            .order_by("team__neighbourhood__name")
        ):
            world.wards[borough_id].append((ward_id, name))
        world.sergeants = {}
        for ward_id, officer_id in (
            active_postings(on=today)
            .filter(officer__rank=Rank.SERGEANT)
            .order_by("officer_id")
            .values_list("team__neighbourhood_id", "officer_id")
        ):
            world.sergeants.setdefault(ward_id, officer_id)
        world.partners = defaultdict(list)
        for org_id, borough_id in PartnerOrganisation.boroughs.through.objects.values_list(
            "partnerorganisation_id", "borough_id"
        ).order_by("partnerorganisation_id"):
            world.partners[borough_id].append(org_id)
        world.priorities = defaultdict(list)
        for pk, ward_id, selected_on, ended_on in Priority.objects.values_list(
            "id", "neighbourhood_id", "selected_on", "ended_on"
        ).order_by("id"):
            world.priorities[ward_id].append((pk, selected_on, ended_on))
        world.cases = defaultdict(list)
        for pk, ward_id, period_end, closed_on in Case.objects.values_list(
            "id", "neighbourhood_id", "period_end", "closed_on"
        ).order_by("id"):
            world.cases[ward_id].append((pk, period_end, closed_on))
        world.users = {
            u.username: u
            for u in User.objects.filter(
                username__in=["lead.southwark", "analyst.southwark", "inspector", "sergeant"]
            ).select_related("officer")
        }
        return world


class _Out:
    def __init__(self):
        self.meetings, self.guests, self.decisions, self.actions = [], [], [], []
        self.follow_ups, self.bids, self.attendees = [], [], []
        self.pack_for: list[TaskingMeeting] = []


def _schedule(rng, borough, today: date) -> list[tuple[str, date]]:
    first = add_months(today.replace(day=1), -MONTHS)
    months = [add_months(first, i) for i in range(MONTHS + 2)]
    dates = [(KIND.TASKING_GROUP, _weekday_of_month(m, 1, 2)) for m in months]  # second Tuesday
    if rng.random() < JAG_SHARE or borough.code == DEMO_BOROUGH:
        dates += [
            (KIND.JOINT_ACTION_GROUP, _weekday_of_month(m, 3, 4)) for m in months[1::2]
        ]  # fourth Thursday
    held = [d for d in dates if d[1] <= today]
    # The next meeting of each group is in the diary; later ones are not yet.
    coming = {}
    for kind, day in sorted(d for d in dates if d[1] > today):
        coming.setdefault(kind, day)
    return sorted(held + [(k, d) for k, d in coming.items()], key=lambda d: (d[1], d[0]))


# The demo assembles packs for the meetings of about the last quarter, and any planned one.
PACKS_KEPT_DAYS = 100


def _borough(rng, borough, world: _World, names: list[str], today: date, out: _Out) -> None:
    wards = world.wards.get(borough.id, [])
    if not wards:
        return
    southwark = borough.code == DEMO_BOROUGH
    chair = f"Supt {rng.choice(names)} (Partnerships)"
    open_by_kind: dict[str, list[Action]] = defaultdict(list)
    pending_bids: list[ResourceBid] = []
    for kind, day in _schedule(rng, borough, today):
        held = day <= today
        meeting = TaskingMeeting(
            borough=borough,
            kind=kind,
            held_on=day,
            chair=chair,
            place=f"{borough.name} police station"
            if kind == KIND.TASKING_GROUP
            else f"{borough.name} Town Hall",
            notes="" if not held else "The group went through the pack section by section.",
        )
        out.meetings.append(meeting)
        if southwark:
            out.attendees += [(meeting, u) for u in world.users.values()]
        if not held:
            if not southwark or kind != KIND.TASKING_GROUP:
                out.pack_for.append(meeting)
            continue
        # Packs of older meetings are assembled when someone opens one (the pack page's form): writing
        # all two years' worth took longer than the rest of the tasking demo together.
        if day >= today - timedelta(days=PACKS_KEPT_DAYS):
            out.pack_for.append(meeting)
        for _ in range(rng.randint(1, 3) if kind == KIND.TASKING_GROUP else rng.randint(3, 5)):
            orgs = world.partners.get(borough.id, [])
            out.guests.append(
                Guest(
                    meeting=meeting,
                    name=rng.choice(names),
                    post=rng.choice(PARTNER_POSTS),
                    organisation_id=rng.choice(orgs) if orgs else None,
                )
            )
        _follow_up(rng, meeting, open_by_kind[kind], out)
        if kind == KIND.TASKING_GROUP:
            _decide_bids(rng, meeting, pending_bids)
        for _ in range(rng.randint(1, 3)):
            ward = rng.choice(wards)[1]
            out.decisions.append(Decision(meeting=meeting, text=rng.choice(DECISIONS).format(ward=ward)))
        for _ in range(rng.randint(2, 3)):
            ward = rng.choice(wards)[1]
            action = Action(
                meeting=meeting,
                description=rng.choice(ACTIONS).format(ward=ward),
                owner_name=rng.choice(names),
                due_on=day + timedelta(weeks=rng.randint(2, 6)),
            )
            out.actions.append(action)
            open_by_kind[kind].append(action)
        _raise_bids(rng, borough, wards, world, day, today, pending_bids, out)
    if southwark:
        carried = {id(f.action) for f in out.follow_ups}
        fresh = [a for a in open_by_kind[KIND.TASKING_GROUP] if id(a) not in carried]
        _southwark_work(world, fresh, pending_bids, today)


def _follow_up(rng, meeting: TaskingMeeting, open_actions: list[Action], out: _Out) -> None:
    still_open = []
    for action in open_actions:
        outcome = _pick(rng, OUTCOMES)
        if outcome == FollowUp.Outcome.DONE:
            action.status = Action.Status.DONE
            action.done_on = min(meeting.held_on, action.due_on + timedelta(days=rng.randint(-10, 10)))
            action.done_on = max(action.done_on, action.meeting.held_on + timedelta(days=1))
            out.follow_ups.append(FollowUp(action=action, meeting=meeting, outcome=outcome))
        elif outcome == FollowUp.Outcome.DROPPED:
            action.status = Action.Status.DROPPED
            out.follow_ups.append(
                FollowUp(
                    action=action,
                    meeting=meeting,
                    outcome=outcome,
                    note="Overtaken by the panel's new priority",
                )
            )
        else:
            out.follow_ups.append(
                FollowUp(
                    action=action,
                    meeting=meeting,
                    outcome=outcome,
                    note="Waiting on the partner's reply",
                    due_on=meeting.held_on + timedelta(weeks=rng.randint(2, 5)),
                )
            )
            still_open.append(action)
    open_actions[:] = still_open


def _decide_bids(rng, meeting: TaskingMeeting, pending: list[ResourceBid]) -> None:
    still = []
    for bid in pending:
        if bid.raised_on > meeting.held_on:
            still.append(bid)
            continue
        decision = _pick(rng, BID_DECISIONS)
        if bid.status == ResourceBid.Status.DEFERRED and decision == ResourceBid.Status.DEFERRED:
            decision = ResourceBid.Status.GRANTED
        bid.status, bid.decided_at = decision, meeting
        bid.decision_note = {
            ResourceBid.Status.GRANTED: "",
            ResourceBid.Status.REFUSED: "The resources are committed to the borough's street crime plan.",
            ResourceBid.Status.DEFERRED: "Deferred until the team's analysis shows where the problem lies.",
        }[decision]
        if decision == ResourceBid.Status.DEFERRED:
            still.append(bid)
    pending[:] = still


def _active_on(entries, day: date):
    return [e[0] for e in entries if e[1] <= day and (e[2] is None or e[2] > day)]


def _raise_bids(rng, borough, wards, world: _World, day: date, today: date, pending, out: _Out) -> None:
    for _ in range(rng.choice((0, 1, 1, 2))):
        raised_on = day + timedelta(days=rng.randint(3, 20))
        if raised_on > today:
            continue
        ward_id, _name = rng.choice(wards)
        cases = [
            pk
            for pk, period_end, closed_on in world.cases.get(ward_id, [])
            if period_end <= raised_on and (closed_on is None or closed_on > raised_on)
        ]
        priorities = _active_on(world.priorities.get(ward_id, []), raised_on)
        if not (cases or priorities):
            continue
        what, why = rng.choice(BIDS)
        bid = ResourceBid(
            neighbourhood_id=ward_id,
            case_id=rng.choice(cases) if cases else None,
            priority_id=None if cases else rng.choice(priorities),
            what=what,
            why=why,
            weeks=rng.choice((2, 4, 4, 6, 8, 12)),
            officer_id=world.sergeants.get(ward_id),
            raised_on=raised_on,
        )
        out.bids.append(bid)
        pending.append(bid)


def _southwark_work(
    world: _World, open_actions: list[Action], pending: list[ResourceBid], today: date
) -> None:
    """The demo users' home pages show tasking work: overdue actions of their own, a bid awaiting."""
    late = [a for a in open_actions if a.due_on < today] or open_actions
    for action, username in zip(late, ("inspector", "sergeant"), strict=False):
        user = world.users.get(username)
        if user is not None:
            action.owner_user, action.owner_name = user, ""
            action.due_on = min(action.due_on, today - timedelta(days=3))
    sergeant = world.users.get("sergeant")
    for bid in pending[-1:]:
        if sergeant is not None and bid.status == ResourceBid.Status.AWAITING:
            bid.raised_by = sergeant
            bid.officer_id = sergeant.officer_id


def _write(out: _Out) -> None:
    day = connection.ops.adapt_datefield_value
    for model, objects in ((TaskingMeeting, out.meetings), (Action, out.actions), (ResourceBid, out.bids)):
        rows.assign_ids(model, objects)
    rows.insert_objects(TaskingMeeting, out.meetings, SOURCE)
    rows.insert(
        TaskingMeeting.attendees.through,
        ["taskingmeeting_id", "user_id"],
        [(m.pk, u.pk) for m, u in out.attendees],
    )
    rows.insert_tuples(
        Guest,
        ["meeting_id", "name", "organisation_id", "post"],
        [(g.meeting.pk, g.name, g.organisation_id, g.post) for g in out.guests],
        SOURCE,
    )
    rows.insert_tuples(
        Decision,
        ["meeting_id", "text", "case_id"],
        [(d.meeting.pk, d.text, None) for d in out.decisions],
        SOURCE,
    )
    rows.insert_objects(Action, out.actions, SOURCE)
    rows.insert_tuples(
        FollowUp,
        ["action_id", "meeting_id", "outcome", "note", "due_on"],
        [
            (f.action.pk, f.meeting.pk, f.outcome, f.note, day(f.due_on) if f.due_on else None)
            for f in out.follow_ups
        ],
        SOURCE,
    )
    rows.insert_objects(ResourceBid, out.bids, SOURCE)


def _packs(out: _Out, world: _World, today: date) -> None:
    """Each date's packs in one batch: the boroughs meeting that day, assembled as they stood then."""
    by_date: dict[tuple[str, date], list[TaskingMeeting]] = defaultdict(list)
    for meeting in out.pack_for:
        by_date[(meeting.kind, min(meeting.held_on, today))].append(meeting)
    cache = pack.preload(
        list({m.borough_id: m.borough for m in out.pack_for}.values()), [d for _, d in by_date]
    )
    made = []
    for (kind, as_at), meetings in sorted(by_date.items(), key=lambda item: item[0][1]):
        sections = pack.assemble_many([m.borough for m in meetings], kind, as_at, cache)
        made += [(m.pk, as_at, sections[m.borough.id]) for m in meetings]
    day = connection.ops.adapt_datefield_value
    rows.insert_tuples(
        MeetingPack,
        ["meeting_id", "as_at", "prepared_on", "prepared_by_id", "sections"],
        [(pk, day(as_at), day(as_at), None, json.dumps(sections)) for pk, as_at, sections in made],
        SOURCE,
    )
