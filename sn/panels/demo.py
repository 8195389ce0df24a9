"""The demo's ward panels: for every team a panel of 6 to 14 members (a chair on most; diversity answers
from some, with consent), two years of meetings every four to six weeks (a few panels lapsed and now
overdue, a few meetings cancelled), and priorities in every state with their reviews, progress,
milestones, concerns and "You said, we did" statements (sn.panels.demo_priorities), in the proportions
of seed 001's top priorities.

Deterministic for a seed and a day: each team draws from its own generator, seeded by the seed and the
ward's code. The demo users' wards always show their work: the panel member chairs their ward's panel,
the sergeant has a sign-off and a statement waiting, the PC and PCSO a priority gone without an update,
and one of the sergeant's panels is overdue a meeting. Every table is written in bulk and audited as one
event per batch (sn.core.audit).
"""

import random
import time as clock
import zlib
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone
from faker import Faker

from sn.accounts.models import User
from sn.concerns.models import Concern
from sn.core.roles import Role
from sn.geography.models import Neighbourhood
from sn.panels import demo_rows as rows
from sn.panels import demo_texts as words
from sn.panels.demo_priorities import Built, Showcase, TeamPriorities
from sn.panels.models import (
    DiversityAnswers,
    Meeting,
    MeetingPaper,
    Milestone,
    Panel,
    PanelMember,
    Priority,
    ProgressUpdate,
    Review,
    Statement,
)
from sn.panels.models.panels import AgeBand, Disability, EthnicGroup, MemberType, Sex
from sn.teams.models import Rank
from sn.teams.selectors import active_postings

SOURCE = "panels-demo"
YEARS = 2
LAPSED_SHARE, IRREGULAR_SHARE = 0.05, 0.12  # panels that stopped meeting; panels that meet unevenly
CANCELLED_SHARE = 0.03
UNPLANNED_SHARE = 0.1  # panels with no next meeting in the diary yet
POLICE_CHAIRED_SHARE = 0.15  # seed 001: 95 of 627 panels chaired by police, so no member chairs
MEMBER_TYPES = (
    (MemberType.RESIDENT, 55),
    (MemberType.BUSINESS, 12),
    (MemberType.COUNCILLOR, 10),
    (MemberType.YOUTH, 5),
    (MemberType.FAITH_COMMUNITY, 13),
    (MemberType.OTHER, 5),
)
DIVERSITY_SHARE = 0.45
AGES = (
    (AgeBand.UNDER_25, 4),
    (AgeBand.FROM_25, 10),
    (AgeBand.FROM_35, 17),
    (AgeBand.FROM_45, 22),
    (AgeBand.FROM_55, 22),
    (AgeBand.FROM_65, 16),
    (AgeBand.OVER_75, 9),
)
ETHNIC = (
    (EthnicGroup.WHITE, 70),
    (EthnicGroup.ASIAN, 13),
    (EthnicGroup.BLACK, 10),
    (EthnicGroup.MIXED, 4),
    (EthnicGroup.OTHER, 3),
)


def _pick(rng: random.Random, weighted) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def panels_demo_load(*, seed: int = 2026, today: date | None = None, progress=print) -> str:
    """Build every team's panel, meetings and priorities; returns a summary line."""
    started = clock.monotonic()
    today = today or timezone.localdate()
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    names = (
        sorted({n for n in (fake.first_name() for _ in range(600)) if n.isalpha()}),
        sorted({n for n in (fake.last_name() for _ in range(600)) if n.isalpha()}),
    )
    with transaction.atomic():
        wards = list(
            Neighbourhood.objects.filter(team__isnull=False).select_related("borough").order_by("code")
        )
        officers = _officers_by_ward(today)
        concerns = _concerns_by_ward()
        users = _demo_users(today)
        progress(f"Building ward panels, meetings and priorities for {len(wards)} teams ...")
        built, out = Built(), _Out()
        for ward in wards:
            rng = random.Random(zlib.crc32(f"{seed}:{ward.code}".encode()))
            _team(
                rng,
                ward,
                today,
                names,
                officers.get(ward.pk, []),
                concerns.get(ward.pk, {}),
                users,
                built,
                out,
            )
        progress(f"Writing {len(out.meetings):,} meetings and {len(built.priorities):,} priorities ...")
        _write(built, out)
    elapsed = clock.monotonic() - started
    states = defaultdict(int)
    for priority in built.priorities:
        states[priority.status] += 1
    return (
        f"Ward panels ready in {elapsed:.1f} s: {len(out.panels):,} panels, {len(out.members):,} members, "
        f"{len(out.meetings):,} meetings, {len(built.priorities):,} priorities ({states['active']:,} active, "
        f"{states['panel_resolved']:,} awaiting endorsement, {states['closed']:,} closed), "
        f"{len(built.statements):,} statements."
    )


