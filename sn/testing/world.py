"""A small force for tests: two boroughs of four square wards each, staffed, with a user per role.

Borough A (wards a1-a4, cluster A) is where every scoped user works; borough B (b1-b4, cluster B)
is the out-of-scope comparison for every view. The wards are the squares of row 0 of the factories'
grid (sn.geography.tests.factories): a1-a4 in columns 0-3, b1-b4 in columns 4-7.

Each borough is staffed alike: one sergeant shared by its first two wards, two PCs and three PCSOs in
its first ward, and an inspector commanding its cluster. Everything is made by the apps' factories,
with the values spelled out here so that tests can rely on them.
"""

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from shapely.geometry import box

from sn.accounts.models import PartnerOrganisation, User
from sn.accounts.services import roles_sync
from sn.accounts.tests.factories import PASSWORD, PartnerOrganisationFactory, UserFactory
from sn.core.roles import Role
from sn.geography.geometry import as_multipolygon, to_geojson
from sn.geography.models import Borough, Cluster, Force, Neighbourhood
from sn.geography.services import neighbours_recompute
from sn.geography.tests.factories import (
    ORIGIN_LAT,
    ORIGIN_LNG,
    SIZE,
    BoroughFactory,
    ClusterFactory,
    ForceFactory,
    NeighbourhoodFactory,
    square,
)
from sn.teams.models import Officer, Rank, Team
from sn.teams.services import cluster_inspector_set
from sn.teams.tests.factories import OfficerFactory, PostingFactory, TeamFactory

__all__ = ["PASSWORD", "World", "build_wide_world", "build_world"]

# Letter, first column of the grid and GSS code of each borough.
BOROUGHS = (("a", 0, "E09000901"), ("b", 4, "E09000902"))
WARDS_PER_BOROUGH = 4
FIRST_SERIAL = 101
POSTED_SINCE = date(2020, 1, 1)
# Who is posted to each borough's first ward besides its sergeant.
FIRST_WARD_RANKS = (Rank.PC, Rank.PC, Rank.PCSO, Rank.PCSO, Rank.PCSO)


@dataclass
class World:
    force: Force
    boroughs: dict[str, Borough] = field(default_factory=dict)
    clusters: dict[str, Cluster] = field(default_factory=dict)
    wards: dict[str, Neighbourhood] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    officers: dict[str, Officer] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: str) -> User:
        return self.users[role]


def build_world() -> World:
    roles_sync()
    world = World(force=ForceFactory(code="testforce", name="Test Police"))
    for letter, first_col, code in BOROUGHS:
        add_borough(world, letter, first_col, code)
    neighbours_recompute()
    serials = itertools.count(FIRST_SERIAL)
    for letter, _, _ in BOROUGHS:
        staff_borough(world, letter, serials)
    add_users(world, partner=add_partner(world))
    return world


def add_borough(world: World, letter: str, first_col: int, code: str) -> None:
    """A borough of four wards in a row, each with its team, all in one cluster."""
    area = as_multipolygon(
        box(
            ORIGIN_LNG + first_col * SIZE,
            ORIGIN_LAT,
            ORIGIN_LNG + (first_col + WARDS_PER_BOROUGH) * SIZE,
            ORIGIN_LAT + SIZE,
        )
    )
    borough = BoroughFactory(
        force=world.force,
        code=code,
        name=f"Borough {letter.upper()}",
        boundary=to_geojson(area),
        display_boundary=to_geojson(area),
    )
    cluster = ClusterFactory(borough=borough, code=f"C-{letter.upper()}", name=f"Cluster {letter.upper()}")
    world.boroughs[letter] = borough
    world.clusters[letter] = cluster
    for i in range(WARDS_PER_BOROUGH):
        # The first ward of each borough is big enough for the enhanced establishment (1-2-6).
        ward = add_ward(cluster, first_col + i, population=15000 if i == 0 else 9000)
        world.wards[f"{letter}{i + 1}"] = ward
        world.teams[f"{letter}{i + 1}"] = TeamFactory(neighbourhood=ward)


def add_ward(cluster: Cluster, col: int, population: int) -> Neighbourhood:
    code = f"E0590{col:04d}"
    return NeighbourhoodFactory(
        borough=cluster.borough,
        cluster=cluster,
        code=code,
        police_uk_id=code,
        name=f"Ward {code}",
        population=population,
        population_year=2020,
        population_source="test",
        area=square(col),
    )


