"""The demo's Key Individual Networks and community contacts: for every team, 20 to 60 KIN members with
their consent, two years of interviews at rates around seed 003's standard of 30 a month (most teams near
it, some slipping, a few well behind), the concerns some interviews raised, 10 to 40 contacts, a few
withdrawals and a few records nobody has used for the review period.

Deterministic for a seed and a day: each team draws from its own generator, seeded by the seed and the
ward's code, so one team's data does not depend on the others. People are invented (names from pools
Faker fills once; phone numbers in Ofcom's drama range) and placed at random inside their ward.

About half a million interviews for the whole force: they go in as plain rows (sn.community.demo_rows)
with ids given here, so that the concerns can name them, rather than as half a million model instances.
Every table is audited as one event per batch (sn.core.audit).
"""

import time
import types
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from sn.community.demo_people import (
    CONCERN_MONTHS,
    CONCERN_SHARE,
    CONCERN_TOPICS,
    CONTACT_TOPICS,
    DORMANT_PER_TEAM,
    MONTHS,
    NOTES,
    ORGANISATIONS,
    PICK_AGE,
    PICK_CONSENT,
    PICK_CONTACT_AGE,
    PICK_METHOD,
    PICK_ROLE,
    PICK_TOPIC,
    RATES,
    WITHDRAWN_SHARE,
    Pools,
    day_in,
    person,
    points_in,
)
from sn.community.demo_rows import SOURCE, insert_objects, insert_rows, next_id
from sn.community.models import (
    ConsentWording,
    Contact,
    ErasureReason,
    KinInterview,
    KinMember,
)
from sn.community.standards import long_date
from sn.concerns.models import Channel, Concern
from sn.core.audit import record_bulk_create
from sn.core.months import add_months
from sn.geography.models import Neighbourhood
from sn.teams.models import Posting, Rank


def community_demo_load(*, seed: int = 2026, today: date | None = None, progress=print) -> str:
    """Build every team's KIN network, interviews, concerns and contacts; returns a summary line."""
    started = time.monotonic()
    today = today or timezone.localdate()
    with transaction.atomic():
        kin_wording, contact_wording = consent_wordings_ensure()
        pools = Pools.make(seed)
        wards = list(
            Neighbourhood.objects.filter(team__isnull=False).select_related("borough").order_by("code")
        )
        officers = _officers_by_ward()
        built = _Built()
        progress(f"Building KIN networks and contacts for {len(wards)} teams ...")
        for ward in wards:
            rng = np.random.default_rng([seed, zlib.crc32(ward.code.encode())])
            _ward_people(
                ward, rng, pools, today, officers.get(ward.id, []), kin_wording, contact_wording, built
            )
        progress(f"Writing {len(built.members):,} members, {built.interview_count:,} interviews ...")
        _write(built, today)
    elapsed = time.monotonic() - started
    return (
        f"Community ready in {elapsed:.1f} s: {len(built.members):,} KIN members, {built.interview_count:,} "
        f"interviews, {built.concern_count:,} concerns raised at them, {len(built.contacts):,} contacts."
    )


def consent_wordings_ensure() -> tuple[ConsentWording, ConsentWording]:
    """The first wording of each kind (the migration makes them; a flushed database has lost them)."""
    from_day = date(2008, 4, 1)
    made = []
    for purpose in (ConsentWording.Purpose.KIN, ConsentWording.Purpose.CONTACT):
        wording = ConsentWording.objects.filter(purpose=purpose).order_by("version").first()
        if wording is None:
            wording = ConsentWording.objects.create(
                purpose=purpose,
                version=1,
                in_use_from=from_day,
                text=f"I agree that the Safer Neighbourhoods team may keep my details for the "
                f"{purpose.label}, see them only within the team, and erase them when I ask.",
            )
        made.append(wording)
    return made[0], made[1]


@dataclass
class _Built:
    members: list[KinMember] = field(default_factory=list)
    # Interviews as columns, one array per team: member index, day (ordinal), officer id, method index,
    # notes index (-1: none), and whether it raised a concern (topic index, -1: none).
    interviews: list[np.ndarray] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    interview_count: int = 0
    concern_count: int = 0

    def add_interviews(self, columns: np.ndarray) -> None:
        if len(columns):
            self.interviews.append(columns)
            self.interview_count += len(columns)
            self.concern_count += int((columns[:, 5] >= 0).sum())


def _officers_by_ward() -> dict[int, list[tuple[int, date]]]:
    """Who can hold each ward's interviews: its PCs, PCSOs and sergeants, with the day each was posted."""
    found: dict[int, list[tuple[int, date]]] = defaultdict(list)
    rows = Posting.objects.filter(
        officer__rank__in=(Rank.PC, Rank.PCSO, Rank.SERGEANT), end_date__isnull=True
    )
    for ward_id, officer_id, start in rows.values_list(
        "team__neighbourhood_id", "officer_id", "start_date"
    ).order_by("id"):
        found[ward_id].append((officer_id, start))
    return found


