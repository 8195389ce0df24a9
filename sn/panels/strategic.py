"""The strategic profile's (form 301) "Priorities past and present" section (registered in
sn.panels.hooks): the priorities holding the ward's places on the profile's date, and those that ended in
the two years before it, with how each ended and what residents were told."""

from datetime import date, timedelta

from django.db.models import Q

from sn.core.registries import ReportSection, Table
from sn.geography.models import Neighbourhood
from sn.panels.dates import long_date, short_date
from sn.panels.models import Priority

PAST_YEARS = 2


def _on(day: date | None) -> str:
    return f"{short_date(day)}" if day else ""


def priorities_section(neighbourhood: Neighbourhood, day: date) -> ReportSection | None:
    """As things stood on `day`: a priority chosen by then and not ended by then was current. Statuses
    that changed after the day are read back from the dates (its end), not the trail."""
    chosen = Priority.objects.filter(neighbourhood=neighbourhood, selected_on__lte=day).select_related(
        "owner", "resolved_at"
    )
    current = list(chosen.filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day)).order_by("selected_on"))
    since = day - timedelta(days=365 * PAST_YEARS)
    ended = list(
        chosen.filter(ended_on__gt=since, ended_on__lte=day).select_related("statement").order_by("-ended_on")
    )
    if not current and not ended:
        return None
    current_rows = [
        [p.wording, p.get_topic_display(), _on(p.selected_on), p.owner.full_name, _status_on(p, day)]
        for p in current
    ]
    ended_rows = [
        [
            p.wording,
            p.get_topic_display(),
            _on(p.selected_on),
            _on(p.ended_on),
            p.get_status_display(),
            _told(p),
        ]
        for p in ended
    ]
    return ReportSection(
        key="priorities",
        title="Priorities past and present",
        summary=[
            f"{len(current)} current {'priority' if len(current) == 1 else 'priorities'}; "
            f"{len(ended)} ended in the {PAST_YEARS} years to {long_date(day)}."
        ],
        tables=[
            Table(
                caption="Current priorities",
                headers=["Priority", "Topic", "Chosen", "Owner", "Status"],
                rows=current_rows,
                numeric_from=5,
                sheet="Current priorities",
            ),
            Table(
                caption=f"Priorities ended in the last {PAST_YEARS} years",
                headers=["Priority", "Topic", "Chosen", "Ended", "How", "You said, we did"],
                rows=ended_rows,
                numeric_from=6,
                sheet="Past priorities",
            ),
        ],
        note="Chosen by the ward panel; closed only when the panel judged them resolved and the sergeant "
        "endorsed it. Statements are shown once approved and published.",
        as_at=day,
    )


def _status_on(priority: Priority, day: date) -> str:
    if priority.resolved_at is not None and priority.resolved_at.held_on <= day:
        return Priority.Status.PANEL_RESOLVED.label
    return Priority.Status.ACTIVE.label


def _told(priority: Priority) -> str:
    statement = getattr(priority, "statement", None)
    if statement is None or not statement.is_published:
        return ""
    return f"You said: {statement.you_said} We did: {statement.we_did}"
