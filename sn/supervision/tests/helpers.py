"""Demand and proposals for the supervision tests, in the test world (sn.testing.world)."""

from django.utils import timezone

from sn.core.months import add_months
from sn.incidents.categories import Category
from sn.incidents.models import IncidentMonthly
from sn.supervision.models import SupervisionProposal
from sn.supervision.services import proposal_create

# Borough A's wards a1-a4 lie in a row in one cluster: a1 busiest, a3 and a4 quiet.
DEMAND = {"a1": 300, "a2": 120, "a3": 20, "a4": 30, "b1": 50, "b2": 40, "b3": 30, "b4": 20}


def give_demand(world, demand: dict[str, int] = DEMAND) -> None:
    month = add_months(timezone.localdate().replace(day=1), -1)
    IncidentMonthly.objects.bulk_create(
        IncidentMonthly(neighbourhood=world.wards[key], month=month, category=Category.BURGLARY, count=count)
        for key, count in demand.items()
        if key in world.wards
    )


def borough_a_proposal(world, target: int = 2, actor=None) -> SupervisionProposal:
    """Borough A in two groups: a1 alone (busiest), a2-a3-a4 together, or a2 alone and a3-a4 paired."""
    give_demand(world)
    return proposal_create(
        borough=world.boroughs["a"], target=target, actor=actor or world.users["borough_lead"]
    )
