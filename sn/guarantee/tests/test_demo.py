"""The demo's neglected priorities: without them the demo showed every priority fresh, and the stale flag,
the owner's work item and the measure had nothing to show."""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from sn.activity.models import ActivityRecord
from sn.activity.services import Activity, activity_record
from sn.core.models import AuditEvent
from sn.guarantee.demo import priorities_neglect
from sn.guarantee.priorities import stale_priorities
from sn.panels.models.priorities import ProgressUpdate, Review
from sn.panels.tests.factories import (
    MeetingFactory,
    MilestoneFactory,
    PanelFactory,
    PriorityFactory,
    ProgressUpdateFactory,
    at_seven_pm,
)

pytestmark = pytest.mark.django_db


def test_a_neglected_priority_goes_stale_and_its_work_stays_recorded(world):
    today = timezone.localdate()
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    chosen = MeetingFactory(panel=panel, starts_at=at_seven_pm(today - timedelta(days=220)))
    priority = PriorityFactory(selected_at=chosen, owner=world.officers["pc_a"], wording="Mill Lane speeding")
    for weeks in range(0, 30, 3):
        ProgressUpdateFactory(priority=priority, on=today - timedelta(weeks=weeks))
    MilestoneFactory(priority=priority, description="Speed cameras", achieved_on=today - timedelta(days=9))
    activity_record(
        neighbourhood=world.wards["a1"],
        activity=Activity(
            on=today - timedelta(days=5), summary="Speed check", counts={"arrests": 1}, priority=priority
        ),
    )
    assert stale_priorities(today) == []

    neglected = priorities_neglect(rng=random.Random(1), today=today, share=1.0)

    assert neglected == 1
    rows = stale_priorities(today)
    assert [r.priority for r in rows] == [priority]
    assert (today - rows[0].last_update).days > 90
    # Earlier updates stay; the activity happened, it is just no longer recorded against the priority.
    assert ProgressUpdate.objects.filter(priority=priority).exists()
    assert ActivityRecord.objects.filter(summary="Speed check", priority__isnull=True).exists()
    assert not Review.objects.filter(
        priority=priority, meeting__starts_at__date__gt=rows[0].last_update
    ).exists()
    assert AuditEvent.objects.filter(action="delete").exists()


def test_neglect_leaves_young_and_resolved_priorities_alone(world):
    today = timezone.localdate()
    panel = PanelFactory(neighbourhood=world.wards["a1"])
    recent = MeetingFactory(panel=panel, starts_at=at_seven_pm(today - timedelta(days=60)))
    PriorityFactory(selected_at=recent, owner=world.officers["pc_a"])
    assert priorities_neglect(rng=random.Random(1), today=today, share=1.0) == 0
    assert stale_priorities(today) == []