def staff_borough(world: World, letter: str, serials: Iterator[int]) -> None:
    sergeant = add_officer(Rank.SERGEANT, next(serials), last_name="Sergeant")
    world.officers[f"sergeant_{letter}"] = sergeant
    for ward in (f"{letter}1", f"{letter}2"):
        PostingFactory(officer=sergeant, team=world.teams[ward], start_date=POSTED_SINCE)
    for rank in FIRST_WARD_RANKS:
        officer = add_officer(rank, next(serials))
        # The first officer of each rank is the one tests name: pc_a, pcso_a.
        world.officers.setdefault(f"{rank}_{letter}", officer)
        PostingFactory(officer=officer, team=world.teams[f"{letter}1"], start_date=POSTED_SINCE)
    inspector = add_officer(Rank.INSPECTOR, next(serials), last_name="Inspector")
    world.officers[f"inspector_{letter}"] = inspector
    cluster_inspector_set(cluster=world.clusters[letter], inspector=inspector)


def add_officer(rank: str, serial: int, last_name: str = "Officer") -> Officer:
    return OfficerFactory(
        first_name="Sam",
        last_name=f"{last_name}{serial}",
        collar_number=f"{serial}XX",
        rank=rank,
        email=f"officer{serial}@police.example",
        phone="020 7946 0000",
    )


def add_partner(world: World) -> PartnerOrganisation:
    return PartnerOrganisationFactory(
        name="Borough A Council", kind=PartnerOrganisation.Kind.COUNCIL, boroughs=[world.boroughs["a"]]
    )


def add_users(world: World, partner: PartnerOrganisation) -> None:
    """One user of each role, named after it, anchored in borough A."""
    anchors = {
        Role.CENTRAL_UNIT: {},
        Role.BOROUGH_LEAD: {"borough": world.boroughs["a"]},
        Role.ANALYST: {"borough": world.boroughs["a"]},
        Role.INSPECTOR: {"officer": world.officers["inspector_a"]},
        Role.SERGEANT: {"officer": world.officers["sergeant_a"]},
        Role.TEAM_OFFICER: {"officer": world.officers["pc_a"]},
        Role.PANEL_MEMBER: {"neighbourhood": world.wards["a1"]},
        Role.PARTNER: {"partner_organisation": partner},
    }
    for role, anchor in anchors.items():
        world.users[role.value] = UserFactory(
            username=role.value,
            password=PASSWORD,
            role=role,
            first_name="Test",
            last_name=role.label,
            email="",
            **anchor,
        )


# What build_wide_world adds, spelled out so that tests can rely on it.
SECOND_CLUSTER_COL, SECOND_CLUSTER_ROW = 0, 2  # a square apart from every world ward: no new neighbours
SECOND_CLUSTER_WARD_CODE = "E05900100"
MOVED_POSTING = (date(2015, 1, 1), date(2019, 12, 31))  # the moved officer's old posting to a1


def build_wide_world() -> World:
    """The world with an object at every level of "elsewhere" a scope can be wrong at, for the access
    matrix: another ward of the cluster with an officer on it (a3, `pc_a3`), another cluster of
    borough A (`C-A2`, ward a5, `pc_a5`), and an officer who served on a1 until 2019 and serves on b2
    now (`moved`). Apart from the default world so that tests counting borough A's wards, teams and
    staff keep their numbers."""
    world = build_world()
    serials = itertools.count(FIRST_SERIAL + 100)
    add_second_cluster(world, serials)
    pc_a3 = add_officer(Rank.PC, next(serials))
    world.officers["pc_a3"] = pc_a3
    PostingFactory(officer=pc_a3, team=world.teams["a3"], start_date=POSTED_SINCE)
    add_moved_officer(world, next(serials))
    return world


def add_second_cluster(world: World, serials: Iterator[int]) -> None:
    borough = world.boroughs["a"]
    cluster = ClusterFactory(borough=borough, code="C-A2", name="Cluster A2")
    world.clusters["a2"] = cluster
    ward = NeighbourhoodFactory(
        borough=borough,
        cluster=cluster,
        code=SECOND_CLUSTER_WARD_CODE,
        police_uk_id=SECOND_CLUSTER_WARD_CODE,
        name=f"Ward {SECOND_CLUSTER_WARD_CODE}",
        population=9000,
        population_year=2020,
        population_source="test",
        area=square(SECOND_CLUSTER_COL, SECOND_CLUSTER_ROW),
    )
    world.wards["a5"] = ward
    world.teams["a5"] = TeamFactory(neighbourhood=ward)
    pc_a5 = add_officer(Rank.PC, next(serials))
    world.officers["pc_a5"] = pc_a5
    PostingFactory(officer=pc_a5, team=world.teams["a5"], start_date=POSTED_SINCE)


def add_moved_officer(world: World, serial: int) -> None:
    moved = add_officer(Rank.PC, serial, last_name="Moved")
    world.officers["moved"] = moved
    started, ended = MOVED_POSTING
    PostingFactory(officer=moved, team=world.teams["a1"], start_date=started, end_date=ended)
    PostingFactory(officer=moved, team=world.teams["b2"], start_date=POSTED_SINCE)
