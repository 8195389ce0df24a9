"""The EPIC demo on the test world: the routine for every team, each priority's work within the time it
held its place, linked to its case only within the response, partners' interventions as their work,
and the same rows for the same seed and day."""

from datetime import date

import pytest

from sn.activity.demo import activity_demo_load
from sn.activity.models import ActivityCount, ActivityRecord
from sn.activity.tests.helpers import make_case
from sn.core.models import AuditEvent
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.models import Intervention

pytestmark = pytest.mark.django_db

TODAY = date(2024, 11, 15)


@pytest.fixture
def worked(world):
    priority = ward_panel_setup(world, "a1").priority
    priority.selected_on, priority.topic = date(2024, 3, 10), "burglary"
    priority.save()
    case = make_case(world, "a1", priority=priority)
    case.response_started_on = date(2024, 6, 1)
    case.save()
    partner = world.users["partner"]
    Intervention.objects.create(
        case=case,
        description="Council fits window locks",
        delivered_by="partner",
        organisation=partner.partner_organisation,
        owner_user=partner,
        due_on=date(2024, 9, 1),
        status="done",
        completed_on=date(2024, 8, 20),
        completed_by=partner,
    )
    return world, priority, case


def _rows():
    return sorted(
        (r.neighbourhood_id, r.on, r.summary, tuple(sorted((c.kind, c.count) for c in r.counts.all())))
        for r in ActivityRecord.objects.prefetch_related("counts")
    )


def test_the_demo_is_consistent_with_priorities_and_cases(worked):
    world, priority, case = worked
    summary = activity_demo_load(seed=7, today=TODAY, progress=lambda *_: None)
    assert "records" in summary
    teams = {r.neighbourhood_id for r in ActivityRecord.objects.all()}
    assert teams == {ward.pk for ward in world.wards.values()}
    assert not ActivityRecord.objects.filter(on__gt=TODAY).exists()
    on_priority = ActivityRecord.objects.filter(priority=priority)
    assert on_priority.exists() and not on_priority.filter(on__lt=priority.selected_on).exists()
    kinds = set(ActivityCount.objects.filter(record__priority=priority).values_list("kind", flat=True))
    assert {"crime_prevention_surveys", "property_marking"} <= kinds
    assert not ActivityRecord.objects.filter(case=case, on__lt=case.response_started_on).exists()
    partner = ActivityRecord.objects.get(case=case, delivered_by="partner")
    assert partner.organisation == world.users["partner"].partner_organisation
    assert case.response_started_on <= partner.on <= date(2024, 8, 20)
    assert AuditEvent.objects.filter(action="bulk_create", changes__source="activity-demo").count() == 2


def test_the_demo_is_the_same_for_the_same_seed_and_day(worked):
    activity_demo_load(seed=7, today=TODAY, progress=lambda *_: None)
    first = _rows()
    ActivityCount.objects.all().delete()
    ActivityRecord.objects.all().delete()
    activity_demo_load(seed=7, today=TODAY, progress=lambda *_: None)
    assert _rows() == first
