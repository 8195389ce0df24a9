"""Writes to engagement: events and their write-ups, visual audit findings and survey responses. Each is
atomic and audited (sn.core.audit), enforces its rules itself and writes nothing when refused."""

from sn.engagement.services.audits import finding_add
from sn.engagement.services.events import (
    ConcernInput,
    event_archive,
    event_concern_add,
    event_create,
    event_update,
    event_write_up,
)
from sn.engagement.services.surveys import survey_response_add, survey_responses_import

__all__ = [
    "ConcernInput",
    "event_archive",
    "event_concern_add",
    "event_create",
    "event_update",
    "event_write_up",
    "finding_add",
    "survey_response_add",
    "survey_responses_import",
]
