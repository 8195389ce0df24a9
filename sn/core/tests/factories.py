"""What every app's factories share: British fake data, and the audit event a write leaves.

Factories build valid records with no arguments; a test passes only what it is about. Faker speaks
British English here (names, places, phone numbers) so that test data looks like the force's own.
"""

import factory
from factory.django import DjangoModelFactory

from sn.core.audit import audit_actor, history_for
from sn.core.models import AuditEvent

LOCALE = "en_GB"


def fake(provider: str, **kwargs) -> factory.Faker:
    """A Faker declaration in British English."""
    return factory.Faker(provider, locale=LOCALE, **kwargs)


class AuditEventFactory(DjangoModelFactory):
    """The create event of a new record, written the normal way: the trail is append-only, so an event
    is never made directly; the factory saves a record (a force unless told otherwise) as `actor`."""

    class Meta:
        model = AuditEvent

    actor = None
    # A dotted path, so that the lowest app's factories need not import a higher app's.
    record_factory = "sn.geography.tests.factories.ForceFactory"

    @classmethod
    def _create(cls, model_class, *, actor, record_factory: str, **record_fields) -> AuditEvent:
        module, name = record_factory.rsplit(".", 1)
        with audit_actor(actor):
            record = factory.utils.import_object(module, name)(**record_fields)
        return history_for(record).get()

    @classmethod
    def _build(cls, model_class, *args, **kwargs) -> AuditEvent:
        raise TypeError("An audit event exists only once a record is saved: use AuditEventFactory().")