class _Out:
    def __init__(self):
        self.panels, self.members, self.diversity, self.meetings, self.papers = [], [], [], [], []
        self.present, self.officers_present = [], []


def _officers_by_ward(today: date) -> dict[int, list]:
    by_ward = defaultdict(list)
    for posting in (
        active_postings(on=today).select_related("officer", "team").order_by("team_id", "officer_id")
    ):
        by_ward[posting.team.neighbourhood_id].append(posting.officer)
    return by_ward


def _concerns_by_ward() -> dict[int, dict[str, list[tuple[date, int]]]]:
    by_ward: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for pk, ward_id, topic, day in (
        Concern.objects.live()
        .order_by("raised_on", "id")
        .values_list("id", "neighbourhood_id", "topic", "raised_on")
    ):
        by_ward[ward_id][topic].append((day, pk))
    return by_ward


def _demo_users(today: date) -> dict:
    """Who signs in to the demo: the panel members' wards, and the wards the sergeants, PCs and PCSOs are
    posted to, so that their wards show them work."""
    found = {"panel": {}, "sergeant": {}, "officers": defaultdict(list), "lapsed": set()}
    for user in User.objects.filter(role=Role.PANEL_MEMBER, neighbourhood__isnull=False, is_active=True):
        found["panel"].setdefault(user.neighbourhood_id, user)
    for user in User.objects.filter(role__in=[Role.SERGEANT, Role.TEAM_OFFICER], officer__isnull=False):
        wards = list(
            active_postings(on=today)
            .filter(officer_id=user.officer_id)
            .order_by("team__name")
            .values_list("team__neighbourhood_id", flat=True)
        )
        if user.role == Role.SERGEANT:
            for ward_id in wards:
                found["sergeant"].setdefault(ward_id, user)
            found["lapsed"].update(wards[1:2])  # their second ward's panel has let its meetings slip
        else:
            for ward_id in wards:
                found["officers"][ward_id].append(user.officer_id)
    return found


def _team(rng, ward, today, names, officers, concerns, users, built: Built, out: _Out) -> None:
    start = today - timedelta(days=365 * YEARS)
    venue = f"{ward.name} {rng.choice(words.VENUES)}"
    panel = Panel(
        neighbourhood=ward,
        name=f"{ward.name} Ward Panel",
        usual_venue=venue,
        formed_on=start - timedelta(days=rng.randint(30, 1500)),
    )
    out.panels.append(panel)
    members = _members(rng, panel, start, today, names, users["panel"].get(ward.pk))
    out.members += members
    # A demo panel member's panel has its next meeting in the diary, with papers to read.
    lapsed, planned = ward.pk in users["lapsed"], ward.pk in users["panel"]
    held = _meetings(rng, panel, ward, start, today, members, officers, out, lapsed=lapsed, planned=planned)
    owners = [o for o in officers if o.rank in (Rank.PC, Rank.PCSO)] or officers
    showcase = Showcase(
        pending_endorsement=ward.pk in users["sergeant"],
        awaiting_approval=ward.pk in users["sergeant"],
        stale_owner_ids=tuple(users["officers"].get(ward.pk, ())),
        owner_ids=tuple(users["officers"].get(ward.pk, ())),
    )
    TeamPriorities(
        rng,
        ward=ward,
        panel=panel,
        held=held,
        owners=owners,
        today=today,
        concerns=concerns,
        endorser=users["sergeant"].get(ward.pk),
        showcase=showcase,
        built=built,
    ).build()


