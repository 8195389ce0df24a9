"""Recording and correcting activity: the rules the services enforce, each refusal naming its field and
writing nothing, and the trail every write leaves."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.accounts.tests.factories import PartnerOrganisationFactory
from sn.activity.models import ActivityCount, ActivityRecord
from sn.activity.services import Activity, activity_correct, activity_record
from sn.activity.tests.helpers import invite, make_case
from sn.core.models import AuditEvent
from sn.panels.tests.helpers import ward_panel_setup

pytestmark = pytest.mark.django_db


def _activity(**changes) -> Activity:
    values = {
        "on": timezone.localdate() - timedelta(days=1),
        "summary": "Operation day on the estate",
        "counts": {"arrests": 2, "leaflet_drops": 40},
    }
    return Activity(**{**values, **changes})


def _refused(world, field: str, *, actor_role: str = "pc", ward: str = "a1", **changes) -> str:
    actor = world.users["team_officer" if actor_role == "pc" else actor_role]
    before = (ActivityRecord.objects.count(), ActivityCount.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        activity_record(neighbourhood=world.wards[ward], activity=_activity(**changes), actor=actor)
    assert (
        ActivityRecord.objects.count(),
        ActivityCount.objects.count(),
        AuditEvent.objects.count(),
    ) == before
    assert field in refused.value.message_dict, refused.value.message_dict
    return refused.value.message_dict[field][0]


def test_the_team_records_an_operation_day_with_several_counts(world):
    record = activity_record(
        neighbourhood=world.wards["a1"], activity=_activity(), actor=world.users["team_officer"]
    )
    assert record.month == record.on.replace(day=1)
    assert {c.kind: c.count for c in record.counts.all()} == {"arrests": 2, "leaflet_drops": 40}
    assert record.created_by == world.users["team_officer"]
    events = AuditEvent.objects.filter(actor=world.users["team_officer"], action="create")
    assert events.count() == 3  # the record and its two counts


def test_a_negative_count_is_refused_naming_the_kind(world):
    message = _refused(world, "arrests", counts={"arrests": -1, "leaflet_drops": 3})
    assert "cannot be negative" in message


def test_a_record_with_no_count_is_refused(world):
    assert "at least one count" in _refused(world, "counts", counts={"arrests": 0, "patrols": None})


def test_an_unknown_kind_is_refused(world):
    assert "Unknown kind" in _refused(world, "counts", counts={"parking_tickets": 3})


def test_a_date_in_the_future_is_refused(world):
    assert "future" in _refused(world, "on", on=timezone.localdate() + timedelta(days=1))


def test_a_priority_of_another_ward_is_refused(world):
    other = ward_panel_setup(world, "a2").priority
    assert "not one of" in _refused(world, "priority", priority=other)


def test_a_case_of_another_ward_is_refused(world):
    case = make_case(world, "b1")
    assert "not a case of" in _refused(world, "case", case=case)


def test_an_organisation_is_refused_unless_a_partner_delivered_it(world):
    organisation = world.users["partner"].partner_organisation
    assert "only when a partner" in _refused(world, "organisation", organisation=organisation)


def test_partner_work_names_an_organisation_of_the_borough(world):
    assert "Name the partner" in _refused(world, "organisation", delivered_by="partner")
    elsewhere = PartnerOrganisationFactory(name="Borough B Housing", boroughs=[world.boroughs["b"]])
    assert "not a partner in" in _refused(
        world, "organisation", delivered_by="partner", organisation=elsewhere
    )


def test_a_stage_outside_the_seven_is_refused(world):
    assert "seven stages" in _refused(world, "stage", stage=8)


def test_a_team_officer_cannot_record_for_another_ward(world):
    assert "outside your area" in _refused(world, "summary", ward="a3")


def test_a_case_brings_its_priority(world):
    priority = ward_panel_setup(world, "a1").priority
    case = make_case(world, "a1", priority=priority)
    record = activity_record(
        neighbourhood=world.wards["a1"], activity=_activity(case=case), actor=world.users["team_officer"]
    )
    assert record.priority == priority


def test_a_partner_records_for_their_organisation_on_an_invited_case_only(world):
    partner = world.users["partner"]
    case = make_case(world, "a1")
    work = _activity(case=case, delivered_by="partner", organisation=partner.partner_organisation)
    assert "invited" in _refused(
        world, "case", actor_role="partner", **work.__dict__ | {"counts": work.counts}
    )
    invite(world, case)
    record = activity_record(neighbourhood=world.wards["a1"], activity=work, actor=partner)
    assert record.organisation == partner.partner_organisation
    police = _activity(case=case)
    assert "own organisation" in _refused(world, "delivered_by", actor_role="partner", **police.__dict__)


def test_a_correction_changes_the_counts_and_the_trail_keeps_the_old_values(world):
    officer = world.users["team_officer"]
    record = activity_record(neighbourhood=world.wards["a1"], activity=_activity(), actor=officer)
    sergeant = world.users["sergeant"]
    activity_correct(record=record, activity=_activity(counts={"arrests": 3, "patrols": 5}), actor=sergeant)
    assert {c.kind: c.count for c in record.counts.all()} == {"arrests": 3, "patrols": 5}
    events = AuditEvent.objects.filter(actor=sergeant)
    assert {e.action for e in events} == {"create", "update", "delete"}
    assert any(e.changes.get("count") == [2, 3] for e in events if e.action == "update")


def test_a_refused_correction_writes_nothing(world):
    record = activity_record(
        neighbourhood=world.wards["a1"], activity=_activity(), actor=world.users["team_officer"]
    )
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        activity_correct(
            record=record, activity=_activity(counts={"arrests": -2}), actor=world.users["sergeant"]
        )
    assert "arrests" in refused.value.message_dict
    assert AuditEvent.objects.count() == before
    assert {c.kind: c.count for c in record.counts.all()} == {"arrests": 2, "leaflet_drops": 40}


def test_activity_outside_the_priority_s_time_is_refused(world):
    priority = ward_panel_setup(world, "a1").priority
    early = priority.selected_on - timedelta(days=3)
    assert "held its place" in _refused(world, "priority", priority=priority, on=max(early, date(2001, 1, 1)))
