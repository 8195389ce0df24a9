"""The patrol pages: recording a patrol from the page, refusals shown on the field, proposing and
adopting a plan, and the area page's sections."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.core.models import AuditEvent
from sn.patrols.models import PatrolArea, PatrolPlan, PatrolRecord
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
    assert response.status_code == 400
    page = response.content.decode()
    assert "The patrol&#x27;s start is in the future" in page
    assert 'href="#id_started_at"' in page
    assert not PatrolRecord.objects.exists()


def test_a_patrol_without_its_times_is_refused_naming_the_fields(client_for, area):
    before = AuditEvent.objects.count()
    response = client_for("team_officer").post(reverse("patrols:record", args=[area.pk]), {"note": "x"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter when the patrol started" in page and "Enter when the patrol ended" in page
    assert not PatrolRecord.objects.exists()
    assert AuditEvent.objects.count() == before


def test_an_area_without_a_name_or_ward_is_refused_naming_the_fields(client_for, world):
    response = client_for("inspector").post(reverse("patrols:new"), {"kind": "hotspot", "radius_m": "250"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose the ward the area is in" in page
    assert not PatrolArea.objects.exists()


def test_an_area_the_service_refuses_is_a_400_naming_the_field(client_for, world):
    response = client_for("inspector").post(
        reverse("patrols:new"),
        {"name": "", "kind": "hotspot", "ward": world.wards["a1"].code, "radius_m": "250"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a name for the area" in page and "Enter the latitude of the centre" in page
    assert not PatrolArea.objects.exists()


def test_adopting_a_plan_adopted_already_is_refused_with_a_400(client_for, area):
    plan = PatrolPlan.objects.create(area=area, week_start=date(2026, 1, 5), status=PatrolPlan.Status.ADOPTED)
    response = client_for("sergeant").post(reverse("patrols:adopt", args=[area.pk, plan.pk]))
    assert response.status_code == 400
    assert "The plan is adopted already" in response.content.decode()


def test_adopting_a_plan_without_slots_is_refused_with_a_400_and_nothing_written(client_for, area):
    plan = PatrolPlan.objects.create(area=area, week_start=date(2026, 1, 5))
    response = client_for("sergeant").post(reverse("patrols:adopt", args=[area.pk, plan.pk]))
    assert response.status_code == 400
    assert "The plan has no slots" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == PatrolPlan.Status.PROPOSED


def test_proposing_a_plan_for_a_day_not_a_monday_is_refused_with_a_400(client_for, area):
    tuesday = timezone.localdate() - timedelta(days=timezone.localdate().weekday()) + timedelta(days=8)
    response = client_for("sergeant").post(reverse("patrols:propose", args=[area.pk]), {"week": tuesday})
    assert response.status_code == 400
    assert "A plan&#x27;s week starts on a Monday" in response.content.decode()
    assert not PatrolPlan.objects.exists()


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


def test_the_heat_map_and_the_plan_give_demand_as_counts_over_the_weeks_they_were_read_from(client_for, area):
    """QA 14.6: the cells read 0.0 (a tiny mean per average week rounded) and the plan's slot another
    figure in the same unknown unit. Both are now the calls, crimes and ASB in the weeks read, with the
    weeks named, so a slot is the sum of its cells when both were read from the same weeks."""
    this_monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    # One call a week at the area's centre, Friday 22:00, in the eleven weeks before this one: inside
    # the weeks the heat map reads (to today) and those this week's plan reads (to this Monday).
    CallForService.objects.bulk_create(
        CallForService(
            received_at=timezone.make_aware(
                datetime.combine(this_monday - timedelta(weeks=w) + timedelta(days=4), datetime.min.time())
            )
            + timedelta(hours=22),
            neighbourhood=area.neighbourhood,
            latitude=area.centre_lat,
            longitude=area.centre_lng,
            call_type="ASB",
            source_reference=f"w{w}",
        )
        for w in range(1, 12)
    )
    client = client_for("sergeant")
    assert client.post(reverse("patrols:propose", args=[area.pk]), {"week": this_monday}).status_code == 302
    page = client.get(reverse("patrols:area", args=[area.pk])).content.decode()
    heat = page.split('id="demand-table"')[1].split("</table>")[0]
    friday = heat.split("Friday</th>")[1].split("</tr>")[0]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", friday)
    assert cells[22] == "11" and cells[21] == "0"
    weeks = f"over the 12 weeks from {(timezone.localdate() - timedelta(weeks=12)):%-d %B %Y}"
    assert weeks in page
    slots = page.split('aria-label="This week\'s slots"')[1].split("</table>")[0]
    assert "Friday 20:00-23:00" in slots
    assert re.search(r"Friday 20:00-23:00</td><td[^>]*>\d</td><td[^>]*>11</td>", slots)
    assert f"over the 12 weeks from {this_monday - timedelta(weeks=12):%-d %B %Y}" in page
