"""A small force for tests: two boroughs of four square wards each, staffed, with a user per role.

Borough A (wards a1-a4, cluster A) is where every scoped user works; borough B (b1-b4, cluster B)
is the out-of-scope comparison for every view.
"""

from dataclasses import dataclass, field
from datetime import date

from shapely.geometry import box

from sn.accounts.models import PartnerOrganisation, User
from sn.accounts.roles import Role
from sn.accounts.services import roles_sync, user_create
from sn.geography.geometry import area_hectares, as_multipolygon, display_version, to_geojson
from sn.geography.models import Borough, Cluster, Force, Neighbourhood
from sn.geography.services import neighbours_recompute
from sn.teams.models import Officer, Posting, Rank, Team

PASSWORD = "a-long-test-password-2026"
ORIGIN_LNG, ORIGIN_LAT, SIZE = -0.20, 51.50, 0.01


def square(col: int, row: int = 0):
    x = ORIGIN_LNG + col * SIZE
    y = ORIGIN_LAT + row * SIZE
    return as_multipolygon(box(x, y, x + SIZE, y + SIZE))


def make_neighbourhood(borough, cluster, code, col, row=0, population=10000, geometry=None, kind="ward"):
    geometry = geometry or square(col, row)
    c = geometry.centroid
    return Neighbourhood.objects.create(
        borough=borough,
        cluster=cluster,
        code=code,
        police_uk_id=code,
        name=f"Ward {code}",
        kind=kind,
        population=population,
        population_year=2020,
        population_source="test",
        boundary=to_geojson(geometry),
        display_boundary=to_geojson(display_version(geometry)),
        centroid_lat=c.y,
        centroid_lng=c.x,
        area_hectares=area_hectares(geometry),
    )


def make_officer(rank: str, serial: int, first="Sam", last="Officer") -> Officer:
    return Officer.objects.create(
        first_name=first,
        last_name=f"{last}{serial}",
        collar_number=f"{serial}XX",
        rank=rank,
        email=f"officer{serial}@police.example",
        phone="020 7946 0000",
    )


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
    world = World(force=Force.objects.create(code="testforce", name="Test Police"))
    start = date(2020, 1, 1)
    for letter, offset, code in (("a", 0, "E09000901"), ("b", 4, "E09000902")):
        geom = as_multipolygon(
            box(ORIGIN_LNG + offset * SIZE, ORIGIN_LAT, ORIGIN_LNG + (offset + 4) * SIZE, ORIGIN_LAT + SIZE)
        )
        borough = Borough.objects.create(
            force=world.force,
            code=code,
            name=f"Borough {letter.upper()}",
            boundary=to_geojson(geom),
            display_boundary=to_geojson(geom),
        )
        cluster = Cluster.objects.create(
            borough=borough, code=f"C-{letter.upper()}", name=f"Cluster {letter.upper()}"
        )
        world.boroughs[letter] = borough
        world.clusters[letter] = cluster
        for i in range(4):
            key = f"{letter}{i + 1}"
            population = 15000 if i == 0 else 9000
            ward = make_neighbourhood(
                borough, cluster, f"E0590{offset + i:04d}", offset + i, population=population
            )
            world.wards[key] = ward
            world.teams[key] = Team.objects.create(neighbourhood=ward, name=f"{ward.name} SNT")
    neighbours_recompute()
    serial = 100
    for letter in "ab":
        serial += 1
        sergeant = make_officer(Rank.SERGEANT, serial, last="Sergeant")
        world.officers[f"sergeant_{letter}"] = sergeant
        # The sergeant of borough X leads wards x1 and x2 (a shared sergeant).
        for key in (f"{letter}1", f"{letter}2"):
            Posting.objects.create(officer=sergeant, team=world.teams[key], start_date=start)
        for rank in (Rank.PC, Rank.PC, Rank.PCSO, Rank.PCSO, Rank.PCSO):
            serial += 1
            officer = make_officer(rank, serial)
            world.officers.setdefault(f"{rank}_{letter}", officer)
            Posting.objects.create(officer=officer, team=world.teams[f"{letter}1"], start_date=start)
        serial += 1
        inspector = make_officer(Rank.INSPECTOR, serial, last="Inspector")
        world.officers[f"inspector_{letter}"] = inspector
        world.clusters[letter].inspector = inspector
        world.clusters[letter].save()
    partner = PartnerOrganisation.objects.create(name="Borough A Council", kind="council")
    partner.boroughs.set([world.boroughs["a"]])
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
        world.users[role.value] = user_create(
            username=role.value,
            password=PASSWORD,
            role=role,
            first_name="Test",
            last_name=role.label,
            **anchor,
        )
    return world
