"""Meetings every four to six weeks: the next one is due from four weeks after the last held, overdue
after six; meetings are recorded as held only once they have happened, with members of the panel."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from sn.panels.models import Meeting
from sn.panels.overview import area_overview
from sn.panels.selectors import cadence_of
from sn.panels.services import meeting_cancel, meeting_plan, meeting_record_held
from sn.panels.tests.factories import MeetingFactory, PanelFactory, PanelMemberFactory, at_seven_pm, days_ago
from sn.teams.models import Officer

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 2)


@pytest.fixture
def panel(world):
    return PanelFactory(neighbourhood=world.wards["a1"], formed_on=datetime.date(2024, 1, 1))


def held(panel, day, **kwargs):
    return MeetingFactory(panel=panel, starts_at=at_seven_pm(day), **kwargs)


def test_the_next_meeting_is_due_four_to_six_weeks_after_the_last_held(panel):
    held(panel, datetime.date(2026, 1, 5))
    held(panel, datetime.date(2025, 11, 20))

    cadence = cadence_of(panel, today=TODAY)

    assert cadence.last_held == datetime.date(2026, 1, 5)
    assert cadence.due_from == datetime.date(2026, 2, 2)
    assert cadence.due_by == datetime.date(2026, 2, 16)
    assert cadence.overdue and cadence.days_overdue == 14 and cadence.state == "overdue"


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (datetime.date(2026, 1, 30), "on time"),
        (datetime.date(2026, 2, 2), "due"),
        (datetime.date(2026, 2, 16), "due"),
        (datetime.date(2026, 2, 17), "overdue"),
    ],
)
def test_the_cadence_turns_due_at_four_weeks_and_overdue_after_six(panel, today, state):
    held(panel, datetime.date(2026, 1, 5))
    assert cadence_of(panel, today=today).state == state


@override_settings(SN_PANEL_MEETING_INTERVAL_WEEKS=(2, 3))
def test_the_interval_is_a_setting(panel):
    held(panel, datetime.date(2026, 2, 2))
    assert cadence_of(panel, today=TODAY).due_by == datetime.date(2026, 2, 23)


def test_cancelled_and_planned_meetings_do_not_count_as_held_and_a_new_panel_counts_from_its_forming(panel):
    held(panel, datetime.date(2026, 2, 20), status=Meeting.Status.CANCELLED)
    held(panel, datetime.date(2026, 2, 25), status=Meeting.Status.PLANNED)

    cadence = cadence_of(panel, today=TODAY)

    assert cadence.last_held is None
    assert cadence.due_by == datetime.date(2024, 2, 12)


def test_the_next_planned_meeting_is_found(panel):
    held(panel, days_ago(20))
    later = held(panel, days_ago(-10), status=Meeting.Status.PLANNED)
    held(panel, days_ago(-40), status=Meeting.Status.PLANNED)

    cadence = cadence_of(panel)

    assert cadence.next_planned_id == later.pk and cadence.planned_in_time


def test_the_overview_lists_panels_worst_first_with_the_wards_that_have_none(world, panel):
    held(panel, days_ago(80))
    on_time = PanelFactory(neighbourhood=world.wards["a2"])
    held(on_time, days_ago(10))
    held(on_time, days_ago(45))

    overview = area_overview(world.clusters["a"].neighbourhoods.all())

    states = [(row.neighbourhood.code, row.state) for row in overview.worst_first]
    assert states[:2] == sorted([(world.wards["a3"].code, "no panel"), (world.wards["a4"].code, "no panel")])
    assert states[2:] == [(world.wards["a1"].code, "overdue"), (world.wards["a2"].code, "on time")]
    assert overview.overdue == 1 and overview.on_time_share == 0.5
    a2 = next(row for row in overview.rows if row.neighbourhood == world.wards["a2"])
    assert a2.meetings_in_year == 2 and a2.longest_gap_weeks == 5


def test_a_meeting_is_recorded_as_held_only_once_it_has_happened(world, panel):
    meeting = meeting_plan(
        panel=panel, starts_at=at_seven_pm(days_ago(-7)), place="Library", actor=world.user("team_officer")
    )

    with pytest.raises(ValidationError) as refused:
        meeting_record_held(
            meeting=meeting, starts_at=meeting.starts_at, minutes="Minutes", actor=world.user("team_officer")
        )

    assert "still to come" in refused.value.message_dict["starts_at"][0]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_recording_a_meeting_keeps_attendance_and_refuses_people_not_on_the_panel(world, panel):
    meeting = held(panel, days_ago(3), status=Meeting.Status.PLANNED, minutes="")
    present = PanelMemberFactory(panel=panel, joined_on=days_ago(100))
    stranger = PanelMemberFactory(name="Someone Else")
    left = PanelMemberFactory(panel=panel, joined_on=days_ago(100), left_on=days_ago(50))

    with pytest.raises(ValidationError) as refused:
        meeting_record_held(
            meeting=meeting,
            starts_at=meeting.starts_at,
            minutes="Minutes",
            members_present=[present, stranger, left],
            actor=world.user("team_officer"),
        )
    assert set(refused.value.message_dict) == {"members_present"}
    assert stranger.name in refused.value.message_dict["members_present"][0]
    assert not meeting.members_present.exists()

    meeting_record_held(
        meeting=meeting,
        starts_at=meeting.starts_at,
        minutes="Minutes",
        members_present=[present],
        officers_present=[world.officers["pc_a"]],
        public_count=12,
        actor=world.user("team_officer"),
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.public_count == 12
    assert list(meeting.members_present.all()) == [present]
    assert list(meeting.officers_present.all()) == [Officer.objects.get(pk=world.officers["pc_a"].pk)]


def test_a_held_meeting_cannot_be_cancelled_and_a_cancellation_says_why(world, panel):
    meeting = held(panel, days_ago(3))
    with pytest.raises(ValidationError):
        meeting_cancel(meeting=meeting, reason="Hall flooded", actor=world.user("team_officer"))

    planned = held(panel, days_ago(-3), status=Meeting.Status.PLANNED)
    with pytest.raises(ValidationError) as refused:
        meeting_cancel(meeting=planned, reason="", actor=world.user("team_officer"))
    assert "reason" in refused.value.message_dict
    meeting_cancel(meeting=planned, reason="Hall flooded", actor=world.user("team_officer"))
    planned.refresh_from_db()
    assert planned.status == Meeting.Status.CANCELLED


def test_a_meeting_years_ahead_is_a_slip_of_the_year(world, panel):
    far = timezone.now() + datetime.timedelta(days=800)
    with pytest.raises(ValidationError) as refused:
        meeting_plan(panel=panel, starts_at=far, place="Library", actor=world.user("team_officer"))
    assert "starts_at" in refused.value.message_dict
