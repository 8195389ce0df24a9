"""Activity in a ward of the test world, for the access matrix and the view tests: the ward's panel
priority (sn.panels.tests.helpers), a case working it (in a1 the world's partner organisation is invited
to it), and a record of police activity on the case. Built once per world and ward."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from sn.activity.models import ActivityCount, ActivityRecord
from sn.activity.services import copies_of
from sn.panels.tests.helpers import OWNERS, ward_panel_setup
from sn.problemsolving.models import Case, CaseInvitation


@dataclass
class WardActivity:
    case: Case
    record: ActivityRecord


def make_case(world, key: str, *, priority=None, title: str = "Burglary on the estate") -> Case:
    ward = world.wards[key]
    today = timezone.localdate()
    return Case.objects.create(
        neighbourhood=ward,
        priority=priority,
        title=title,
        problem_statement="Homes on the estate broken into at night.",
        category_codes=",burglary,",
        period_start=date(today.year - 1, today.month, 1),
        period_end=today.replace(day=1),
        owner=world.officers[OWNERS[key]],
        review_due_on=today + timedelta(weeks=4),
        last_activity_on=today,
        response_started_on=today - timedelta(days=60),
    )


def invite(world, case: Case) -> CaseInvitation:
    return CaseInvitation.objects.create(
        case=case,
        organisation=world.users["partner"].partner_organisation,
        invited_by=world.users["sergeant"],
        invited_on=timezone.localdate(),
    )


def ward_activity_setup(world, key: str) -> WardActivity:
    cache = world.__dict__.setdefault("activity_setup", {})
    if key not in cache:
        cache[key] = _build(world, key)
    return cache[key]


def _build(world, key: str) -> WardActivity:
    priority = ward_panel_setup(world, key).priority
    case = make_case(world, key, priority=priority)
    if key == "a1":
        invite(world, case)
    on = timezone.localdate()
    record = ActivityRecord.objects.create(
        neighbourhood=world.wards[key],
        on=on,
        month=on.replace(day=1),
        summary="Crime prevention surveys on the estate",
        priority=priority,
        case=case,
    )
    ActivityCount.objects.create(
        record=record, kind="crime_prevention_surveys", count=12, **copies_of(record)
    )
    return WardActivity(case, record)
