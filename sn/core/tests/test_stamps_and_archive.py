"""created_by/modified_by come from the audit actor; records with personal data are archived."""

import pytest
from django.core.exceptions import ValidationError

from sn.core.archive import record_archive, record_restore
from sn.core.audit import audit_actor, history_for
from sn.teams.models import Officer

pytestmark = pytest.mark.django_db


def test_a_write_records_who_created_and_who_last_changed_it(world):
    officer = world.officers["pc_a"]
    lead, central = world.user("borough_lead"), world.user("central_unit")
    with audit_actor(lead):
        created = Officer.objects.create(first_name="Ann", last_name="New", collar_number="9999ZZ", rank="pc")
    with audit_actor(central):
        created.phone = "020 7946 1111"
        created.save()
    created.refresh_from_db()
    assert (created.created_by, created.modified_by) == (lead, central)
    assert officer.created_by is None  # the system built the world


def test_the_stamps_are_not_reported_as_changes_in_the_trail(world):
    with audit_actor(world.user("central_unit")):
        officer = world.officers["pc_a"]
        officer.phone = "020 7946 2222"
        officer.save()
    event = history_for(officer).filter(action="update").first()
    assert set(event.changes) == {"phone"}


def test_an_archived_officer_leaves_the_live_list_and_the_trail_says_why(world):
    officer = world.officers["pcso_a"]
    record_archive(record=officer, reason="Left the force", actor=world.user("central_unit"))
    officer.refresh_from_db()
    assert officer.is_archived and officer.archived_by == world.user("central_unit")
    assert officer not in Officer.objects.live()
    assert officer in Officer.objects.archived()
    event = history_for(officer).filter(action="update").first()
    assert event.changes["archived_reason"][1] == "Left the force"
    record_restore(record=officer)
    assert officer in Officer.objects.live()


def test_archiving_needs_a_reason_and_happens_once(world):
    officer = world.officers["pcso_a"]
    with pytest.raises(ValidationError):
        record_archive(record=officer, reason=" ")
    record_archive(record=officer, reason="Left")
    with pytest.raises(ValidationError):
        record_archive(record=officer, reason="Again")
