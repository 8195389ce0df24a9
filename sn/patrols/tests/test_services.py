"""The patrol services and reads: a patrol in the future or ending before it starts is refused naming
the field and writes nothing; a plan takes the peak hours of demand; delivery counts a slot covered by a
patrol record or a duty on the ward; every write is audited."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from sn.core.models import AuditEvent
from sn.core.months import this_month
from sn.incidents.models import CountSource, Coverage, Incident
from sn.patrols.hooks import delivered_figures, town_centre_crime_figures
from sn.patrols.models import PatrolArea, PatrolPlan, PatrolRecord
from sn.patrols.selectors import add_months, choose_slots, delivery_by_week, town_centre_crime
from sn.patrols.services import patrol_area_create, patrol_plan_adopt, patrol_plan_propose, patrol_record
from sn.patrols.tests.factories import PatrolAreaFactory
from sn.rosters.models import CallForService
from sn.scorecard.selectors import Area, area_figures
from sn.workforce.tests.factories import DutyFactory

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 10, 5)


def at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()) + timedelta(hours=hour))


@pytest.fixture
def area(world):
    return PatrolAreaFactory(neighbourhood=world.wards["a1"])


def test_a_patrol_in_the_future_is_refused_naming_the_field_and_nothing_written(world, area):
    before = AuditEvent.objects.count()
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        patrol_record(
            area=area,
            started_at=now + timedelta(hours=1),
            ended_at=now + timedelta(hours=2),
            actor=world.user("team_officer"),
        )
    assert "future" in error.value.message_dict["started_at"][0]
    assert "future" in error.value.message_dict["ended_at"][0]
    assert not PatrolRecord.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_patrol_ending_before_it_starts_is_refused(world, area):
    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        patrol_record(
            area=area, started_at=now - timedelta(hours=1), ended_at=now - timedelta(hours=2), actor=None
        )
    assert "after its start" in error.value.message_dict["ended_at"][0]
    assert not PatrolRecord.objects.exists()


def test_a_patrol_recorded_is_audited(world, area):
    now = timezone.now()
    record = patrol_record(
        area=area,
        started_at=now - timedelta(hours=3),
        ended_at=now - timedelta(hours=1),
        officer=world.officers["pc_a"],
        actor=world.user("team_officer"),
    )
    assert record.recorded_by == world.user("team_officer")
    event = AuditEvent.objects.get(object_id=str(record.pk), content_type__model="patrolrecord")
    assert event.actor == world.user("team_officer")


def test_the_busiest_windows_are_chosen_without_overlap():
    total = [0.0] * 168
    for hour in (4 * 24 + 21, 4 * 24 + 22, 4 * 24 + 23, 5 * 24 + 21, 5 * 24 + 22, 5 * 24 + 23):
        total[hour] = 10.0  # Friday and Saturday 21:00-24:00
    total[2 * 24 + 12] = 3.0  # Wednesday noon
    chosen = choose_slots(total, slots=3, hours=3)
    starts = [start for start, _ in chosen]
    assert set(starts[:2]) == {4 * 24 + 21, 5 * 24 + 21}
    assert chosen[0][1] == 30.0
    assert len({h for s in starts for h in range(s, s + 3)}) == 9  # no hour twice


@override_settings(SN_PATROL_SLOTS_PER_WEEK=2, SN_PATROL_SLOT_HOURS=3)
def test_the_plan_proposed_takes_the_peak_hours_of_calls_in_the_area(world, area):
    # Calls at the centre of the area on Friday and Saturday nights, a few on Tuesday mornings.
    calls = []
    for week in range(1, 9):
        monday = MONDAY - timedelta(weeks=week)
        for day, hour, n in ((4, 22, 5), (5, 23, 4), (1, 9, 1)):
            for i in range(n):
                calls.append(
                    CallForService(
                        received_at=at(monday + timedelta(days=day), hour) + timedelta(minutes=i),
                        neighbourhood=area.neighbourhood,
                        latitude=area.centre_lat,
                        longitude=area.centre_lng,
                        call_type="ASB",
                        source_reference=f"c-{week}-{day}-{i}",
                    )
                )
    CallForService.objects.bulk_create(calls)
    plan = patrol_plan_propose(area=area, week_start=MONDAY, actor=world.user("sergeant"))
    slots = list(plan.slots.order_by("-demand"))
    assert [(s.day, s.start_hour <= 22 < s.start_hour + 3) for s in slots][0] == (4, True)
    assert {s.day for s in slots} == {4, 5}
    assert plan.status == PatrolPlan.Status.PROPOSED
    assert "calls for service" in plan.generated_from
    patrol_plan_adopt(plan=plan, actor=world.user("sergeant"))
    plan.refresh_from_db()
    assert plan.status == PatrolPlan.Status.ADOPTED and plan.adopted_by == world.user("sergeant")
    with pytest.raises(ValidationError) as error:
        patrol_plan_propose(area=area, week_start=MONDAY, actor=world.user("sergeant"))
    assert "week_start" in error.value.message_dict


def test_a_plan_week_starts_on_a_monday(world, area):
    with pytest.raises(ValidationError) as error:
        patrol_plan_propose(area=area, week_start=MONDAY + timedelta(days=1), actor=None)
    assert "Monday" in error.value.message_dict["week_start"][0]
    assert not PatrolPlan.objects.exists()


@override_settings(SN_PATROL_SLOTS_PER_WEEK=3, SN_PATROL_SLOT_HOURS=3)
def test_delivery_counts_slots_covered_by_a_record_or_a_duty(world, area):
    CallForService.objects.bulk_create(
        [
            CallForService(
                received_at=at(MONDAY - timedelta(days=7 - d), 20),
                neighbourhood=area.neighbourhood,
                latitude=area.centre_lat,
                longitude=area.centre_lng,
                call_type="ASB",
                source_reference=f"d{d}",
            )
            for d in (0, 2, 4)
        ]
    )
    plan = patrol_plan_propose(area=area, week_start=MONDAY, actor=None)
    patrol_plan_adopt(plan=plan, actor=None)
    slots = list(plan.slots.order_by("starts_at"))
    assert len(slots) == 3
    # The first by a patrol record, the second by a duty on the ward, the third not at all.
    PatrolRecord.objects.create(
        area=area, started_at=slots[0].starts_at, ended_at=slots[0].ends_at, source="manual"
    )
    DutyFactory(
        officer=world.officers["pc_a"],
        team=world.teams["a1"],
        starts_at=slots[1].starts_at - timedelta(hours=4),
        ends_at=slots[1].starts_at + timedelta(hours=2),
    )
    # A duty in another ward covers nothing.
    DutyFactory(
        officer=world.officers["pc_b"],
        team=world.teams["b1"],
        starts_at=slots[2].starts_at,
        ends_at=slots[2].ends_at,
    )
    now = slots[-1].ends_at + timedelta(days=1)
    rows = delivery_by_week(area, now=now)
    assert rows == [{"week_start": MONDAY, "planned": 3, "delivered": 2, "percent": 67}]
    figures = delivered_figures(MONDAY, MONDAY + timedelta(days=7))
    assert figures == {area.neighbourhood_id: (2.0, 3.0)}


def cover(
    month: date, *, source=CountSource.RECORDS, categories=("shoplifting", "robbery", "theft-from-the-person")
):
    Coverage.objects.bulk_create([Coverage(month=month, category=c, source=source) for c in categories])


def test_town_centre_crime_counts_the_categories_inside_the_area(world, area):
    month = date(2026, 9, 1)
    cover(month)
    far_lng = area.centre_lng + 0.02
    Incident.objects.bulk_create(
        [
            Incident(
                source_key=f"i{i}",
                month=month,
                category=category,
                longitude=lng,
                latitude=area.centre_lat,
                neighbourhood=area.neighbourhood,
            )
            for i, (category, lng) in enumerate(
                [
                    ("shoplifting", area.centre_lng),
                    ("shoplifting", area.centre_lng),
                    ("robbery", area.centre_lng),
                    ("burglary", area.centre_lng),
                    ("shoplifting", far_lng),
                ]
            )
        ]
    )
    table = town_centre_crime(area, months=3, until=date(2026, 10, 15))
    september = next(r for r in table["rows"] if r["month"] == month)
    labels = [c["key"] for c in table["columns"]]
    cells = dict(zip(labels, september["cells"], strict=True))
    assert cells == {"shop_theft": 2, "robbery": 1, "theft_from_person": 0, "assault_retail": None}
    assert town_centre_crime_figures(month, date(2026, 10, 1)) == {area.neighbourhood_id: (3.0, 1.0)}
    area.kind = PatrolArea.Kind.HOTSPOT
    area.save()
    assert town_centre_crime_figures(month, date(2026, 10, 1)) == {}


def test_an_area_is_made_from_a_ward_and_a_point_with_radius(world):
    ward = world.wards["a2"]
    probe = PatrolAreaFactory.build(neighbourhood=ward)
    area = patrol_area_create(
        name="Market",
        kind="hotspot",
        neighbourhood=ward,
        centre_lat=probe.centre_lat,
        centre_lng=probe.centre_lng,
        radius_m=300,
        actor=world.user("inspector"),
    )
    assert area.shape().area > 0
    with pytest.raises(ValidationError) as error:
        patrol_area_create(
            name="",
            kind="hotspot",
            neighbourhood=ward,
            centre_lat=probe.centre_lat,
            centre_lng=probe.centre_lng,
            radius_m=5,
            actor=None,
        )
    assert set(error.value.message_dict) == {"name", "radius_m"}
    assert PatrolArea.objects.count() == 1


def test_town_centre_crime_has_no_figures_for_a_period_with_no_located_data_loaded(world, area):
    """A month nobody loaded (police.uk lags) is not a zero: no ward entries, and no zero on the page."""
    september, october = date(2026, 9, 1), date(2026, 10, 1)
    assert town_centre_crime_figures(september, october) == {}
    # Counts-only figures have no locations: they cannot say what fell inside an area.
    cover(september, source=CountSource.COUNTS)
    assert town_centre_crime_figures(september, october) == {}
    # One category missing: still no figure (a part-loaded month would undercount).
    cover(september, categories=("shoplifting", "robbery"))
    assert town_centre_crime_figures(september, october) == {}
    cover(september, categories=("theft-from-the-person",))
    assert town_centre_crime_figures(september, october) == {area.neighbourhood_id: (0.0, 1.0)}
    # A quarter with one month loaded: no figure.
    assert town_centre_crime_figures(date(2026, 7, 1), october) == {}
    table = town_centre_crime(area, months=3, until=date(2026, 11, 15))
    by_month = {r["month"]: r for r in table["rows"]}
    assert table["last"] == september
    assert by_month[september]["covered"] and by_month[september]["cells"][:3] == [0, 0, 0]
    assert not by_month[date(2026, 8, 1)]["covered"]
    assert by_month[date(2026, 8, 1)]["cells"] == [None, None, None, None]


def test_the_area_page_says_no_data_for_a_month_not_loaded(client_for, world, area):
    Incident.objects.create(
        source_key="x1",
        month=add_months(timezone.localdate().replace(day=1), -1),
        category="shoplifting",
        longitude=area.centre_lng,
        latitude=area.centre_lat,
        neighbourhood=area.neighbourhood,
    )
    page = client_for("sergeant").get(f"/patrols/{area.pk}/").content.decode()
    assert "No data for this period" in page
    assert "No police.uk data with locations is loaded" in page


def test_the_scorecard_shows_no_data_for_town_centre_crime_in_a_month_without_located_data(world, area):
    loaded = add_months(this_month(), -2)
    not_loaded = add_months(this_month(), -1)
    cover(loaded)
    # Counts only (modelled ward figures, no points) for the later month: nothing to place in an area.
    cover(not_loaded, source=CountSource.COUNTS)
    for where in (
        Area.of_ward(area.neighbourhood),
        Area.of_borough(area.neighbourhood.borough),
        Area.force(),
    ):
        found = area_figures(where, [loaded, not_loaded])
        assert found[("town_centre_crime", loaded)].shown == "0"
        assert found[("town_centre_crime", not_loaded)].value is None
        assert found[("town_centre_crime", not_loaded)].shown == "No data"