def _ward_people(ward, rng, pools, today, officers, kin_wording, contact_wording, built: _Built) -> None:
    window_start = add_months(today.replace(day=1), -(MONTHS - 1))
    share = rng.random()
    band = 0 if share < RATES[0][0] else 1 if share < RATES[0][0] + RATES[1][0] else 2
    rate = max(3.0, rng.normal(RATES[band][1], RATES[band][2]))
    count = int(rng.integers(20, 61))
    points = points_in(ward, rng, count + 40)
    first_member = len(built.members)
    weights = rng.lognormal(0.0, 0.8, count)
    dormant = set(rng.choice(count, int(rng.integers(*DORMANT_PER_TEAM)), replace=False).tolist())
    joined, withdrawn = [], []
    for i in range(count):
        new = rng.random() < 0.25 and i not in dormant
        day = (
            day_in(rng, window_start, today - timedelta(days=20))
            if new
            else today - timedelta(days=int(rng.integers(2 * 365 + 60 if i in dormant else 740, 6 * 365)))
        )
        joined.append(day)
        gone = i not in dormant and rng.random() < WITHDRAWN_SHARE
        withdrawn.append(day_in(rng, max(day, window_start), today - timedelta(days=3)) if gone else None)
        located = rng.random() < 0.7
        built.members.append(
            KinMember(
                neighbourhood=ward,
                role=PICK_ROLE.one(rng),
                role_detail="",
                joined_on=day,
                consent_wording=kin_wording,
                consent_given_on=day,
                consent_method=PICK_CONSENT.one(rng),
                latitude=points[i][0] if located else None,
                longitude=points[i][1] if located else None,
                age_band=PICK_AGE.one(rng) if rng.random() < 0.6 else "",
                **person(rng, pools, len(built.members)),
            )
        )
    team_officers = sorted(officers, key=lambda o: o[1])
    starts = np.asarray([start.toordinal() for _, start in team_officers], dtype=np.int64)
    ids = np.asarray([officer for officer, _ in team_officers], dtype=np.int64)
    for i in dormant:
        weights[i] = 0.0
        day = max(joined[i], today - timedelta(days=int(rng.integers(760, 1100)))).toordinal()
        posted = int(np.searchsorted(starts, day, side="right"))
        if posted:
            method = PICK_METHOD.values.index(KinInterview.Method.PHONE)
            built.add_interviews(
                np.array([[first_member + i, day, ids[rng.integers(posted)], method, -1, -1]])
            )
    built.add_interviews(
        _interviews(rng, today, window_start, rate, weights, joined, withdrawn, (starts, ids), first_member)
    )
    for i in range(count):
        if withdrawn[i] is not None:
            _erase(built.members[first_member + i], withdrawn[i])
    _contacts(ward, rng, pools, today, points[count:], contact_wording, built)


def _interviews(
    rng, today, window_start, rate, weights, joined, withdrawn, officers, first_member
) -> np.ndarray:
    """A team's interviews over the window, month by month, as columns (see _Built.interviews)."""
    starts, ids = officers
    joined_days = np.asarray([d.toordinal() for d in joined], dtype=np.int64)
    left_days = np.asarray([(d or date.max).toordinal() for d in withdrawn], dtype=np.int64)
    recent = add_months(today.replace(day=1), -(CONCERN_MONTHS - 1)).toordinal()
    blocks = []
    month = window_start
    while month <= today:
        first, next_month = month.toordinal(), add_months(month, 1).toordinal()
        last = min(next_month - 1, today.toordinal())
        # Fewer interviews in August and December (leave), and pro rata in the month under way.
        season = 0.85 if month.month in (8, 12) else 1.0
        expected = rate * season * (last - first + 1) / (next_month - first)
        p = weights * ((joined_days <= last) & (left_days >= first))
        month = add_months(month, 1)
        if p.sum() <= 0:
            continue
        who = rng.choice(len(joined_days), int(rng.poisson(expected)), p=p / p.sum())
        low = np.maximum(first, joined_days[who])
        high = np.minimum(last, left_days[who])
        days = low + (rng.random(len(who)) * (high - low + 1)).astype(np.int64)
        posted = np.searchsorted(starts, days, side="right")
        keep = (high >= low) & (posted > 0)
        officer = (
            ids[np.minimum((rng.random(len(who)) * posted).astype(np.int64), len(ids) - 1)]
            if len(ids)
            else days
        )
        # Members who later withdrew had their interview notes erased with their details.
        notes = np.where(left_days[who] < date.max.toordinal(), -1, rng.integers(0, len(NOTES), len(who)))
        raised = (days >= recent) & (rng.random(len(who)) < CONCERN_SHARE)
        topics = np.where(raised, PICK_TOPIC.many(rng, len(who)), -1)
        block = np.column_stack(
            [first_member + who, days, officer, PICK_METHOD.many(rng, len(who)), notes, topics]
        )
        blocks.append(block[keep])
    return np.concatenate(blocks) if blocks else np.empty((0, 6), dtype=np.int64)


