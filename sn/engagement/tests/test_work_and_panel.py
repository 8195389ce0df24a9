import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sn.concerns.report_sections import concerns_section
from sn.concerns.tests.factories import ConcernFactory
from sn.core.registries import WARD_PANELS, WORK_ITEMS
from sn.engagement.models import EventKind
from sn.engagement.panels import engagement_panel
from sn.engagement.report_sections import engagement_section, engagement_strategic_section
from sn.engagement.tests.factories import EventFactory, days_ago
from sn.engagement.work import events_to_write_up_items, late_write_ups

pytestmark = pytest.mark.django_db


def test_the_providers_are_registered_for_the_team_and_its_supervisors():
    assert WORK_ITEMS.get("events_to_write_up").permission == "manage_engagement"
    assert WORK_ITEMS.get("late_write_ups").permission == "follow_up_write_ups"
    assert WARD_PANELS.get("engagement").permission == "view_engagement"


def test_a_pc_sees_the_events_of_their_ward_to_write_up_worst_first(world):
    a1, a3 = world.wards["a1"], world.wards["a3"]
    mine = EventFactory(neighbourhood=a1, led_by=world.officers["pc_a"], led_by_name="", written_up_at=None,
                        starts_at=days_ago(2), title="My briefing")  # fmt: skip
    late = EventFactory(neighbourhood=a1, written_up_at=None, starts_at=days_ago(20), title="Old meeting")
    EventFactory(neighbourhood=a1, title="Written up")
    EventFactory(neighbourhood=a1, written_up_at=None, starts_at=days_ago(-2), title="Next week")
    EventFactory(neighbourhood=a3, written_up_at=None, title="Another ward's")
    items = {
        item.title.split(": ", 1)[1].split(",")[0]: item
        for item in events_to_write_up_items(world.user("team_officer"))
    }
    assert set(items) == {"My briefing", "Old meeting"}
    assert items["My briefing"].detail == "Street briefing, led by you" and not items["My briefing"].overdue
    assert items["Old meeting"].overdue and items["Old meeting"].urgency == 13
    assert items["Old meeting"].url == reverse("engagement:event_write_up", args=[late.pk])
    assert items["My briefing"].area == a1.name and mine.pk


def test_a_sergeant_sees_every_team_they_lead(world):
    EventFactory(neighbourhood=world.wards["a1"], written_up_at=None)
    EventFactory(neighbourhood=world.wards["a2"], written_up_at=None)
    EventFactory(neighbourhood=world.wards["b1"], written_up_at=None)
    areas = {item.area for item in events_to_write_up_items(world.user("sergeant"))}
    assert areas == {world.wards["a1"].name, world.wards["a2"].name}


def test_an_inspector_sees_the_wards_of_their_cluster_late_with_write_ups(world):
    for _ in range(3):
        EventFactory(neighbourhood=world.wards["a3"], written_up_at=None, starts_at=days_ago(30))
    EventFactory(neighbourhood=world.wards["a1"], written_up_at=None, starts_at=days_ago(2))  # not late yet
    EventFactory(neighbourhood=world.wards["b1"], written_up_at=None, starts_at=days_ago(30))
    items = late_write_ups(world.user("inspector"))
    assert [(i.area, i.urgency, i.overdue) for i in items] == [(world.wards["a3"].name, 3, True)]
    assert items[0].title.startswith("3 events not written up within 7 days")


def test_the_ward_panel_counts_by_kind_in_the_same_queries_however_busy(world):
    ward = world.wards["a1"]
    EventFactory(neighbourhood=ward, kind=EventKind.PUBLIC_MEETING, attendance=40)
    sergeant = world.user("sergeant")
    engagement_panel(sergeant, ward)  # the first call also reads the user's permissions
    with CaptureQueriesContext(connection) as few:
        engagement_panel(sergeant, ward)
    for days in range(1, 30):
        EventFactory(
            neighbourhood=ward, kind=EventKind.STREET_BRIEFING, starts_at=days_ago(days * 3), attendance=5
        )
    EventFactory(neighbourhood=ward, starts_at=days_ago(-4), written_up_at=None, title="Coming soon")
    EventFactory(neighbourhood=ward, starts_at=days_ago(500), kind=EventKind.SURVEY)  # before the 12 months
    with CaptureQueriesContext(connection) as many:
        panel = engagement_panel(sergeant, ward)
    assert len(many) == len(few)
    summary = panel["engagement"]
    counts = {k.kind: (k.events, k.attendance) for k in summary.by_kind}
    assert counts == {EventKind.PUBLIC_MEETING: (1, 40), EventKind.STREET_BRIEFING: (29, 145)}
    assert [e.title for e in summary.upcoming] == ["Coming soon"] and len(summary.recent) == 3


def test_the_ward_page_shows_the_panel_to_officers_not_to_panel_members(client_for, world):
    ward = world.wards["a1"]
    EventFactory(neighbourhood=ward, title="Estate walkabout")
    url = reverse("pages:ward", args=[ward.code])
    assert "Estate walkabout" in client_for("inspector").get(url).content.decode()
    assert "Estate walkabout" not in client_for("panel_member").get(url).content.decode()


def test_the_reports_count_the_month_s_events_and_the_year_s_concerns(world):
    ward, today = world.wards["a1"], timezone.localdate()
    EventFactory(
        neighbourhood=ward, kind=EventKind.PUBLIC_MEETING, starts_at=days_ago(0, hour=0), attendance=30
    )
    EventFactory(
        neighbourhood=world.wards["a2"], starts_at=days_ago(0, hour=0), attendance=None, written_up_at=None
    )
    EventFactory(neighbourhood=ward, kind=EventKind.VISUAL_AUDIT, starts_at=days_ago(200))
    ConcernFactory(neighbourhood=ward, topic="burglary", raised_on=today)
    borough = engagement_section(world.boroughs["a"], today)
    assert [t.caption for t in borough.tables] == ["Events by kind", "Events by ward"]
    assert borough.tables[1].rows == [[ward.name, 1, 30, 0], [world.wards["a2"].name, 1, 0, 1]]
    assert engagement_section(world.wards["a3"], today).summary == ["No engagement events recorded."]
    strategic = engagement_strategic_section(ward, today)
    assert [row[1] for row in strategic.tables[1].rows] == ["Public meeting", "Environmental visual audit"]
    concerns = concerns_section(ward, today)
    assert concerns.tables[0].rows[0][:3] == ["Burglary", 1, 1]
