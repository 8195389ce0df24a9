"""The demo's problem-solving cases: partner organisations in every borough (council, housing, schools,
transport, youth, health, fire) each with a demo partner user, and a case for every priority the panels
demo made, in the stage its priority's story puts it:

- an active priority's case in scanning, analysis or response by its age (a few at assessment, their
  interventions all done);
- a priority the panel judged resolved: its case at assessment, assessed, so the sergeant's endorsement
  goes through;
- a closed, withdrawn or superseded priority: its case closed (assessed when the assessment's demo path
  is there).

With them: response options, interventions by police, partners (owned by the partner users, some done)
and the public, updates, the sergeant's reviews every SN_CASE_REVIEW_WEEKS (some overdue, some cases
stalled), and the invitations. The demo users see their part: the sergeant has overdue reviews, the PC
owns interventions, and the `partner` user's council is invited to some Southwark cases only.

Deterministic for a seed and a day; every table written in bulk (sn.panels.demo_rows) and audited as one
event per batch. Partner users sign in as the `partner` demo user does (they share its password hash);
their usernames are partner.<borough>.<kind> (partner.camden.housing). The ward sergeants who have no
sign-in get one that cannot be used, so that the reviews and invitations name them."""

import random
import time as clock
import zlib
from collections import defaultdict
from datetime import date

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from sn.accounts.demo import DEMO_PASSWORD
from sn.accounts.models import PartnerOrganisation, User
from sn.core.roles import ROLES, Role
from sn.geography.models import Borough, Neighbourhood
from sn.panels import demo_rows as rows
from sn.panels.models import Priority
from sn.problemsolving import demo_texts as words
from sn.problemsolving.demo_build import Built, CaseBuilder
from sn.problemsolving.demo_counts import demo_assessments_create, modelled_counts_load
from sn.problemsolving.library.index import library_rebuild
from sn.problemsolving.models import (
    Case,
    CaseInvitation,
    CaseReview,
    CaseUpdate,
    Intervention,
    InterventionUpdate,
    ResponseOption,
)
from sn.teams.models import Rank
from sn.teams.selectors import active_postings

SOURCE = "problemsolving-demo"

# What a case's response did to its ward's figures, in believable proportions: (share, own factor,
# factor on one neighbouring ward). Most responses reduce the problem; some stop it, some make no
# difference, and some push it next door.
# Ward counts of one category are small, so a real fall often does not reach significance and the
# figures say "no change" more often than the responses planned here would.
EFFECTS = ((0.3, 0.4, 1.0), (0.45, 0.65, 1.0), (0.15, 1.0, 1.0), (0.1, 0.7, 1.5))


def problemsolving_demo_load(*, seed: int = 2026, today: date | None = None, progress=print) -> str:
    started = clock.monotonic()
    today = today or timezone.localdate()
    with transaction.atomic():
        progress("Partner organisations and their demo users in every borough ...")
        organisations, partner_users = _partners()
        sergeants = _sergeant_users(today)
        officers = _officers_by_ward(today)
        wards = {w.pk: w for w in Neighbourhood.objects.select_related("borough")}
        priorities = list(
            Priority.objects.order_by("id").values(
                "id", "neighbourhood_id", "topic", "wording", "owner_id", "status", "selected_on", "ended_on"
            )
        )
        concerns = defaultdict(list)
        for priority_id, concern_id in Priority.concerns.through.objects.values_list(
            "priority_id", "concern_id"
        ):
            concerns[priority_id].append(concern_id)
        demo = _demo_users()
        progress(f"Building a case for each of {len(priorities):,} priorities ...")
        built = Built()
        for priority in priorities:
            ward = wards[priority["neighbourhood_id"]]
            rng = random.Random(zlib.crc32(f"{seed}:case:{priority['id']}".encode()))
            CaseBuilder(
                rng=rng,
                today=today,
                ward=ward,
                priority=priority,
                officers=officers.get(ward.pk, []),
                sergeant=sergeants.get(ward.pk) or demo["fallback"],
                organisations=organisations.get(ward.borough_id, {}),
                partner_users=partner_users,
                demo=demo,
                built=built,
            ).build(concerns.get(priority["id"], []))
        progress(f"Writing {len(built.cases):,} cases and their work ...")
        _write(built)
        to_assess = [c for c in built.cases if c.assess]
        progress("Modelled figures after the real data ends, with the responses' effects ...")
        progress(f"  {modelled_counts_load(seed=seed, today=today, effects=_effects(to_assess, seed))}")
        assessed = demo_assessments_create(cases=to_assess, seed=seed, today=today)
        # The cases were written in bulk, past the services that keep the library: built from them here.
        progress("The good-practice library of the closed, assessed cases ...")
        library = library_rebuild()
    elapsed = clock.monotonic() - started
    stages = defaultdict(int)
    for case in built.cases:
        stages[case.stage] += 1
    summary = ", ".join(f"{stages[s]:,} {label.lower()}" for s, label in Case.Stage.choices)
    return (
        f"Problem-solving cases ready in {elapsed:.1f} s: {len(built.cases):,} cases ({summary}), "
        f"{len(built.interventions):,} interventions, {len(built.invitations):,} invitations, "
        f"{assessed:,} assessments, {library.total:,} in the library; "
        f"{sum(len(v) for v in organisations.values()):,} partner organisations."
    )


