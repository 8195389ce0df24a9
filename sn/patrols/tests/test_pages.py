"""The patrol pages: recording a patrol from the page, refusals shown on the field, proposing and
adopting a plan, and the area page's sections."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.patrols.models import PatrolPlan, PatrolRecord
from sn.patrols.tests.factories import PatrolAreaFactory
from sn.rosters.models import CallForService

pytestmark = pytest.mark.django_db


@pytest.fixture
def area(world):
    return PatrolAreaFactory(neighbourhood=world.wards["a1"])


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_pc_records_a_patrol(client_for, area):
    client = client_for("team_officer")
    now = timezone.now()
    response = client.post(
        reverse("patrols:record", args=[area.pk]),
        {
            "started_at": _local(now - timedelta(hours=3)),
            "ended_at": _local(now - timedelta(hours=1)),
            "source": "briefing",
            "note": "High street",
        },
    )
    assert response.status_code == 302
    assert PatrolRecord.objects.get().source == "briefing"


def test_a_patrol_in_the_future_is_refused_on_the_page(client_for, area):
    client = client_for("team_officer")
    now = timezone.now()
    response = client.post(
        reverse("patrols:record", args=[area.pk]),
        {"started_at": _local(now + timedelta(hours=2)), "ended_at": _local(now + timedelta(hours=3))},
    )
    assert response.status_code == 200
    assert "in the future" in response.content.decode()
    assert not PatrolRecord.objects.exists()


def test_a_sergeant_proposes_and_adopts_a_plan(client_for, area):
    client = client_for("sergeant")
    week = timezone.localdate() - timedelta(days=timezone.localdate().weekday()) + timedelta(days=7)
    friday_night = timezone.make_aware(datetime.combine(week - timedelta(days=10), datetime.min.time()))
    CallForService.objects.bulk_create(
        CallForService(
            received_at=friday_night + timedelta(hours=22, minutes=i),
            neighbourhood=area.neighbourhood,
            latitude=area.centre_lat,
            longitude=area.centre_lng,
            call_type="ASB",
            source_reference=f"p{i}",
        )
        for i in range(5)
    )
    response = client.post(reverse("patrols:propose", args=[area.pk]), {"week": week.isoformat()})
    assert response.status_code == 302
    plan = PatrolPlan.objects.get()
    assert plan.week_start == week
    page = client.get(reverse("patrols:area", args=[area.pk])).content.decode()
    assert "Demand by hour of the week" in page and "No data for this period" in page
    assert plan.slots.order_by("-demand").first().day == 4  # Friday
    response = client.post(reverse("patrols:adopt", args=[area.pk, plan.pk]))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == PatrolPlan.Status.ADOPTED


def test_a_pc_may_not_plan(client_for, area):
    response = client_for("team_officer").post(reverse("patrols:propose", args=[area.pk]))
    assert response.status_code == 403
    assert not PatrolPlan.objects.exists()