def _erase(member: KinMember, withdrawn_on: date) -> None:
    for name in KinMember.PERSONAL_FIELDS:
        setattr(member, name, None if name in ("latitude", "longitude") else "")
    member.consent_withdrawn_on = withdrawn_on
    member.erased_at = timezone.make_aware(datetime.combine(withdrawn_on, datetime.min.time()))
    member.erased_reason = ErasureReason.WITHDRAWN


def _contacts(ward, rng, pools, today, points, wording, built: _Built) -> None:
    for i in range(int(rng.integers(10, 41))):
        group = rng.random() < 0.3
        given = today - timedelta(days=int(rng.integers(20, 5 * 365)))
        stale = rng.random() < 0.05
        last = None if stale else day_in(rng, max(given, today - timedelta(days=300)), today)
        details = person(rng, pools, 500 + len(built.contacts))
        organisation = ORGANISATIONS[rng.integers(len(ORGANISATIONS))]
        located = rng.random() < 0.8
        topics = sorted({CONTACT_TOPICS[j] for j in rng.choice(len(CONTACT_TOPICS), int(rng.integers(1, 4)))})
        contact = Contact(
            neighbourhood=ward,
            kind=Contact.Kind.GROUP if group else Contact.Kind.PERSON,
            organisation=organisation if group or rng.random() < 0.4 else "",
            topics=topics,
            interests="",
            consent_wording=wording,
            consent_given_on=given if not stale else today - timedelta(days=int(rng.integers(800, 1500))),
            consent_method=PICK_CONSENT.one(rng),
            last_contacted_on=last,
            latitude=points[i][0] if located and i < len(points) else None,
            longitude=points[i][1] if located and i < len(points) else None,
            age_band="" if group or rng.random() < 0.5 else PICK_CONTACT_AGE.one(rng),
            **details,
        )
        if rng.random() < 0.03:
            _erase_contact(contact, day_in(rng, contact.consent_given_on, today))
        built.contacts.append(contact)


def _erase_contact(contact: Contact, withdrawn_on: date) -> None:
    for name in Contact.PERSONAL_FIELDS:
        setattr(contact, name, [] if name == "topics" else None if name in ("latitude", "longitude") else "")
    contact.consent_withdrawn_on = withdrawn_on
    contact.erased_at = timezone.make_aware(datetime.combine(withdrawn_on, datetime.min.time()))
    contact.erased_reason = ErasureReason.WITHDRAWN


def _write(built: _Built, today: date) -> None:
    interviews = np.concatenate(built.interviews) if built.interviews else np.empty((0, 6), dtype=np.int64)
    last = np.full(len(built.members), -1, dtype=np.int64)
    np.maximum.at(last, interviews[:, 0], interviews[:, 1])
    for member, day in zip(built.members, last.tolist(), strict=True):
        member.last_interviewed_on = date.fromordinal(day) if day > 0 else None
    insert_objects(KinMember, built.members)
    insert_objects(Contact, built.contacts)
    first_id = _insert_interviews(built, interviews)
    source_type = ContentType.objects.get_for_model(KinInterview)
    topics = PICK_TOPIC.values
    concerns = [
        Concern(
            neighbourhood_id=built.members[member].neighbourhood_id,
            raised_on=date.fromordinal(day),
            channel=Channel.KIN_INTERVIEW,
            topic=topics[topic],
            description=CONCERN_TOPICS[topics[topic]][1],
            source=f"KIN interview {first_id + index} on {long_date(date.fromordinal(day))}",
            source_type=source_type,
            source_id=first_id + index,
        )
        for index, (member, day, _, _, _, topic) in enumerate(interviews.tolist())
        if topic >= 0
    ]
    insert_objects(Concern, concerns)


_INTERVIEW_COLUMNS = [
    "id",
    "member_id",
    "neighbourhood_id",
    "interviewed_on",
    "month",
    "officer_id",
    "method",
    "notes",
    "created_at",
    "modified_at",
]


def _insert_interviews(built: _Built, interviews: np.ndarray) -> int:
    """Half a million interviews straight from their columns, without a model instance each. Returns
    the first id."""
    table = KinInterview._meta.db_table
    first_id = next_id(table)
    ops = connection.ops
    now = ops.adapt_datetimefield_value(timezone.now())
    # A few hundred distinct days, each adapted once.
    days = {day: ops.adapt_datefield_value(date.fromordinal(day)) for day in set(interviews[:, 1].tolist())}
    months = {day: ops.adapt_datefield_value(date.fromordinal(day).replace(day=1)) for day in days}
    members = [(m.pk, m.neighbourhood_id) for m in built.members]
    methods, notes = [str(m) for m in PICK_METHOD.values], ("", *NOTES)
    rows = [
        (
            first_id + index,
            *members[member],
            days[day],
            months[day],
            officer,
            methods[method],
            notes[note + 1],
            now,
            now,
        )
        for index, (member, day, officer, method, note, _) in enumerate(interviews.tolist())
    ]
    insert_rows(table, _INTERVIEW_COLUMNS, rows)
    # The trail's batch event names the rows by id, as record_bulk_create does for model instances.
    record_bulk_create(KinInterview, [types.SimpleNamespace(pk=row[0]) for row in rows], SOURCE)
    return first_id
