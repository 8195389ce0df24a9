"""The demo force: the real Metropolitan Police area on 2022 ward boundaries, staffed realistically.

Deterministic for a seed. Boundaries and populations are real (sn/geography/data, with attribution);
officers, postings and users are invented. Staff rows are bulk-created for speed and audited as one
event per batch.
"""

import csv
import random
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction
from faker import Faker

from sn.accounts.models import PartnerOrganisation
from sn.accounts.roles import Role
from sn.accounts.services import roles_sync, user_create
from sn.core.audit import record_bulk_create
from sn.geography import services as geo
from sn.geography.importing import FieldMap
from sn.geography.models import Cluster, Force, Neighbourhood
from sn.geography.non_ward import circle, non_ward_area_create
from sn.performance.demo import seed_survey
from sn.teams.models import EstablishmentPolicy, Officer, Posting, Rank, Team
from sn.teams.selectors import policy_in_force

DATA_DIR = Path(__file__).resolve().parent.parent / "geography" / "data"
DEMO_PASSWORD = "safer-neighbourhoods-demo"
CITY_OF_LONDON = "E09000001"  # policed by the City of London Police, not the Met
DEMO_BOROUGH = "E09000028"  # Southwark: where the demo users work
TODAY = date(2026, 11, 1)

NON_WARD_AREAS = [
    # code, name, lat, lng, radius in metres, description (seed 000 and 003 describe these teams)
    (
        "NW-CPT",
        "Crystal Palace Triangle",
        51.4190,
        -0.0755,
        450,
        "A cross-border team where five boroughs meet, for problems that do not follow ward lines.",
    ),
    (
        "NW-SBG",
        "Shepherd's Bush Green town centre",
        51.5043,
        -0.2218,
        350,
        "A town-centre team for one of the borough's busiest centres, working round the clock.",
    ),
    (
        "NW-FBW",
        "Fulham Broadway town centre",
        51.4801,
        -0.1954,
        300,
        "A town-centre team for the Fulham Broadway night-time economy.",
    ),
    (
        "NW-WES",
        "West End (Oxford Street)",
        51.5152,
        -0.1418,
        500,
        "An extra team for the West End's shopping streets.",
    ),
]

# Realistic gaps: a few percent of posts vacant, a few teams over strength, sergeants shared on quiet wards.
VACANCY_RATE = 0.04
OVER_STRENGTH_RATE = 0.02
SHARED_SERGEANT_RATE = 0.25
SPECIAL_RATE = 0.45
VOLUNTEER_RATE = 0.2


def seed_demo(*, seed: int = 2026, progress: Callable[[str], None] = print) -> str:
    started = time.monotonic()
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    with transaction.atomic():
        roles_sync()
        progress("Loading borough and ward boundaries ...")
        force = met_geography_load()
        with open(DATA_DIR / "ward_populations.csv", newline="", encoding="utf-8") as handle:
            geo.populations_set(rows=list(csv.DictReader(handle)))
        progress("Grouping wards into clusters ...")
        for borough in force.boroughs.all():
            geo.clusters_build(borough=borough)
        for code, name, lat, lng, radius, description in NON_WARD_AREAS:
            non_ward_area_create(
                code=code,
                name=name,
                police_uk_id=code.lower(),
                geometry=circle(lat, lng, radius),
                description=description,
            )
        geo.neighbours_recompute()
        _policies()
        progress("Staffing the teams ...")
        officers = _staff(rng, fake)
        _users(officers)
        progress("Adding public attitude survey results ...")
        seed_survey(seed=seed)
    elapsed = time.monotonic() - started
    return (
        f"Demo force ready in {elapsed:.1f} s: {force.boroughs.count()} boroughs, "
        f"{Cluster.objects.count()} clusters, {Neighbourhood.objects.count()} neighbourhoods "
        f"({Neighbourhood.objects.filter(kind='ward').count()} wards), {Team.objects.count()} teams, "
        f"{Officer.objects.count()} officers."
    )


def met_geography_load() -> Force:
    """The Met's boroughs and 2022 wards from the shipped boundaries (the City left out)."""
    force = geo.force_get_or_create(code="metropolitan", name="Metropolitan Police Service")
    geo.boroughs_import(
        path=DATA_DIR / "boroughs.geojson.gz", force=force, skip_codes=frozenset({CITY_OF_LONDON})
    )
    geo.neighbourhoods_import(
        path=DATA_DIR / "wards.geojson.gz",
        fields=FieldMap(code="code", name="name", parent="borough_code"),
        skip_parents=frozenset({CITY_OF_LONDON}),
    )
    return force


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
            "note": "Re-based on 2022 ward boundaries and mid-2020 populations",
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


def _staff(rng: random.Random, fake: Faker) -> dict[str, list[Officer]]:
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


def _users(officers_by_team: dict[str, list[Officer]]) -> None:
    """One demo user per role, all working in Southwark so that their pages connect."""
    borough_clusters = Cluster.objects.filter(borough__code=DEMO_BOROUGH, inspector__isnull=False).order_by(
        "code"
    )
    shared_sergeant_postings = Posting.objects.filter(
        team__neighbourhood__borough__code=DEMO_BOROUGH, officer__rank=Rank.SERGEANT
    ).values_list("officer_id", flat=True)
    counts: dict[int, int] = defaultdict(int)
    for officer_id in shared_sergeant_postings:
        counts[officer_id] += 1
    sergeant = Officer.objects.filter(id__in=[o for o, n in counts.items() if n > 1]).order_by("id").first()
    sergeant = sergeant or Officer.objects.filter(id__in=counts).order_by("id").first()
    ward = (
        Posting.objects.filter(officer=sergeant)
        .select_related("team__neighbourhood")
        .order_by("team__name")[0]
    )
    ward = ward.team.neighbourhood
    cluster = ward.cluster if ward.cluster and ward.cluster.inspector_id else borough_clusters.first()
    team_officers = officers_by_team[ward.code]
    pc = next(o for o in team_officers if o.rank == Rank.PC)
    pcso = next(o for o in team_officers if o.rank == Rank.PCSO)
    council, _ = PartnerOrganisation.objects.get_or_create(
        name="Southwark Council Community Safety", defaults={"kind": PartnerOrganisation.Kind.COUNCIL}
    )
    council.boroughs.set([ward.borough])
    people = [
        ("central", "Chris", "Central", Role.CENTRAL_UNIT, {}),
        ("lead.southwark", "Lee", "Borough-Lead", Role.BOROUGH_LEAD, {"borough": ward.borough}),
        ("analyst.southwark", "Ana", "Analyst", Role.ANALYST, {"borough": ward.borough}),
        (
            "inspector",
            cluster.inspector.first_name,
            cluster.inspector.last_name,
            Role.INSPECTOR,
            {"officer": cluster.inspector},
        ),
        ("sergeant", sergeant.first_name, sergeant.last_name, Role.SERGEANT, {"officer": sergeant}),
        ("pc", pc.first_name, pc.last_name, Role.TEAM_OFFICER, {"officer": pc}),
        ("pcso", pcso.first_name, pcso.last_name, Role.TEAM_OFFICER, {"officer": pcso}),
        ("panel", "Pat", "Panel-Member", Role.PANEL_MEMBER, {"neighbourhood": ward}),
        ("partner", "Parveen", "Partner", Role.PARTNER, {"partner_organisation": council}),
    ]
    for username, first, last, role, anchors in people:
        user_create(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.example",
            **anchors,
        )
