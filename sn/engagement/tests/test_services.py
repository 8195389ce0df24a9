import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.concerns.models import Channel, Concern
from sn.concerns.taxonomy import Topic
from sn.core.models import AuditEvent
from sn.engagement.models import Event, EventKind, Finding, SurveyResponse
from sn.engagement.services import (
    ConcernInput,
    event_archive,
    event_concern_add,
    event_create,
    event_update,
    event_write_up,
    finding_add,
    survey_response_add,
)
from sn.engagement.tests.factories import EventFactory, FindingFactory, days_ago

IN_A1 = (51.505, -0.195)
IN_A2 = (51.505, -0.185)
OUTSIDE = (52.5, 0.5)

pytestmark = pytest.mark.django_db


def _plan(world, **changes):
    fields = {
        "neighbourhood": world.wards["a1"],
        "kind": EventKind.STREET_BRIEFING,
        "title": "Street briefing outside the station",
        "starts_at": days_ago(-7),
        "venue": "Station forecourt",
        "led_by": world.officers["pc_a"],
    }
    return event_create(**{**fields, **changes})


def _refused(call, field: str, text: str = "") -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call()
    messages = (
        caught.value.message_dict.get(field) if hasattr(caught.value, "error_dict") else caught.value.messages
    )
    assert messages, f"no error on {field}: {caught.value}"
    assert text in " ".join(messages)
    return caught.value


def test_an_event_is_planned_by_an_officer_of_the_team_and_audited(world):
    event = _plan(world, actor=world.user("team_officer"))
    assert event.leader == f"{world.officers['pc_a'].get_rank_display()} {world.officers['pc_a'].full_name}"
    assert not event.is_written_up
    assert AuditEvent.objects.filter(object_id=str(event.pk), action="create").exists()


def test_an_officer_of_another_team_cannot_be_named_as_leading_it(world):
    _refused(lambda: _plan(world, led_by=world.officers["pc_b"]), "led_by", "not on the")
    assert not Event.objects.exists()


def test_someone_must_lead_it_and_only_one_way(world):
    _refused(lambda: _plan(world, led_by=None), "led_by", "Say who led it")
    _refused(lambda: _plan(world, led_by_name="Cllr Smith"), "led_by", "not both")
    assert _plan(world, led_by=None, led_by_name="Council ASB officer").leader == "Council ASB officer"


def test_a_point_outside_the_ward_is_refused_naming_where_it_is(world):
    _refused(lambda: _plan(world, latitude=IN_A2[0], longitude=IN_A2[1]), "latitude", world.wards["a2"].name)
    _refused(lambda: _plan(world, latitude=OUTSIDE[0], longitude=OUTSIDE[1]), "latitude", "outside the force")
    assert not Event.objects.exists()
    assert _plan(world, venue="", latitude=IN_A1[0], longitude=IN_A1[1]).located


def test_an_event_needs_a_place_unless_it_is_online(world):
    _refused(lambda: _plan(world, venue=""), "venue")
    assert _plan(world, venue="", kind=EventKind.ONLINE).place == "Online"


def test_an_event_cannot_end_before_it_starts(world):
    start = days_ago(-3)
    _refused(lambda: _plan(world, starts_at=start, ends_at=start - datetime.timedelta(hours=1)), "ends_at")


def test_an_event_in_the_future_cannot_be_written_up_and_nothing_is_written(world):
    event = _plan(world)
    _refused(lambda: event_write_up(event=event, attendance=10), "__all__", "has not happened yet")
    event.refresh_from_db()
    assert event.attendance is None and not event.is_written_up


def test_attendance_cannot_be_negative_or_missing(world):
    event = EventFactory(neighbourhood=world.wards["a1"], written_up_at=None, attendance=None)
    _refused(lambda: event_write_up(event=event, attendance=-1), "attendance", "cannot be negative")
    _refused(lambda: event_write_up(event=event, attendance=None), "attendance", "0 if nobody")
    event.refresh_from_db()
    assert not event.is_written_up


