import pytest

from sn.accounts.tests.factories import UserFactory
from sn.core.models import AuditEvent
from sn.core.tests.factories import AuditEventFactory
from sn.geography.models import Force

pytestmark = pytest.mark.django_db


def test_an_audit_event_is_the_create_event_of_a_new_force_by_the_system():
    event = AuditEventFactory()
    event.full_clean()
    assert event.action == AuditEvent.Action.CREATE
    assert event.content_type.model_class() is Force
    assert event.actor_label == "system"


def test_an_audit_event_is_attributed_to_its_actor():
    actor = UserFactory()
    event = AuditEventFactory(actor=actor)
    assert event.actor == actor
    assert event.actor_label == actor.username


def test_an_audit_event_records_any_record_the_test_names():
    event = AuditEventFactory(record_factory="sn.teams.tests.factories.OfficerFactory", last_name="Peel")
    assert event.changes["last_name"] == [None, "Peel"]


def test_an_audit_event_cannot_be_built_without_saving_a_record():
    with pytest.raises(TypeError, match="only once a record is saved"):
        AuditEventFactory.build()
