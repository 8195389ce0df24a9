"""Reading the notices on a meeting's papers (sn.panels.models.notices)."""

from datetime import date

from django.utils import timezone

from sn.panels.models import Meeting, PanelNotice


def next_meeting(panel, *, today: date) -> Meeting | None:
    """The panel's next planned meeting on or after `today`."""
    return (
        panel.meetings.filter(status=Meeting.Status.PLANNED, starts_at__date__gte=today)
        .order_by("starts_at", "id")
        .first()
    )


def meeting_notices(meeting: Meeting, *, today: date | None = None) -> list[PanelNotice]:
    """The notices on a meeting's papers: those given for it, and, on the panel's next planned meeting,
    those given when no meeting was planned."""
    notices = list(meeting.notices.all())
    today = today or timezone.localdate()
    upcoming = next_meeting(meeting.panel, today=today)
    if upcoming is not None and upcoming.pk == meeting.pk:
        notices += list(PanelNotice.objects.filter(panel_id=meeting.panel_id, meeting__isnull=True))
    return sorted(notices, key=lambda n: (n.created_at, n.id))
