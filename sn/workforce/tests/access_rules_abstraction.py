"""Who may open the abstraction pages (collected by sn/core/tests/test_access_matrix.py).

Supervisors, analysts and the borough and force roles hold view_abstraction; each area's page is for
those who reach the area (a cluster's for the roles that oversee clusters, and so on), an officer's
for those who reach the officer's team. Every ward of the world gets duties this month and last, so
that the downloads hold rows and the matrix can check each names only areas the role reaches.
"""

from django.utils import timezone

from sn.core.months import add_months
from sn.teams.models import Posting
from sn.teams.tests.factories import OfficerFactory
from sn.testing.access import (
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    FORCE_ROLES,
    OTHER_BOROUGH,
    SAME_BOROUGH,
    SAME_CLUSTER,
)
from sn.workforce.tests.factories import DutyFactory, abstraction_policy_seed, duty_codes_seed, local_start

ABSTRACTION_ROLES = frozenset({"sergeant", "inspector", "analyst", "borough_lead", "central_unit"})
# Which of the world's officers each officer route is tried with: one posted on a1, and one at each
# level of elsewhere.
OFFICERS = {"a1": "pc_a", "a3": "pc_a3", "a5": "pc_a5", "b1": "pc_b"}


def abstraction_duties(world) -> None:
    """Per ward: an officer posted there with an on-duty and an abstracted day this month and last."""
    if world.__dict__.get("abstraction_duties"):
        return
    codes = duty_codes_seed()
    abstraction_policy_seed()
    this_month = timezone.localdate().replace(day=1)
    for key, team in world.teams.items():
        posting = Posting.objects.filter(team=team).order_by("pk").first()
        officer = world.officers.get(OFFICERS.get(key, "")) or (
            posting.officer if posting else OfficerFactory()
        )
        for month in (add_months(this_month, -1), this_month):
            for hour, code in ((7, "SN"), (15, "AB")):
                DutyFactory(officer=officer, team=team, code=codes[code], starts_at=local_start(month, hour))
    world.abstraction_duties = True


def _ward(key: str):
    def kwargs(world):
        abstraction_duties(world)
        return {"code": world.wards[key].code}

    return kwargs


def _officer(key: str):
    def kwargs(world):
        abstraction_duties(world)
        return {"pk": world.officers[OFFICERS[key]].pk}

    return kwargs


def _levels(kwargs):
    return {SAME_CLUSTER: kwargs("a3"), SAME_BOROUGH: kwargs("a5"), OTHER_BOROUGH: kwargs("b1")}


def _code(code):
    def kwargs(world):
        abstraction_duties(world)
        return {"code": code(world)}

    return kwargs


def _force(world) -> dict:
    abstraction_duties(world)
    return {}


ACCESS_RULES = {
    "workforce:abstraction_force": (_force, None, FORCE_ROLES),
    "workforce:abstraction_borough": (
        _code(lambda w: w.boroughs["a"].code),
        {OTHER_BOROUGH: _code(lambda w: w.boroughs["b"].code)},
        BOROUGH_ROLES,
    ),
    "workforce:abstraction_cluster": (
        _code(lambda w: "C-A"),
        {SAME_BOROUGH: _code(lambda w: "C-A2"), OTHER_BOROUGH: _code(lambda w: "C-B")},
        CLUSTER_ROLES,
    ),
    "workforce:abstraction_ward": (_ward("a1"), _levels(_ward), ABSTRACTION_ROLES),
    "workforce:abstraction_officer": (_officer("a1"), _levels(_officer), ABSTRACTION_ROLES),
}
DOWNLOADS = {name: ("csv", "xlsx") for name in ACCESS_RULES}