def _effects(cases: list[Case], seed: int) -> dict:
    """The effect of each assessed case's response on its ward's figures from the month after it began
    (and, where it displaced the problem, on one neighbouring ward's)."""
    neighbours = defaultdict(list)
    for ward, other in Neighbourhood.neighbours.through.objects.order_by("id").values_list(
        "from_neighbourhood_id", "to_neighbourhood_id"
    ):
        neighbours[ward].append(other)
    effects: dict = defaultdict(list)
    for case in cases:
        rng = random.Random(zlib.crc32(f"{seed}:effect:{case.pk}".encode()))
        roll, own, next_door = rng.random(), 1.0, 1.0
        for share, own, next_door in EFFECTS:  # noqa: B007 - the last matched is the one used
            roll -= share
            if roll < 0:
                break
        start = case.response_started_on
        month = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        for category in case.categories:
            effects[case.neighbourhood_id, category].append((month, own))
            if next_door != 1.0 and neighbours[case.neighbourhood_id]:
                effects[rng.choice(neighbours[case.neighbourhood_id]), category].append((month, next_door))
    return dict(effects)


def _partners() -> tuple[dict[int, dict[str, PartnerOrganisation]], dict[int, User]]:
    """Every borough's organisations by kind, and each organisation's demo user (made where missing)."""
    existing = {o.name: o for o in PartnerOrganisation.objects.all()}
    boroughs = list(Borough.objects.order_by("code"))
    new, links = [], []
    by_borough: dict[int, dict[str, PartnerOrganisation]] = defaultdict(dict)
    for borough in boroughs:
        for kind, pattern, _ in words.ORGANISATIONS:
            name = pattern.format(borough=borough.name)
            organisation = existing.get(name)
            if organisation is None:
                organisation = PartnerOrganisation(name=name, kind=kind)
                new.append(organisation)
                links.append((organisation, borough))
            by_borough[borough.pk][kind] = organisation
    PartnerOrganisation.objects.bulk_create(new)
    PartnerOrganisation.boroughs.through.objects.bulk_create(
        [PartnerOrganisation.boroughs.through(partnerorganisation_id=o.pk, borough_id=b.pk) for o, b in links]
    )
    users = {u.partner_organisation_id: u for u in User.objects.filter(role=Role.PARTNER).order_by("-id")}
    # The demo users' password, hashed once (hashing is slow by design): the partner user's own hash.
    known = User.objects.filter(username="partner").values_list("password", flat=True).first()
    password = known or make_password(DEMO_PASSWORD)
    made = []
    for borough in boroughs:
        for kind, _, part in words.ORGANISATIONS:
            organisation = by_borough[borough.pk][kind]
            if organisation.pk in users:
                continue
            first = words.PARTNER_FIRST_NAMES[(organisation.pk * 7) % len(words.PARTNER_FIRST_NAMES)]
            made.append(
                User(
                    username=f"partner.{slugify(borough.name)}.{part}",
                    password=password,
                    first_name=first,
                    last_name=f"{borough.name} {PartnerOrganisation.Kind(kind).label}",
                    email=f"partner.{slugify(borough.name)}.{part}@demo.example",
                    role=Role.PARTNER,
                    partner_organisation=organisation,
                    is_active=True,
                    date_joined=timezone.now(),
                )
            )
    _insert_users(made, Role.PARTNER)
    users.update({u.partner_organisation_id: u for u in made})
    return by_borough, users


def _insert_users(users: list[User], role: Role) -> None:
    if not users:
        return
    rows.assign_ids(User, users)
    rows.insert_objects(User, users, SOURCE)
    group = Group.objects.get(name=ROLES[role].group_name)
    User.groups.through.objects.bulk_create(
        [User.groups.through(user_id=u.pk, group_id=group.pk) for u in users]
    )


