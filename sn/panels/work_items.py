"""What the home page lists as needing doing, for each role (registered in sn.panels.hooks):

- a PC or PCSO: the priorities they own with no progress update for SN_PRIORITY_UPDATE_WEEKS;
- a sergeant: the same for their teams, their panels' meetings due or overdue, sign-offs awaiting their
  endorsement and statements awaiting their approval;
- an inspector or borough lead: panels overdue a meeting and priorities without updates, across the
  cluster or borough, worst first;
- a panel member: the next meeting with its papers, and the current priorities.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from sn.core.access import has_permission
from sn.core.registries import WorkItem
from sn.core.roles import Role
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of
from sn.panels.dates import day_and_time, long_date
from sn.panels.models import Meeting, Panel, Priority, Statement
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.panels.permissions import MANAGE_PANEL, MANAGE_PRIORITIES
from sn.panels.selectors import cadences, update_due_before, with_last_update

SUPERVISING = (Role.SERGEANT, Role.INSPECTOR, Role.BOROUGH_LEAD)


def _wards_of(user) -> QuerySet[Neighbourhood]:
    return scope_of(user).neighbourhoods()


def _role(user) -> str:
    return user.role or ""


def _priority_item(priority: Priority, today: date, can_update: bool) -> WorkItem:
    last = priority.last_update or priority.selected_on
    waited = (today - last).days
    since = (
        f"last update {long_date(last)}"
        if priority.last_update
        else f"no update since chosen on {long_date(last)}"
    )
    return WorkItem(
        title=f"Update the priority: {priority.wording}",
        # Those who cannot record progress (inspectors, borough leads) chase it from the priority itself.
        url=reverse("panels:update_new" if can_update else "panels:priority", args=[priority.pk]),
        area=priority.neighbourhood.name,
        due=last + timedelta(weeks=settings.SN_PRIORITY_UPDATE_WEEKS),
        overdue=True,
        detail=f"{since} ({waited // 7} weeks); owner {priority.owner.full_name}",
        urgency=waited,
    )


def stale_priority_items(user) -> list[WorkItem]:
    """Priorities holding a place without a progress update for SN_PRIORITY_UPDATE_WEEKS: a PC's or
    PCSO's own, a supervisor's across their wards."""
    role = _role(user)
    if role == Role.TEAM_OFFICER:
        if not user.officer_id:
            return []
        priorities = Priority.objects.filter(owner_id=user.officer_id)
    elif role in SUPERVISING:
        priorities = Priority.objects.filter(neighbourhood__in=_wards_of(user))
    else:
        return []
    today = timezone.localdate()
    cutoff = update_due_before(today)
    stale = (
        with_last_update(priorities.filter(status__in=HOLDING_A_PLACE))
        .filter(Q(last_update__lt=cutoff) | Q(last_update__isnull=True, selected_on__lt=cutoff))
        .select_related("neighbourhood", "owner")
    )
    can_update = has_permission(user, MANAGE_PRIORITIES)
    return [_priority_item(p, today, can_update) for p in stale]


def meeting_items(user) -> list[WorkItem]:
    """A sergeant's panels whose next meeting is due or overdue without one planned in time; for an
    inspector or borough lead, the panels overdue across their area."""
    role = _role(user)
    if role not in SUPERVISING:
        return []
    panels = Panel.objects.filter(
        neighbourhood__in=_wards_of(user), dissolved_on__isnull=True
    ).select_related("neighbourhood")
    by_id = {p.pk: p for p in panels}
    items = []
    for cadence in cadences(panels).values():
        panel = by_id[cadence.panel_id]
        late = cadence.overdue
        if role != Role.SERGEANT and not late:
            continue
        if not (late or cadence.due) or (not late and cadence.planned_in_time):
            continue
        if cadence.planned_in_time or (late and cadence.next_planned):
            url = reverse("panels:meeting", args=[cadence.next_planned_id])
            what = f"planned for {long_date(timezone.localtime(cadence.next_planned))}"
        elif has_permission(user, MANAGE_PANEL):
            url = reverse("panels:meeting_new", args=[panel.neighbourhood.code])
            what = "none planned"
        else:
            url = reverse("panels:ward_panel", args=[panel.neighbourhood.code])
            what = "none planned"
        last = f"last met {long_date(cadence.last_held)}" if cadence.last_held else "has not met yet"
        items.append(
            WorkItem(
                title=f"{panel.name}: {'meeting overdue' if late else 'next meeting due'}",
                url=url,
                area=panel.neighbourhood.name,
                due=cadence.due_by,
                overdue=late,
                detail=f"{last}; {what}",
                urgency=cadence.days_overdue,
            )
        )
    return items


def endorsement_items(user) -> list[WorkItem]:
    """Sign-offs the panel has decided, waiting for this sergeant's endorsement."""
    if _role(user) != Role.SERGEANT:
        return []
    today = timezone.localdate()
    waiting = Priority.objects.filter(
        neighbourhood__in=_wards_of(user), status=Priority.Status.PANEL_RESOLVED
    ).select_related("neighbourhood", "resolved_at")
    # A decided priority still holds one of the panel's places until it is endorsed, so the sergeant
    # has SN_ENDORSEMENT_DAYS to endorse it (or say why not) before it is listed as overdue.
    allowed = timedelta(days=settings.SN_ENDORSEMENT_DAYS)
    return [
        WorkItem(
            title=f"Endorse the panel's sign-off: {p.wording}",
            url=reverse("panels:priority_endorse", args=[p.pk]),
            area=p.neighbourhood.name,
            due=p.resolved_at.held_on + allowed,
            overdue=today > p.resolved_at.held_on + allowed,
            detail=f"The panel judged it resolved on {long_date(p.resolved_at.held_on)}",
            urgency=(today - p.resolved_at.held_on).days,
        )
        for p in waiting
    ]


