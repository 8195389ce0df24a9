"""The rules of key locations and recurring events, enforced by the services: a point must lie in the
ward, each refusal names its field and writes nothing, every change is audited, archive never deletes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from shapely.geometry import box

from sn.core.models import AuditEvent
from sn.geography.geometry import as_multipolygon
from sn.geography.tests.factories import ORIGIN_LAT, ORIGIN_LNG, SIZE, NeighbourhoodFactory, square
from sn.profiles.models import KeyLocation, RecurringEvent
from sn.profiles.services import (
    key_location_archive,
    key_location_create,
    key_location_update,
    recurring_event_archive,
    recurring_event_create,
    recurring_event_update,
)
from sn.profiles.tests.factories import KeyLocationFactory, RecurringEventFactory


def _inside(ward) -> dict:
    return {"latitude": ward.centroid_lat, "longitude": ward.centroid_lng}


def _location(ward, **overrides) -> dict:
    return {
        "neighbourhood": ward,
        "kind": "school",
        "name": "Oakfield Primary School",
        **_inside(ward),
        **overrides,
    }


def _event(ward, **overrides) -> dict:
    values = {
        "neighbourhood": ward,
        "kind": "market",
        "name": "Saturday Market",
        "schedule": "Every Saturday, 8am to 4pm",
        "next_date": timezone.localdate() + datetime.timedelta(days=3),
        **_inside(ward),
    }
    return {**values, **overrides}


def _refused(service, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        service(**kwargs)
    return caught.value.message_dict


def test_a_key_location_inside_the_ward_is_recorded_and_audited(world):
    ward = world.wards["a1"]
    location = key_location_create(
        **_location(ward, address=" 1 Oak Road "), actor=world.user("team_officer")
    )
    assert (location.neighbourhood, location.address) == (ward, "1 Oak Road")
    event = AuditEvent.objects.get(content_type__model="keylocation", object_id=str(location.pk))
    assert event.action == AuditEvent.Action.CREATE and event.actor == world.user("team_officer")
    assert location.created_by == world.user("team_officer")


def test_a_point_in_the_next_ward_is_refused_naming_that_ward_and_nothing_is_written(world):
    a1, a2 = world.wards["a1"], world.wards["a2"]
    errors = _refused(key_location_create, **_location(a1, **_inside(a2)))
    assert errors == {"latitude": [f"That point is in {a2.name}, not {a1.name}: place it inside the ward."]}
    assert not KeyLocation.objects.exists()


def test_a_point_outside_every_ward_is_refused(world):
    ward = world.wards["a1"]
    errors = _refused(key_location_create, **_location(ward, latitude=ORIGIN_LAT - 1, longitude=ORIGIN_LNG))
    assert errors == {"latitude": [f"That point is outside {ward.name}: place it inside the ward."]}


def test_a_key_location_needs_a_point_a_kind_and_a_name(world):
    ward = world.wards["a1"]
    errors = _refused(
        key_location_create, **_location(ward, kind="castle", name=" ", latitude=None, longitude=None)
    )
    assert set(errors) == {"kind", "name", "latitude"}
    assert errors["latitude"] == ["Place it on the map, or give its latitude and longitude."]


def test_a_non_ward_area_takes_points_inside_its_own_boundary_only(world):
    # An overlay on ward a1's south-west quarter: a point in a1 outside the overlay is not the overlay's.
    overlay = NeighbourhoodFactory(
        kind="non_ward", borough=world.boroughs["a"], cluster=world.clusters["a"], area=_quarter_of_a1()
    )
    inside = {"latitude": ORIGIN_LAT + SIZE / 4, "longitude": ORIGIN_LNG + SIZE / 4}
    outside = {"latitude": ORIGIN_LAT + SIZE * 3 / 4, "longitude": ORIGIN_LNG + SIZE * 3 / 4}
    assert key_location_create(**_location(overlay, **inside)).neighbourhood == overlay
    errors = _refused(key_location_create, **_location(overlay, **outside))
    assert errors == {"latitude": [f"That point is outside {overlay.name}: place it inside the area."]}


def _quarter_of_a1():
    return as_multipolygon(box(ORIGIN_LNG, ORIGIN_LAT, ORIGIN_LNG + SIZE / 2, ORIGIN_LAT + SIZE / 2))


def test_a_change_is_audited_with_old_and_new_values_and_may_not_leave_the_ward(world):
    a1 = world.wards["a1"]
    location = KeyLocationFactory(neighbourhood=a1, name="Old Name")
    key_location_update(location=location, **_moved(_location(a1, name="New Name")))
    event = AuditEvent.objects.get(content_type__model="keylocation", action=AuditEvent.Action.UPDATE)
    assert event.changes["name"] == ["Old Name", "New Name"]
    errors = _refused(
        key_location_update, location=location, **_moved(_location(a1, **_inside(world.wards["a2"])))
    )
    assert list(errors) == ["latitude"]
    location.refresh_from_db()
    assert location.latitude == a1.centroid_lat


def _moved(values: dict) -> dict:
    return {k: v for k, v in values.items() if k != "neighbourhood"}


def test_archiving_keeps_the_record_with_who_and_why(world):
    location = KeyLocationFactory(neighbourhood=world.wards["a1"])
    key_location_archive(location=location, reason="Closed in March", actor=world.user("sergeant"))
    location.refresh_from_db()
    assert location.is_archived and location.archived_reason == "Closed in March"
    assert location.archived_by == world.user("sergeant")
    assert not KeyLocation.objects.live().exists() and KeyLocation.objects.exists()
    with pytest.raises(ValidationError):
        key_location_update(location=location, **_moved(_location(world.wards["a1"])))


def test_archiving_needs_a_reason(world):
    location = KeyLocationFactory(neighbourhood=world.wards["a1"])
    assert _refused(key_location_archive, location=location, reason=" ") == {
        "reason": ["Say why the record is archived."]
    }


def test_a_recurring_event_is_recorded_with_its_schedule_and_next_date(world):
    event = recurring_event_create(**_event(world.wards["a1"], expected_attendance=400))
    assert (event.schedule, event.expected_attendance) == ("Every Saturday, 8am to 4pm", 400)


def test_an_event_needs_a_schedule_and_a_next_date_not_gone(world):
    ward = world.wards["a1"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    errors = _refused(recurring_event_create, **_event(ward, schedule="", next_date=yesterday))
    assert set(errors) == {"schedule", "next_date"}
    assert errors["next_date"] == ["The next date cannot be in the past: give the next time it happens."]
    assert not RecurringEvent.objects.exists()


def test_an_event_outside_the_ward_is_refused(world):
    errors = _refused(recurring_event_create, **_event(world.wards["a1"], **_inside(world.wards["b1"])))
    assert list(errors) == ["latitude"]


def test_an_event_whose_date_has_passed_may_be_changed_otherwise_and_keep_it(world):
    passed = timezone.localdate() - datetime.timedelta(days=10)
    event = RecurringEventFactory(neighbourhood=world.wards["a1"], next_date=passed)
    values = _moved(_event(world.wards["a1"], name="Renamed market", next_date=passed))
    recurring_event_update(event=event, **values)
    assert RecurringEvent.objects.get().name == "Renamed market"
    errors = _refused(
        recurring_event_update, event=event, **{**values, "next_date": passed - datetime.timedelta(days=1)}
    )
    assert list(errors) == ["next_date"]


def test_an_event_is_archived_not_deleted(world):
    event = RecurringEventFactory(neighbourhood=world.wards["a1"])
    recurring_event_archive(event=event, reason="Market closed")
    assert RecurringEvent.objects.archived().get() == event


def test_a_location_in_a_ward_of_another_borough_is_still_a_point_in_the_ward_given(world):
    far = NeighbourhoodFactory(area=square(3, 40))
    assert key_location_create(**_location(far)).neighbourhood == far
