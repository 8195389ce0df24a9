"""Tasking records in the test world (sn.testing.world), built once per world and borough."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.models import Case
from sn.tasking.models import Action, ResourceBid, TaskingMeeting


def make_case(ward, owner, *, title: str = "Youths gathering at the parade", **kwargs) -> Case:
    today = timezone.localdate()
    values = {
        "neighbourhood": ward,
        "title": title,
        "problem_statement": "Residents report groups of youths and damage most evenings.",
        "category_codes": ",anti-social-behaviour,",
        "period_start": date(today.year - 1, 1, 1),
        "period_end": date(today.year - 1, 6, 1),
        "owner": owner,
        "review_due_on": today + timedelta(weeks=2),
        "last_activity_on": today,
        **kwargs,
    }
    return Case.objects.create(**values)


@dataclass
class BoroughTasking:
    earlier: TaskingMeeting
    meeting: TaskingMeeting
    action: Action
    bid: ResourceBid


def tasking_setup(world, letter: str) -> BoroughTasking:
    cache = world.__dict__.setdefault("tasking_setup", {})
    if letter not in cache:
        cache[letter] = _build(world, letter)
    return cache[letter]


def _build(world, letter: str) -> BoroughTasking:
    borough = world.boroughs[letter]
    today = timezone.localdate()
    earlier = TaskingMeeting.objects.create(
        borough=borough, held_on=today - timedelta(days=60), chair="Supt Sam Chair"
    )
    meeting = TaskingMeeting.objects.create(
        borough=borough, held_on=today - timedelta(days=30), chair="Supt Sam Chair"
    )
    action = Action.objects.create(
        meeting=earlier, description="Ask the council for lighting", owner_name="Jo Council", due_on=today
    )
    priority = ward_panel_setup(world, f"{letter}1").priority
    bid = ResourceBid.objects.create(
        neighbourhood=world.wards[f"{letter}1"],
        priority=priority,
        what="Two PCs on late turn",
        why="Evening disorder",
        weeks=4,
        raised_by=world.users["sergeant"],
        raised_on=today - timedelta(days=40),
    )
    return BoroughTasking(earlier, meeting, action, bid)