def test_a_write_up_records_attendance_notes_and_the_concerns_raised(world):
    event = EventFactory(neighbourhood=world.wards["a1"], written_up_at=None, attendance=None)
    event_write_up(
        event=event,
        attendance=23,
        notes="  Busy evening  ",
        concerns=[
            ConcernInput(Topic.ASB_YOUTHS, "Groups gathering by the shops", "Parade"),
            ConcernInput(Topic.BURGLARY, "Sheds broken into on the allotments"),
        ],
        actor=world.user("team_officer"),
    )
    event.refresh_from_db()
    assert (event.attendance, event.notes, event.is_written_up) == (23, "Busy evening", True)
    concerns = Concern.objects.order_by("id")
    assert [c.topic for c in concerns] == [Topic.ASB_YOUTHS, Topic.BURGLARY]
    assert {c.channel for c in concerns} == {Channel.ENGAGEMENT_EVENT}
    assert all(c.raised_on == event.day and c.source_record == event for c in concerns)
    assert concerns[0].source.startswith("Street briefing, Outside the library")


def test_a_bad_concern_row_refuses_the_whole_write_up(world):
    event = EventFactory(neighbourhood=world.wards["a1"], written_up_at=None, attendance=None)
    rows = [ConcernInput(Topic.BURGLARY, "Sheds"), ConcernInput("", "No topic given")]
    error = _refused(lambda: event_write_up(event=event, attendance=5, concerns=rows), "concern_2_topic")
    assert "concern_1_topic" not in error.message_dict
    assert not Concern.objects.exists()
    event.refresh_from_db()
    assert not event.is_written_up


def test_a_concern_added_at_an_event_may_be_placed_in_the_ward_only(world):
    event = EventFactory(neighbourhood=world.wards["a1"])
    concern = ConcernInput(Topic.DRUG_DEALING, "Dealing by the garages", "Garages", *IN_A1)
    assert event_concern_add(event=event, concern=concern).located
    stray = ConcernInput(Topic.DRUG_DEALING, "Dealing by the garages", "Garages", *IN_A2)
    _refused(lambda: event_concern_add(event=event, concern=stray), "latitude", world.wards["a2"].name)
    assert Concern.objects.count() == 1


def test_a_written_up_event_cannot_move_into_the_future(world):
    event = EventFactory(neighbourhood=world.wards["a1"])
    _refused(
        lambda: event_update(
            event=event,
            kind=event.kind,
            title=event.title,
            starts_at=days_ago(-2),
            venue=event.venue,
            led_by_name=event.led_by_name,
        ),
        "starts_at",
        "written up",
    )


def test_an_audit_with_findings_cannot_become_another_kind(world):
    finding = FindingFactory(event__neighbourhood=world.wards["a1"])
    event = finding.event
    _refused(
        lambda: event_update(
            event=event,
            kind=EventKind.PUBLIC_MEETING,
            title=event.title,
            starts_at=event.starts_at,
            venue=event.venue,
            led_by_name=event.led_by_name,
        ),
        "kind",
    )


def test_an_archived_event_takes_no_write_up(world):
    event = EventFactory(neighbourhood=world.wards["a1"], written_up_at=None)
    _refused(lambda: event_archive(event=event, reason=" "), "reason")
    event_archive(event=event, reason="Cancelled: the hall flooded")
    _refused(lambda: event_write_up(event=event, attendance=3), "__all__", "archived")


def _audit(world, **changes):
    return EventFactory(neighbourhood=world.wards["a1"], kind=EventKind.VISUAL_AUDIT, **changes)