def approval_items(user) -> list[WorkItem]:
    """'You said, we did' statements the team has sent for this sergeant's approval."""
    if _role(user) != Role.SERGEANT:
        return []
    now = timezone.now()
    waiting = Statement.objects.filter(
        priority__neighbourhood__in=_wards_of(user), status=Statement.Status.AWAITING_APPROVAL
    ).select_related("priority__neighbourhood")
    return [
        WorkItem(
            title=f"Approve the statement: {s.priority.wording}",
            url=reverse("panels:statement_approve", args=[s.priority_id]),
            area=s.priority.neighbourhood.name,
            detail=f"Sent for approval on {long_date(timezone.localtime(s.submitted_at))}"
            if s.submitted_at
            else "",
            urgency=(now - s.submitted_at).days if s.submitted_at else 0,
        )
        for s in waiting
    ]


def panel_member_items(user) -> list[WorkItem]:
    """For a panel member: their panel's next meeting and its papers, then the current priorities."""
    if _role(user) != Role.PANEL_MEMBER or not user.neighbourhood_id:
        return []
    neighbourhood = user.neighbourhood
    items = []
    meeting = (
        Meeting.objects.filter(
            panel__neighbourhood=neighbourhood,
            panel__dissolved_on__isnull=True,
            status=Meeting.Status.PLANNED,
            starts_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .first()
    )
    if meeting is not None:
        when = timezone.localtime(meeting.starts_at)
        items.append(
            WorkItem(
                title=f"Next panel meeting: {day_and_time(when)}",
                url=reverse("panels:meeting", args=[meeting.pk]),
                area=neighbourhood.name,
                due=when.date(),
                detail=meeting.place,
            )
        )
        items += [
            WorkItem(
                title=f"Paper: {paper.title}",
                url=paper.url,
                area=neighbourhood.name,
                due=when.date(),
                detail="For the next meeting",
            )
            for paper in meeting.papers.all()
        ]
    current = with_last_update(
        Priority.objects.filter(neighbourhood=neighbourhood, status__in=HOLDING_A_PLACE)
    ).order_by("selected_on")
    for priority in current:
        last = f"last update {long_date(priority.last_update)}" if priority.last_update else "no update yet"
        items.append(
            WorkItem(
                title=f"Priority: {priority.wording}",
                url=reverse("panels:priority", args=[priority.pk]),
                area=neighbourhood.name,
                detail=f"{priority.get_status_display()}; {last}",
            )
        )
    return items
