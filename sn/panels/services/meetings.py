"""Writes to panel meetings: plan, change, record as held (attendance and minutes), cancel, add papers.
Each is atomic and audited, checks its actor and writes nothing when it refuses."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.panels.dates import long_date
from sn.panels.models import Meeting, MeetingPaper, Panel, PanelMember
from sn.panels.permissions import MANAGE_PANEL
from sn.panels.services.checks import check_actor
from sn.teams.models import Officer

KEEP_RECORDS = "keep the panel's records"
# A meeting is planned for the months ahead, not years: a date further off is a slip of the year.
LONGEST_NOTICE = timedelta(days=366)


def _check_when(starts_at: datetime) -> None:
    if starts_at - timezone.now() > LONGEST_NOTICE:
        raise ValidationError({"starts_at": "A meeting is planned at most a year ahead: check the year."})


def meeting_plan(*, panel: Panel, starts_at: datetime, place: str, agenda: str = "", actor=None) -> Meeting:
    """A meeting in the panel's calendar. One already past may be planned too, to be recorded as held
    at once (a meeting that was not entered on the day)."""
    check_actor(
        actor, permission=MANAGE_PANEL, neighbourhood=panel.neighbourhood, field="place", doing=KEEP_RECORDS
    )
    if not panel.is_active:
        raise ValidationError({"starts_at": f"{panel.name} was dissolved; it holds no more meetings."})
    if not place.strip():
        raise ValidationError({"place": "Say where the panel meets."})
    _check_when(starts_at)
    with transaction.atomic(), audit_actor(actor):
        return Meeting.objects.create(
            panel=panel, starts_at=starts_at, place=place.strip(), agenda=agenda.strip()
        )


def meeting_update(
    *, meeting: Meeting, starts_at: datetime, place: str, agenda: str = "", actor=None
) -> Meeting:
    neighbourhood = meeting.panel.neighbourhood
    check_actor(
        actor, permission=MANAGE_PANEL, neighbourhood=neighbourhood, field="place", doing=KEEP_RECORDS
    )
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({"starts_at": "This meeting was cancelled: plan a new one instead."})
    if not place.strip():
        raise ValidationError({"place": "Say where the panel meets."})
    _check_when(starts_at)
    if meeting.is_held and starts_at > timezone.now():
        raise ValidationError(
            {"starts_at": "This meeting has been held, so its date cannot be in the future."}
        )
    with transaction.atomic(), audit_actor(actor):
        meeting.starts_at, meeting.place, meeting.agenda = starts_at, place.strip(), agenda.strip()
        meeting.save()
    return meeting


def meeting_record_held(
    *,
    meeting: Meeting,
    starts_at: datetime,
    minutes: str,
    members_present: Iterable[PanelMember] = (),
    officers_present: Iterable[Officer] = (),
    public_count: int | None = None,
    actor=None,
) -> Meeting:
    """The meeting took place: when, who was there and what was said. Recording again corrects it.
    Members present must be members of this panel on the day."""
    panel = meeting.panel
    check_actor(
        actor, permission=MANAGE_PANEL, neighbourhood=panel.neighbourhood, field="minutes", doing=KEEP_RECORDS
    )
    members_present, officers_present = list(members_present), list(officers_present)
    errors = {}
    if meeting.status == Meeting.Status.CANCELLED:
        errors["starts_at"] = "This meeting was cancelled, so it cannot be recorded as held."
    elif starts_at > timezone.now():
        errors["starts_at"] = (
            "A meeting is recorded as held once it has taken place: its time is still to come."
        )
    if not minutes.strip():
        errors["minutes"] = "Record the minutes: what was discussed and decided."
    day = timezone.localdate(starts_at)
    strangers = [
        m.name
        for m in members_present
        if m.panel_id != panel.pk or m.joined_on > day or (m.left_on is not None and m.left_on < day)
    ]
    if strangers:
        errors["members_present"] = (
            f"Not members of the panel on {long_date(day)}: {', '.join(sorted(strangers))}."
        )
    if public_count is not None and public_count < 0:
        errors["public_count"] = "The number of the public present cannot be negative."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        meeting.starts_at = starts_at
        meeting.minutes = minutes.strip()
        meeting.public_count = public_count
        meeting.status = Meeting.Status.HELD
        meeting.save()
        _set_links(meeting.members_present, members_present)
        _set_links(meeting.officers_present, officers_present)
    return meeting


def _set_links(manager, wanted: list) -> None:
    """Add and remove only what changed, so the trail (through the link signals) records the change."""
    current = set(manager.values_list("pk", flat=True))
    wanted_ids = {obj.pk for obj in wanted}
    if current - wanted_ids:
        manager.remove(*(current - wanted_ids))
    if wanted_ids - current:
        manager.add(*(wanted_ids - current))


def meeting_cancel(*, meeting: Meeting, reason: str, actor=None) -> Meeting:
    check_actor(
        actor,
        permission=MANAGE_PANEL,
        neighbourhood=meeting.panel.neighbourhood,
        field="reason",
        doing=KEEP_RECORDS,
    )
    if meeting.is_held:
        raise ValidationError(
            {"reason": "This meeting has been held and its decisions recorded; it cannot be cancelled."}
        )
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError({"reason": "This meeting is already cancelled."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is cancelled: the panel's record shows it."})
    with transaction.atomic(), audit_actor(actor):
        meeting.status = Meeting.Status.CANCELLED
        meeting.cancelled_reason = reason.strip()[:255]
        meeting.save()
    return meeting


def meeting_paper_add(*, meeting: Meeting, title: str, url: str, actor=None) -> MeetingPaper:
    check_actor(
        actor,
        permission=MANAGE_PANEL,
        neighbourhood=meeting.panel.neighbourhood,
        field="title",
        doing=KEEP_RECORDS,
    )
    errors = {}
    if not title.strip():
        errors["title"] = "Give the paper a title."
    if not url.strip().lower().startswith(("https://", "http://")):
        errors["url"] = "Give the paper's web address, starting https://."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        return MeetingPaper.objects.create(meeting=meeting, title=title.strip(), url=url.strip())
