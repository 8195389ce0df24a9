"""Assembling a meeting's pack (sn.tasking.pack), as the borough stood on the meeting's date, or today
for a meeting still to come. Assembling again replaces the pack: the group works from the latest."""

from collections.abc import Callable
from datetime import date

from django.db import transaction

from sn.core.audit import audit_actor
from sn.tasking import pack
from sn.tasking.models import MeetingPack, TaskingMeeting
from sn.tasking.permissions import PREPARE_PACKS
from sn.tasking.services.checks import check_borough_actor

PREPARE = "prepare the borough's tasking packs"


def pack_as_at(meeting: TaskingMeeting, today: date) -> date:
    return min(meeting.held_on, today)


def pack_assemble(
    *, meeting: TaskingMeeting, today: date, actor=None, progress: Callable[..., None] | None = None
) -> MeetingPack:
    """`progress` (a job's) hears of each step of the assembly."""
    check_borough_actor(
        actor, permission=PREPARE_PACKS, borough=meeting.borough, field="meeting", doing=PREPARE
    )
    as_at = pack_as_at(meeting, today)
    sections = pack.assemble(meeting.borough, meeting.kind, as_at, progress=progress)
    with transaction.atomic(), audit_actor(actor):
        existing = MeetingPack.objects.filter(meeting=meeting).first()
        prepared_by = actor if hasattr(actor, "pk") else None
        if existing is None:
            return MeetingPack.objects.create(
                meeting=meeting, as_at=as_at, prepared_on=today, prepared_by=prepared_by, sections=sections
            )
        existing.as_at, existing.prepared_on, existing.prepared_by = as_at, today, prepared_by
        existing.sections = sections
        existing.save()
        return existing
