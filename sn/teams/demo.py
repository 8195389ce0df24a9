"""The demo force's teams: invented officers and postings on the real wards, with realistic gaps.

Deterministic for a seed. Staff rows are bulk-created for speed and audited as one event per batch.
"""

import random
from collections import defaultdict
from datetime import date, timedelta

from faker import Faker

from sn.core.audit import record_bulk_create
from sn.geography.models import Cluster, Neighbourhood
from sn.teams.models import EstablishmentPolicy, Officer, Posting, Rank, Team
from sn.teams.selectors import policy_in_force

TODAY = date(2026, 11, 1)

# Realistic gaps: a few percent of posts vacant, a few teams over strength, sergeants shared on quiet wards.
VACANCY_RATE = 0.04
OVER_STRENGTH_RATE = 0.02
SHARED_SERGEANT_RATE = 0.25
SPECIAL_RATE = 0.45
VOLUNTEER_RATE = 0.2


def _policies() -> None:
    EstablishmentPolicy.objects.get_or_create(
        effective_from=date(2008, 4, 1),
        defaults={
            "population_threshold": 14000,
            "note": "1-2-3 everywhere, 1-2-6 on wards of 14,000+ (2001 Census)",
        },
    )
    EstablishmentPolicy.objects.get_or_create(
        effective_from=date(2022, 5, 5),
        defaults={
            "population_threshold": 14000,
            "note": "Re-based on 2022 ward boundaries and Census 2021 populations",
        },
    )


class _Roster:
    """Builds unsaved officers and postings, then writes them in bulk."""

    def __init__(self, rng: random.Random, fake: Faker):
        self.rng, self.fake = rng, fake
        self.officers: list[Officer] = []
        self.postings: list[tuple[Officer, Team, date]] = []
        self.serial = 1000

    def officer(self, rank: str, borough_code: str) -> Officer:
        self.serial += 1
        female = self.rng.random() < 0.4
        first = self.fake.first_name_female() if female else self.fake.first_name_male()
        last = self.fake.last_name()
        officer = Officer(
            first_name=first,
            last_name=last,
            rank=rank,
            collar_number=f"{self.serial}{borough_code[-2:]}",
            email=f"{first}.{last}.{self.serial}@met.police.example".lower()
            .replace(" ", "")
            .replace("'", ""),
            phone=f"020 7946 {self.rng.randint(0, 999):04d}",
        )
        self.officers.append(officer)
        return officer

    def post(self, officer: Officer, team: Team) -> None:
        started = TODAY - timedelta(days=self.rng.randint(30, 6 * 365))
        self.postings.append((officer, team, started))


def teams_demo_load(*, rng: random.Random, fake: Faker) -> dict[str, list[Officer]]:
    """Teams for every neighbourhood, officers and postings with realistic gaps, inspectors over
    clusters. Returns the officers posted to each team, by neighbourhood code."""
    _policies()
    neighbourhoods = list(Neighbourhood.objects.select_related("borough", "cluster").order_by("code"))
    teams = [
        Team(
            neighbourhood=n,
            name=f"{n.name} Safer Neighbourhoods Team",
            email=f"{n.code.lower()}.snt@met.police.example",
            phone=f"020 7946 {rng.randint(0, 999):04d}",
        )
        for n in neighbourhoods
    ]
    Team.objects.bulk_create(teams)
    record_bulk_create(Team, teams, "seed-demo")
    policy = policy_in_force(on=TODAY)
    roster = _Roster(rng, fake)
    by_cluster: dict[int | None, list[Team]] = defaultdict(list)
    for team in teams:
        by_cluster[team.neighbourhood.cluster_id].append(team)

    # Sergeants: quiet (1-2-3) wards in the same cluster share a sergeant in pairs, as in the 2011 review.
    for cluster_id in sorted(by_cluster, key=lambda c: c or 0):
        quiet = [
            t
            for t in by_cluster[cluster_id]
            if policy.posts_for(t.neighbourhood.population)[Rank.SERGEANT] == 1
            and (t.neighbourhood.population or 0) < policy.population_threshold
        ]
        shared_pairs = set()
        rng.shuffle(quiet)
        while len(quiet) >= 2 and rng.random() < SHARED_SERGEANT_RATE * 2:
            shared_pairs.add((quiet.pop(), quiet.pop()))
        paired = {t.id for pair in shared_pairs for t in pair}
        for first, second in sorted(shared_pairs, key=lambda p: p[0].id):
            sergeant = roster.officer(Rank.SERGEANT, first.neighbourhood.borough.code)
            roster.post(sergeant, first)
            roster.post(sergeant, second)
        for team in by_cluster[cluster_id]:
            posts = policy.posts_for(team.neighbourhood.population)
            borough_code = team.neighbourhood.borough.code
            for rank, count in posts.items():
                if rank == Rank.SERGEANT and team.id in paired:
                    continue
                filled = sum(rng.random() >= VACANCY_RATE for _ in range(count))
                if rng.random() < OVER_STRENGTH_RATE and rank != Rank.SERGEANT:
                    filled += 1
                for _ in range(filled):
                    roster.post(roster.officer(rank, borough_code), team)
            if rng.random() < SPECIAL_RATE:
                roster.post(roster.officer(Rank.SPECIAL, borough_code), team)
            if rng.random() < VOLUNTEER_RATE:
                roster.post(roster.officer(Rank.VOLUNTEER, borough_code), team)

    inspectors = []
    for cluster in Cluster.objects.select_related("borough").order_by("code"):
        if rng.random() < 0.95:
            inspector = roster.officer(Rank.INSPECTOR, cluster.borough.code)
            inspectors.append((cluster, inspector))
    Officer.objects.bulk_create(roster.officers, batch_size=2000)
    record_bulk_create(Officer, roster.officers, "seed-demo")
    postings = [Posting(officer=o, team=t, start_date=s) for o, t, s in roster.postings]
    Posting.objects.bulk_create(postings, batch_size=2000)
    record_bulk_create(Posting, postings, "seed-demo")
    for cluster, inspector in inspectors:
        cluster.inspector = inspector
    Cluster.objects.bulk_update([c for c, _ in inspectors], ["inspector"])
    record_bulk_create(Cluster, [c for c, _ in inspectors], "seed-demo: inspectors assigned to clusters")
    officers_by_team: dict[str, list[Officer]] = defaultdict(list)
    for officer, team, _ in roster.postings:
        officers_by_team[team.neighbourhood.code].append(officer)
    return officers_by_team
