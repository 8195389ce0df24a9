"""Duties rostered for a team and deployments for tests.

`roster` writes on-duty duties straight to the table (as the duty system's file would), so the cover
rule has something to check; `DeploymentFactory` writes a deployment without the service's rules, for
pages and access tests (use sn.deployments.services.deployment_create to test the rules).
"""

from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from sn.deployments.models import Deployment, LentOfficer
from sn.panels.models import Meeting
from sn.panels.selectors import active_panel
from sn.panels.tests.factories import MeetingFactory, PanelFactory, PriorityFactory
from sn.workforce.models import Duty, DutySource
from sn.workforce.tests.factories import duty_codes_seed

EARLY = ("07:00", 8)


def _at(day: date, hhmm: str) -> datetime:
    hours, minutes = (int(p) for p in hhmm.split(":"))
    return timezone.make_aware(datetime.combine(day, time(hours, minutes)))


def roster(team, officers, first: date, days: int, shift: tuple[str, int] = EARLY) -> list[Duty]:
    """Every officer on duty on the team's ward in `shift` (start, hours) for `days` days from `first`."""
    code = duty_codes_seed()["SN"]
    duties = []
    for n in range(days):
        day = first + timedelta(days=n)
        starts_at = _at(day, shift[0])
        ends_at = starts_at + timedelta(hours=shift[1])
        for officer in officers:
            duties.append(
                Duty(
                    officer=officer,
                    team=team,
                    neighbourhood=team.neighbourhood,
                    date=day,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    minutes=shift[1] * 60,
                    code=code,
                    source=DutySource.SERVICE,
                )
            )
    return Duty.objects.bulk_create(duties)


def ward_priority(ward):
    """An active priority of the ward, chosen at a held meeting of its panel (made when it has none)."""
    panel = active_panel(ward) or PanelFactory(neighbourhood=ward)
    return PriorityFactory(selected_at=MeetingFactory(panel=panel))


def planned_meeting(ward, days_ahead: int = 14) -> Meeting:
    panel = active_panel(ward) or PanelFactory(neighbourhood=ward)
    starts_at = _at(timezone.localdate() + timedelta(days=days_ahead), "19:00")
    return MeetingFactory(panel=panel, status=Meeting.Status.PLANNED, starts_at=starts_at, minutes="")


class DeploymentFactory(DjangoModelFactory):
    """A deployment of the next week to a ward, for a new priority of it; lend with `lend(...)`."""

    class Meta:
        model = Deployment

    neighbourhood = None
    priority = factory.LazyAttribute(lambda o: ward_priority(o.neighbourhood))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=1))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + timedelta(days=6))
    reason = "Patrols at the times the burglaries happen"
    status = Deployment.Status.PLANNED


def lend(deployment: Deployment, officer, team) -> LentOfficer:
    return LentOfficer.objects.create(deployment=deployment, officer=officer, home_team=team)


def world_deployments(world) -> dict[str, Deployment]:
    """A deployment at each level of the access matrix, made once per world: here (a1's pc to a2),
    another ward of the cluster (a3's pc to a4), another cluster (to a5, no one lent), another borough
    (b1's pc to b2)."""
    if hasattr(world, "_deployments"):
        return world._deployments
    made = {}
    made["here"] = DeploymentFactory(neighbourhood=world.wards["a2"])
    lend(made["here"], world.officers["pc_a"], world.teams["a1"])
    made["cluster"] = DeploymentFactory(neighbourhood=world.wards["a4"])
    lend(made["cluster"], world.officers["pc_a3"], world.teams["a3"])
    made["borough"] = DeploymentFactory(neighbourhood=world.wards["a5"])
    made["other"] = DeploymentFactory(neighbourhood=world.wards["b2"])
    lend(made["other"], world.officers["pc_b"], world.teams["b1"])
    world._deployments = made
    return made
