"""Shared reads for panels: a ward's panel, its meeting cadence, its priorities and their history, the
concerns a panel chooses from, and the published "You said, we did" statements."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Max, Min, Q, QuerySet
from django.utils import timezone

from sn.concerns.selectors import TopicRank, period_ending, topic_ranking
from sn.geography.models import Neighbourhood
from sn.panels.models import Meeting, Panel, Priority, Statement
from sn.panels.models.priorities import HOLDING_A_PLACE


def active_panel(neighbourhood: Neighbourhood) -> Panel | None:
    return Panel.objects.filter(neighbourhood=neighbourhood, dissolved_on__isnull=True).first()


# --- Meeting cadence: every four to six weeks (seed 002, paragraph 9).


def meeting_interval() -> tuple[int, int]:
    """The fewest and most weeks between meetings (SN_PANEL_MEETING_INTERVAL_WEEKS)."""
    fewest, most = settings.SN_PANEL_MEETING_INTERVAL_WEEKS
    return fewest, most


@dataclass(frozen=True)
class Cadence:
    """Where a panel stands against its cadence on `today`: the next meeting is due from `due_from`
    (the fewest weeks after the last held one) and by `due_by` (the most), and overdue after that. A
    panel that has never met counts from the day it was formed."""

    panel_id: int
    last_held: date | None
    next_planned: datetime | None
    next_planned_id: int | None
    due_from: date
    due_by: date
    today: date

    @property
    def overdue(self) -> bool:
        return self.today > self.due_by

    @property
    def days_overdue(self) -> int:
        return max(0, (self.today - self.due_by).days)

    @property
    def due(self) -> bool:
        """Due now and not yet overdue."""
        return not self.overdue and self.today >= self.due_from

    @property
    def planned_in_time(self) -> bool:
        return self.next_planned is not None and timezone.localdate(self.next_planned) <= self.due_by

    @property
    def state(self) -> str:
        return "overdue" if self.overdue else "due" if self.due else "on time"


def cadences(panels: QuerySet[Panel], *, today: date | None = None) -> dict[int, Cadence]:
    """The cadence of each panel by id, in two queries however many panels."""
    today = today or timezone.localdate()
    fewest, most = meeting_interval()
    now = timezone.now()
    start_of_today = timezone.make_aware(datetime.combine(today, datetime.min.time()))
    rows = panels.order_by().annotate(
        last_held=Max(
            "meetings__starts_at",
            filter=Q(meetings__status=Meeting.Status.HELD, meetings__starts_at__lte=now),
        ),
        next_planned=Min(
            "meetings__starts_at",
            filter=Q(meetings__status=Meeting.Status.PLANNED, meetings__starts_at__gte=start_of_today),
        ),
    )
    rows = list(rows.values("id", "formed_on", "last_held", "next_planned"))
    planned_ids = dict(
        Meeting.objects.filter(
            panel_id__in=[r["id"] for r in rows if r["next_planned"]],
            status=Meeting.Status.PLANNED,
            starts_at__gte=start_of_today,
        )
        .order_by("panel_id", "-starts_at")
        .values_list("panel_id", "id")
    )  # the earliest wins: later rows of a panel overwrite earlier ones, and they run latest first
    result = {}
    for row in rows:
        last = timezone.localdate(row["last_held"]) if row["last_held"] else None
        base = last or row["formed_on"]
        result[row["id"]] = Cadence(
            panel_id=row["id"],
            last_held=last,
            next_planned=row["next_planned"],
            next_planned_id=planned_ids.get(row["id"]) if row["next_planned"] else None,
            due_from=base + timedelta(weeks=fewest),
            due_by=base + timedelta(weeks=most),
            today=today,
        )
    return result


def cadence_of(panel: Panel, *, today: date | None = None) -> Cadence:
    return cadences(Panel.objects.filter(pk=panel.pk), today=today)[panel.pk]


# --- Priorities.


def with_last_update(priorities: QuerySet[Priority]) -> QuerySet[Priority]:
    """Each priority with `last_update`: the date of its latest progress update, or None."""
    return priorities.annotate(last_update=Max("updates__on"))


def current_priorities(neighbourhood: Neighbourhood) -> list[Priority]:
    """The priorities holding the ward's places now, oldest first, with their last update."""
    return list(
        with_last_update(
            Priority.objects.filter(neighbourhood=neighbourhood, status__in=HOLDING_A_PLACE).select_related(
                "owner"
            )
        ).order_by("selected_on", "id")
    )