def _members(rng, panel, start, today, names, chair_user) -> list[PanelMember]:
    first_names, last_names = names
    members = []
    count, former = rng.randint(6, 14), rng.randint(0, 3)
    for i in range(count + former):
        kind = _pick(rng, MEMBER_TYPES)
        first, last = rng.choice(first_names), rng.choice(last_names)
        joined = panel.formed_on + timedelta(days=rng.randint(0, (today - panel.formed_on).days - 30))
        member = PanelMember(
            panel=panel,
            name=f"{first} {last}",
            member_type=kind,
            joined_on=joined,
            organisation=rng.choice(words.ORGANISATIONS.get(kind, ("",))),
        )
        if i >= count:
            member.left_on = min(
                today - timedelta(days=30), max(joined, start) + timedelta(days=rng.randint(60, 500))
            )
            member.left_on = max(member.left_on, joined)
        if rng.random() < 0.7:
            member.email = f"{first}.{last}@example.org".lower()
            member.phone = f"020 7946 {rng.randint(0, 999):04d}"
            member.contact_consent_on = joined
        member.diversity_answers = _diversity(rng, member) if rng.random() < DIVERSITY_SHARE else None
        members.append(member)
    current = [m for m in members if m.left_on is None]
    if chair_user is not None:
        chair = current[0]
        chair.name, chair.user, chair.is_chair = (
            chair_user.get_full_name() or chair_user.username,
            chair_user,
            True,
        )
        chair.member_type = MemberType.RESIDENT
    elif rng.random() >= POLICE_CHAIRED_SHARE:
        chair = rng.choice([m for m in current if m.member_type != MemberType.YOUTH] or current)
        chair.is_chair = True
    return members


def _diversity(rng, member) -> DiversityAnswers:
    answers = DiversityAnswers(member=member, consent_given_on=member.joined_on)
    if rng.random() < 0.9:
        answers.age_band = AgeBand.UNDER_25 if member.member_type == MemberType.YOUTH else _pick(rng, AGES)
    if rng.random() < 0.9:
        answers.sex = Sex.MALE if rng.random() < 0.54 else Sex.FEMALE  # seed 001: 54% of members male
    if rng.random() < 0.85:
        answers.ethnic_group = _pick(rng, ETHNIC)
    if rng.random() < 0.8:
        answers.disability = Disability.YES if rng.random() < 0.12 else Disability.NO
    return answers


def _at(day: date, rng) -> datetime:
    return timezone.make_aware(
        datetime.combine(day, time(rng.choice((18, 19, 19, 19)), rng.choice((0, 0, 30))))
    )


def _meetings(
    rng, panel, ward, start, today, members, officers, out: _Out, *, lapsed: bool, planned: bool
) -> list[Meeting]:
    """Meetings every 4-6 weeks from the start; a lapsed panel stops some months before today."""
    lapsed = lapsed or rng.random() < LAPSED_SHARE
    longest = 56 if rng.random() < IRREGULAR_SHARE else 42
    stop = today - timedelta(days=rng.randint(50, 110)) if lapsed else today
    day, held = start + timedelta(days=rng.randint(0, 35)), []
    sergeants = [o for o in officers if o.rank == Rank.SERGEANT]
    others = [o for o in officers if o.rank in (Rank.PC, Rank.PCSO)]
    while day <= stop:
        meeting = Meeting(panel=panel, starts_at=_at(day, rng), place=panel.usual_venue, agenda=AGENDA)
        meeting.day = day
        if rng.random() < CANCELLED_SHARE:
            meeting.status, meeting.cancelled_reason = (
                Meeting.Status.CANCELLED,
                "Venue unavailable; rearranged",
            )
            day += timedelta(days=14)
        else:
            meeting.status, meeting.public_count = Meeting.Status.HELD, rng.randint(0, 20)
            meeting.minutes = MINUTES.format(ward=ward.name)
            held.append(meeting)
            for member in members:
                if (
                    member.joined_on <= day
                    and (member.left_on is None or member.left_on >= day)
                    and rng.random() < 0.7
                ):
                    out.present.append((meeting, member))
            attending = [o for o in sergeants if rng.random() < 0.85] + rng.sample(
                others, min(len(others), rng.randint(1, 2))
            )
            out.officers_present += [(meeting, o.pk) for o in attending]
            day += timedelta(days=rng.randint(28, longest))
        out.meetings.append(meeting)
    if held:
        _papers(held[-1], ward, out, ("Minutes of the previous meeting", "Progress report on the priorities"))
    if not lapsed and (planned or rng.random() >= UNPLANNED_SHARE):
        upcoming = Meeting(
            panel=panel,
            starts_at=_at(max(day, today + timedelta(days=3)), rng),
            place=panel.usual_venue,
            agenda=AGENDA,
            status=Meeting.Status.PLANNED,
        )
        out.meetings.append(upcoming)
        _papers(upcoming, ward, out, ("Agenda", "What residents raised: analysis of concerns"))
    return held


