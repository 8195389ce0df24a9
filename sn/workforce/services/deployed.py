"""Duties of an officer lent to another ward under Approach A (sn.deployments): their on-duty duties in
the period are worked on the receiving ward, and move back to the home ward for the days a deployment
no longer covers when it ends early or is cancelled. Abstractions stay abstractions, and the team
(whose rostered hours the duty counts in) never changes: the officer stays posted to their own team.

Each moved duty gets an update event in the audit trail naming the ward it left and the ward it went to.
"""

from datetime import date

from django.db import transaction

from sn.core.audit import audit_actor, record_change
from sn.geography.models import Neighbourhood
from sn.teams.models import Officer
from sn.workforce.models import Duty, DutyCode


def _move(duties: list[Duty], to: Neighbourhood, why: str) -> int:
    for duty in duties:
        record_change(duty, {"neighbourhood": [duty.neighbourhood_id, to.pk], "why": why})
    if duties:
        Duty.objects.filter(pk__in=[d.pk for d in duties]).update(neighbourhood=to)
    return len(duties)


def _on_duty(officer: Officer, first: date, last: date):
    return Duty.objects.filter(
        officer=officer, date__gte=first, date__lte=last, code__kind=DutyCode.Kind.ON_DUTY
    ).select_related("team", "officer", "code")  # the trail names each duty by its officer and code


@transaction.atomic
def duties_lend(
    *, officer: Officer, neighbourhood: Neighbourhood, first: date, last: date, why: str = "", actor=None
) -> int:
    """Move the officer's on-duty duties from `first` to `last` to the receiving ward; how many moved."""
    with audit_actor(actor):
        duties = list(_on_duty(officer, first, last).exclude(neighbourhood=neighbourhood))
        return _move(duties, neighbourhood, why or f"lent to {neighbourhood.name}")


@transaction.atomic
def duties_return(
    *, officer: Officer, neighbourhood: Neighbourhood, first: date, last: date, why: str = "", actor=None
) -> int:
    """Move the officer's on-duty duties from `first` to `last` that are on the receiving ward
    `neighbourhood` back to their team's own ward; how many moved."""
    if last < first:
        return 0
    with audit_actor(actor):
        moved = 0
        duties = list(_on_duty(officer, first, last).filter(neighbourhood=neighbourhood))
        by_home: dict[int, list[Duty]] = {}
        for duty in duties:
            by_home.setdefault(duty.team.neighbourhood_id, []).append(duty)
        homes = Neighbourhood.objects.in_bulk(list(by_home))
        for home_id, group in by_home.items():
            moved += _move(group, homes[home_id], why or f"back from {neighbourhood.name}")
        return moved
