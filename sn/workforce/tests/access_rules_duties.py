"""Who may open the duties pages (collected through access_rules.py by the access matrix).

A team's week and an officer's duties: the team and everyone above it within their area. Recording and
correcting: the sergeant of the team. The code table and the abstraction policy: the central unit."""

from datetime import date

from sn.testing.access import FORCE_ROLES, OFFICER_ROLES, OTHER_BOROUGH, SAME_BOROUGH, SAME_CLUSTER
from sn.workforce.tests.factories import DutyFactory, local_start

RECORDERS = frozenset({"sergeant"})
# The world's ward key and the officer posted to it whose duty each level tries.
DUTY_OFFICERS = {"a1": "pc_a", "a3": "pc_a3", "a5": "pc_a5", "b1": "pc_b"}


def world_duties(world) -> dict:
    cache = world.__dict__.setdefault("workforce_duties", {})
    if not cache:
        for n, (ward, officer) in enumerate(DUTY_OFFICERS.items()):
            cache[ward] = DutyFactory(
                officer=world.officers[officer],
                team=world.teams[ward],
                starts_at=local_start(date(2024, 3, 4 + n)),
            )
    return cache


def _team(key):
    return lambda w: {"code": w.wards[key].code}


def _duty(key):
    return lambda w: {"pk": world_duties(w)[key].pk}


def _officer(key):
    return lambda w: {"collar": w.officers[key].collar_number}


def _levels(make, keys=("a3", "a5", "b1")):
    return dict(zip((SAME_CLUSTER, SAME_BOROUGH, OTHER_BOROUGH), (make(k) for k in keys), strict=True))


ACCESS_RULES = {
    "workforce:team_duties": (_team("a1"), _levels(_team), OFFICER_ROLES),
    "workforce:duty_new": (_team("a1"), _levels(_team), RECORDERS),
    "workforce:duty_edit": (_duty("a1"), _levels(_duty), RECORDERS),
    "workforce:duty_delete": (_duty("a1"), _levels(_duty), RECORDERS),
    "workforce:officer_duties": (
        _officer("pc_a"),
        _levels(_officer, ("pc_a3", "pc_a5", "pc_b")),
        OFFICER_ROLES,
    ),
    "workforce:duty_codes": (lambda w: {}, None, FORCE_ROLES),
    "workforce:abstraction_policy": (lambda w: {}, None, FORCE_ROLES),
}