def _papers(meeting: Meeting, ward, out: _Out, titles) -> None:
    day = timezone.localtime(meeting.starts_at).date()
    for title in titles:
        slug = title.split(":")[0].lower().replace(" ", "-")
        url = (
            f"https://documents.met.police.example/ward-panels/{ward.code.lower()}/{day:%Y-%m-%d}/{slug}.pdf"
        )
        out.papers.append(MeetingPaper(meeting=meeting, title=title, url=url))


AGENDA = (
    "1. Welcome and apologies\n2. Minutes of the last meeting\n3. Progress on the current priorities\n"
    "4. What residents have raised since the last meeting\n5. Choosing or reviewing priorities\n"
    "6. Any other business and date of the next meeting"
)
MINUTES = (
    "The chair welcomed members and officers. The team reported progress on each priority and the panel "
    "reviewed it. Residents raised concerns from around {ward}; the team will look into them before the next "
    "meeting. The panel agreed the date of its next meeting."
)


def _write(built: Built, out: _Out) -> None:
    day = connection.ops.adapt_datefield_value
    diversity = [m.diversity_answers for m in out.members if m.diversity_answers is not None]
    for model, objects in (
        (Panel, out.panels),
        (PanelMember, out.members),
        (DiversityAnswers, diversity),
        (Meeting, out.meetings),
        (MeetingPaper, out.papers),
        (Concern, built.concerns),
        (Priority, built.priorities),
        (Statement, built.statements),
    ):
        rows.assign_ids(model, objects)
    for old, new in built.superseded:
        old.superseded_by_id = new.pk
    rows.insert_objects(Panel, out.panels, SOURCE)
    rows.insert_objects(PanelMember, out.members, SOURCE)
    rows.insert_objects(DiversityAnswers, diversity, SOURCE)
    rows.insert_objects(Meeting, out.meetings, SOURCE)
    rows.insert_objects(MeetingPaper, out.papers, SOURCE)
    rows.insert(
        Meeting.members_present.through,
        ["meeting_id", "panelmember_id"],
        [(m.pk, p.pk) for m, p in out.present],
    )
    rows.insert(
        Meeting.officers_present.through,
        ["meeting_id", "officer_id"],
        [(m.pk, o) for m, o in out.officers_present],
    )
    rows.insert_objects(
        Concern, built.concerns, f"{SOURCE}: concerns the panels heard before the concerns data begins"
    )
    rows.insert_objects(Priority, built.priorities, SOURCE)
    rows.insert(
        Priority.concerns.through,
        ["priority_id", "concern_id"],
        [(p.pk, c if isinstance(c, int) else c.pk) for p, c in built.concern_links],
    )
    rows.insert_tuples(
        Milestone,
        ["priority_id", "description", "target", "due_on", "achieved_on"],
        [(p.pk, d, t, day(due), day(met) if met else None) for p, d, t, due, met in built.milestones],
        SOURCE,
    )
    rows.insert_tuples(
        ProgressUpdate,
        ["priority_id", "on", "text", "officer_id"],
        [(p.pk, day(on), text, officer) for p, on, text, officer in built.updates],
        SOURCE,
    )
    rows.insert_tuples(
        Review,
        ["priority_id", "meeting_id", "note", "outcome"],
        [(p.pk, m.pk, note, outcome) for p, m, note, outcome in built.reviews],
        SOURCE,
    )
    rows.insert_objects(Statement, built.statements, SOURCE)