def ward_priorities(neighbourhood: Neighbourhood) -> QuerySet[Priority]:
    """Every priority the ward has had, newest first."""
    return with_last_update(
        Priority.objects.filter(neighbourhood=neighbourhood).select_related("owner", "statement")
    ).order_by("-selected_on", "-id")


def update_due_before(today: date | None = None) -> date:
    """A priority whose last progress (or selection) is before this day is waiting for an update."""
    return (today or timezone.localdate()) - timedelta(weeks=settings.SN_PRIORITY_UPDATE_WEEKS)


def is_stale(priority: Priority, *, today: date | None = None) -> bool:
    """Whether a priority holding a place has had no progress update for SN_PRIORITY_UPDATE_WEEKS."""
    latest = getattr(priority, "last_update", None) or priority.selected_on
    return priority.holds_a_place and latest < update_due_before(today)


def priority_warnings(priorities: list[Priority]) -> list[str]:
    """What the panel should know about its current priorities: no priority about young people where
    the force requires one (a warning, not a refusal), more than the usual number."""
    warnings = []
    if settings.SN_REQUIRE_YOUTH_PRIORITY and not any(p.concerns_young_people for p in priorities):
        warnings.append(
            "None of the team's current priorities concerns young people; "
            "the force asks every team to have one."
        )
    normal, most = settings.SN_PRIORITIES_NORMAL, settings.SN_PRIORITIES_MAX
    if len(priorities) > normal:
        warnings.append(
            f"{len(priorities)} priorities are active: panels normally keep {normal}, and at most {most}."
        )
    return warnings


def concern_topics_for_selection(
    neighbourhood: Neighbourhood, *, today: date | None = None
) -> list[TopicRank]:
    """The ward's concern topics as the analysis ranks them over the last year, for the panel to choose
    from (sn.concerns.selectors.topic_ranking)."""
    period = period_ending(months=settings.SN_CONCERNS_DEFAULT_MONTHS, end=today)
    return topic_ranking(neighbourhood=neighbourhood, period=period)


@dataclass(frozen=True)
class HistoryEntry:
    on: date
    kind: str  # "update", "review", "selected", "resolved", "endorsed", "ended", "milestone"
    text: str
    by: str = ""


def priority_history(priority: Priority) -> list[HistoryEntry]:
    """The priority's dated story, newest first: its selection, the team's updates, the panel's reviews,
    milestones met, and the steps of its sign-off."""
    entries = [HistoryEntry(priority.selected_on, "selected", f"Chosen by the panel: {priority.wording}")]
    for update in priority.updates.select_related("officer"):
        entries.append(
            HistoryEntry(update.on, "update", update.text, update.officer.full_name if update.officer else "")
        )
    for review in priority.reviews.select_related("meeting"):
        entries.append(
            HistoryEntry(
                review.meeting.held_on,
                "review",
                f"{review.get_outcome_display()}: {review.note}",
                "The panel",
            )
        )
    for milestone in priority.milestones.filter(achieved_on__isnull=False):
        entries.append(
            HistoryEntry(milestone.achieved_on, "milestone", f"Milestone met: {milestone.description}")
        )
    if priority.endorsed_at:
        by = priority.endorsed_by.get_full_name() if priority.endorsed_by else ""
        note = f": {priority.endorsement_note}" if priority.endorsement_note else ""
        entries.append(
            HistoryEntry(
                timezone.localdate(priority.endorsed_at), "endorsed", f"Sign-off endorsed; closed{note}", by
            )
        )
    order = {"selected": 0, "review": 1, "update": 2, "milestone": 3, "endorsed": 4}
    return sorted(entries, key=lambda e: (e.on, order.get(e.kind, 9)), reverse=True)


# --- "You said, we did".


def published_statements(neighbourhood: Neighbourhood) -> QuerySet[Statement]:
    """The ward's statements residents may read: approved by the sergeant and published, newest first.
    The public pages and the API show these and nothing else."""
    return (
        Statement.objects.filter(
            priority__neighbourhood=neighbourhood,
            status=Statement.Status.APPROVED,
            approved_at__isnull=False,
            published_at__isnull=False,
        )
        .select_related("priority")
        .order_by("-published_at", "-id")
    )