def _sergeant_users(today: date) -> dict[int, User]:
    """Each ward's sergeant as a user, for the reviews and invitations they record. Sergeants without a
    sign-in get one that cannot be used (no password): the demo's records name them all the same."""
    postings = list(
        active_postings(on=today)
        .filter(officer__rank=Rank.SERGEANT)
        .select_related("officer", "team")
        .order_by("team__neighbourhood_id", "officer_id")
    )
    have = {u.officer_id: u for u in User.objects.filter(officer__isnull=False)}
    made: dict[int, User] = {}
    for posting in postings:
        officer = posting.officer
        if officer.pk in have or officer.pk in made:
            continue
        made[officer.pk] = User(
            username=f"sgt.{slugify(officer.collar_number) or officer.pk}-{officer.pk}",
            password=make_password(None),
            first_name=officer.first_name,
            last_name=officer.last_name,
            role=Role.SERGEANT,
            officer=officer,
            is_active=True,
            date_joined=timezone.now(),
        )
    _insert_users(list(made.values()), Role.SERGEANT)
    have.update(made)
    by_ward: dict[int, User] = {}
    for posting in postings:
        by_ward.setdefault(posting.team.neighbourhood_id, have[posting.officer_id])
    return by_ward


def _officers_by_ward(today: date) -> dict[int, list]:
    by_ward = defaultdict(list)
    for ward_id, officer_id in (
        active_postings(on=today)
        .exclude(officer__rank__in=[Rank.SERGEANT, Rank.INSPECTOR])
        .order_by("team__neighbourhood_id", "officer_id")
        .values_list("team__neighbourhood_id", "officer_id")
    ):
        by_ward[ward_id].append(officer_id)
    return by_ward


def _demo_users() -> dict:
    """The demo sign-ins the cases must show work to: the PC (owns interventions), the partner (its
    council invited to some Southwark cases), and a fallback author where a ward has no sergeant."""
    named = {
        u.username: u for u in User.objects.filter(username__in=["pc", "partner", "sergeant", "central"])
    }
    fallback = named.get("sergeant") or named.get("central") or User.objects.order_by("id").first()
    return {
        "pc": named.get("pc"),
        "partner": named.get("partner"),
        "sergeant": named.get("sergeant"),
        "fallback": fallback,
    }


INTERVENTION_COLUMNS = [
    "case_id",
    "description",
    "delivered_by",
    "organisation_id",
    "owner_officer_id",
    "owner_user_id",
    "owner_name",
    "due_on",
    "status",
    "completed_on",
    "completed_by_id",
    "outcome_note",
]


def _write(built: Built) -> None:
    day = connection.ops.adapt_datefield_value
    rows.assign_ids(Case, built.cases)
    first = rows.next_id(Intervention)
    for offset, intervention in enumerate(built.interventions):
        intervention.pk = first + offset
    rows.insert_objects(Case, built.cases, SOURCE)
    # A case's opening day is its creation: the lists and form 301 read it from there.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {Case._meta.db_table} SET created_at = %s WHERE id = %s",  # noqa: S608 - the model's table
            [(connection.ops.adapt_datetimefield_value(c.created_at), c.pk) for c in built.cases],
        )
    rows.insert(
        Case.concerns.through,
        ["case_id", "concern_id"],
        [(c.pk, concern) for c, concern in built.concern_links],
    )
    rows.insert_tuples(
        ResponseOption,
        ["case_id", "description", "chosen", "reason"],
        [(c.pk, d, chosen, reason) for c, d, chosen, reason in built.options],
        SOURCE,
    )
    rows.insert_tuples(
        CaseInvitation,
        ["case_id", "organisation_id", "invited_by_id", "invited_on", "removed_at", "removed_by_id"],
        [(c.pk, o, by, day(on), None, None) for c, o, by, on in built.invitations],
        SOURCE,
    )
    rows.insert_tuples(
        Intervention,
        INTERVENTION_COLUMNS,
        [
            (
                i.case.pk,
                i.description,
                i.delivered_by,
                i.organisation_id,
                i.owner_officer_id,
                i.owner_user_id,
                i.owner_name,
                day(i.due_on),
                i.status,
                day(i.completed_on) if i.completed_on else None,
                i.completed_by_id,
                i.outcome_note,
            )
            for i in built.interventions
        ],
        SOURCE,
    )
    rows.insert_tuples(
        InterventionUpdate,
        ["intervention_id", "on", "text", "author_id"],
        [(i.pk, day(on), text, author) for i, on, text, author in built.intervention_updates],
        SOURCE,
    )
    rows.insert_tuples(
        CaseUpdate,
        ["case_id", "on", "text", "author_id", "organisation_id"],
        [(c.pk, day(on), text, author, org) for c, on, text, author, org in built.updates],
        SOURCE,
    )
    rows.insert_tuples(
        CaseReview,
        ["case_id", "reviewed_on", "reviewer_id", "note", "next_due_on"],
        [(c.pk, day(on), reviewer, note, day(due)) for c, on, reviewer, note, due in built.reviews],
        SOURCE,
    )