@pytest.mark.parametrize(
    ("item", "topic"),
    [
        ("graffiti", Topic.CRIMINAL_DAMAGE),
        ("vandalism", Topic.CRIMINAL_DAMAGE),
        ("litter", Topic.ASB_LITTER),
        ("drug_litter", Topic.ASB_DRUG_LITTER),
        ("abandoned_vehicle", Topic.ASB_VEHICLES),
        ("lighting", Topic.OTHER),
    ],
)
def test_a_finding_becomes_a_concern_of_its_mapped_topic(world, item, topic):
    audit = _audit(world)
    finding = finding_add(event=audit, item=item, severity="serious", latitude=IN_A1[0], longitude=IN_A1[1])
    concern = finding.concern
    assert (concern.topic, concern.channel) == (topic, Channel.VISUAL_AUDIT)
    assert (concern.latitude, concern.longitude) == IN_A1 and concern.source_record == audit
    assert concern.audit_finding == finding


def test_a_finding_outside_the_ward_is_refused_and_nothing_is_written(world):
    audit = _audit(world)
    _refused(
        lambda: finding_add(
            event=audit, item="graffiti", severity="minor", latitude=IN_A2[0], longitude=IN_A2[1]
        ),
        "latitude",
        f"That point is in {world.wards['a2'].name}",
    )
    _refused(
        lambda: finding_add(event=audit, item="graffiti", severity="minor", latitude=None, longitude=None),
        "latitude",
    )
    assert not Finding.objects.exists() and not Concern.objects.exists()


def test_findings_belong_to_audits_that_have_happened(world):
    briefing = EventFactory(neighbourhood=world.wards["a1"])
    _refused(
        lambda: finding_add(
            event=briefing, item="graffiti", severity="minor", latitude=IN_A1[0], longitude=IN_A1[1]
        ),
        "__all__",
        "visual audits",
    )
    planned = _audit(world, starts_at=days_ago(-1), written_up_at=None)
    _refused(
        lambda: finding_add(
            event=planned, item="graffiti", severity="minor", latitude=IN_A1[0], longitude=IN_A1[1]
        ),
        "__all__",
        "not happened yet",
    )


def test_an_other_finding_says_what_it_is(world):
    _refused(
        lambda: finding_add(
            event=_audit(world), item="other", severity="minor", latitude=IN_A1[0], longitude=IN_A1[1]
        ),
        "note",
    )


def _survey(world, **changes):
    return EventFactory(neighbourhood=world.wards["a1"], kind=EventKind.SURVEY, **changes)


def test_a_response_naming_a_worry_becomes_a_survey_concern(world):
    survey = _survey(world)
    response = survey_response_add(
        event=survey, worry=Topic.ASB_YOUTHS, safe_after_dark="no", times=["weekday_evening", "weekend_night"]
    )
    assert response.times == ["weekday_evening", "weekend_night"]
    assert (response.concern.topic, response.concern.channel) == (Topic.ASB_YOUTHS, Channel.SURVEY)
    assert response.concern.source_type == ContentType.objects.get_for_model(Event)
    nothing = survey_response_add(event=survey, worry="", safe_after_dark="yes")
    assert nothing.concern is None and Concern.objects.count() == 1


def test_a_response_with_an_unknown_answer_is_refused(world):
    survey = _survey(world)
    _refused(lambda: survey_response_add(event=survey, worry="aliens", safe_after_dark="yes"), "worry")
    _refused(
        lambda: survey_response_add(event=survey, worry="", safe_after_dark="perhaps"), "safe_after_dark"
    )
    _refused(
        lambda: survey_response_add(event=survey, worry="", safe_after_dark="yes", times=["dawn"]), "times"
    )
    assert not SurveyResponse.objects.exists()


def test_responses_belong_to_surveys_that_have_started(world):
    _refused(
        lambda: survey_response_add(event=_audit(world), worry="", safe_after_dark="yes"),
        "__all__",
        "surveys",
    )
    later = _survey(world, starts_at=timezone.now() + datetime.timedelta(hours=2), written_up_at=None)
    _refused(
        lambda: survey_response_add(event=later, worry="", safe_after_dark="yes"), "__all__", "not happened"
    )
