"""Priorities kept fresh and open to influence (issue 14, part 3).

A priority's last update is the latest of: its selection, the team's progress updates, the panel's
reviews, EPIC activity recorded against it, and the updates of the problem-solving case working it. One
grouped query per source, for any number of priorities.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from sn.activity.kinds import KIND_CHOICES
from sn.activity.models import ActivityCount, ActivityRecord
from sn.concerns.models import Channel, Concern
from sn.geography.models import Neighbourhood
from sn.panels.models import Meeting, Priority
from sn.panels.models.panels import MemberType
from sn.panels.models.priorities import HOLDING_A_PLACE, Milestone, ProgressUpdate, Review
from sn.problemsolving.models import CaseUpdate


def last_updates(priorities: QuerySet[Priority], *, by: date | None = None) -> dict[int, date]:
    """Each priority's last update on or before `by` (default: any), its selection date at the least."""
    rows = list(priorities.values_list("id", "selected_on"))
    latest = {pk: selected for pk, selected in rows}
    ids = list(latest)

    def merge(pairs):
        for pk, on in pairs:
            if on is not None and pk in latest and on > latest[pk]:
                latest[pk] = on

    cut = Q() if by is None else Q(on__lte=by)
    merge(
        ProgressUpdate.objects.filter(cut, priority_id__in=ids)
        .values("priority_id")
        .annotate(m=Max("on"))
        .values_list("priority_id", "m")
    )
    merge(
        ActivityRecord.objects.filter(cut, priority_id__in=ids)
        .values("priority_id")
        .annotate(m=Max("on"))
        .values_list("priority_id", "m")
    )
    # A step agreed with the panel, achieved: "What we did" lists it, so it is an update too.
    merge(
        Milestone.objects.filter(
            Q() if by is None else Q(achieved_on__lte=by), priority_id__in=ids, achieved_on__isnull=False
        )
        .values("priority_id")
        .annotate(m=Max("achieved_on"))
        .values_list("priority_id", "m")
    )
    merge(
        CaseUpdate.objects.filter(cut, case__priority_id__in=ids)
        .values("case__priority_id")
        .annotate(m=Max("on"))
        .values_list("case__priority_id", "m")
    )
    review_cut = Q() if by is None else Q(meeting__starts_at__date__lte=by)
    merge(
        (pk, when.date() if when else None)
        for pk, when in Review.objects.filter(review_cut, priority_id__in=ids)
        .values("priority_id")
        .annotate(m=Max("meeting__starts_at"))
        .values_list("priority_id", "m")
    )
    return latest


def active_on(day: date) -> QuerySet[Priority]:
    """The priorities holding a place on `day`: selected by then and not ended by then."""
    return Priority.objects.filter(selected_on__lte=day).filter(
        Q(ended_on__isnull=True, status__in=HOLDING_A_PLACE) | Q(ended_on__gt=day)
    )


@dataclass
class StaleRow:
    priority: Priority
    last_update: date


def stale_priorities(
    today: date, *, owner_id: int | None = None, neighbourhoods: QuerySet[Neighbourhood] | None = None
) -> list[StaleRow]:
    """The priorities holding a place today with no update for SN_PRIORITY_STALE_DAYS or more."""
    cutoff = today - timedelta(days=settings.SN_PRIORITY_STALE_DAYS)
    priorities = active_on(today).filter(selected_on__lte=cutoff)
    if owner_id is not None:
        priorities = priorities.filter(owner_id=owner_id)
    if neighbourhoods is not None:
        priorities = priorities.filter(neighbourhood__in=neighbourhoods)
    latest = last_updates(priorities, by=today)
    stale = {pk for pk, on in latest.items() if on <= cutoff}
    return [
        StaleRow(priority=p, last_update=latest[p.pk])
        for p in priorities.filter(pk__in=stale).select_related("neighbourhood").order_by("selected_on", "id")
    ]


def fresh_figures(start: date, end: date) -> dict[int, tuple[float, float]]:
    """Scorecard: on the period's last day, per ward, the priorities holding a place (denominator) and
    those updated within SN_PRIORITY_STALE_DAYS (numerator). One query: an EXISTS per source, each
    bounded to the window, rather than every priority's latest date."""
    day = end - timedelta(days=1)
    cutoff = day - timedelta(days=settings.SN_PRIORITY_STALE_DAYS)
    window = {"on__gt": cutoff, "on__lte": day}
    fresh = (
        Q(selected_on__gt=cutoff)
        | Q(Exists(ProgressUpdate.objects.filter(priority_id=OuterRef("pk"), **window)))
        | Q(Exists(ActivityRecord.objects.filter(priority_id=OuterRef("pk"), **window)))
        | Q(Exists(CaseUpdate.objects.filter(case__priority_id=OuterRef("pk"), **window)))
        | Q(
            Exists(
                Milestone.objects.filter(
                    priority_id=OuterRef("pk"), achieved_on__gt=cutoff, achieved_on__lte=day
                )
            )
        )
        | Q(
            Exists(
                Review.objects.filter(
                    priority_id=OuterRef("pk"),
                    meeting__starts_at__date__gt=cutoff,
                    meeting__starts_at__date__lte=day,
                )
            )
        )
    )
    rows = (
        active_on(day)
        .values("neighbourhood_id")
        .annotate(n=Count("id", filter=fresh), d=Count("id"))
        .values_list("neighbourhood_id", "n", "d")
    )
    return {ward: (float(n), float(d)) for ward, n, d in rows}


@dataclass
class Participation:
    """Who took part in choosing a priority, from the records that hold it."""

    members_by_type: dict[str, int] = field(default_factory=dict)  # label -> panel members present
    public_present: int | None = None
    concerns_by_channel: dict[str, int] = field(default_factory=dict)
    population: int | None = None
    population_year: int | None = None

    @property
    def members(self) -> int:
        return sum(self.members_by_type.values())

    @property
    def residents(self) -> int:
        return self.members_by_type.get(MemberType.RESIDENT.label, 0)

    @property
    def businesses(self) -> int:
        return self.members_by_type.get(MemberType.BUSINESS.label, 0)

    @property
    def concerns(self) -> int:
        return sum(self.concerns_by_channel.values())

    @property
    def per_10000(self) -> float | None:
        """Residents on the panel who chose it, per 10,000 residents of the ward (census)."""
        if not self.population:
            return None
        return round(10000 * self.residents / self.population, 1)


def participation(priorities: list[Priority]) -> dict[int, Participation]:
    """For each priority: the panel members present at the meeting that chose it, by type; the public
    at that meeting; the concerns behind it by channel (a concern does not record whether a resident or
    a business raised it); and the ward's census population beside them. Three queries."""
    result = {p.pk: Participation() for p in priorities}
    meetings = {p.selected_at_id for p in priorities}
    by_meeting: dict[int, Counter] = defaultdict(Counter)
    labels = dict(MemberType.choices)
    through = Meeting.members_present.through
    for meeting_id, member_type, n in (
        through.objects.filter(meeting_id__in=meetings)
        .values("meeting_id", "panelmember__member_type")
        .annotate(n=Count("id"))
        .values_list("meeting_id", "panelmember__member_type", "n")
    ):
        by_meeting[meeting_id][labels.get(member_type, member_type)] += n
    public = dict(Meeting.objects.filter(id__in=meetings).values_list("id", "public_count"))
    channels = dict(Channel.choices)
    concern_rows = (
        Concern.priorities.through.objects.filter(priority_id__in=[p.pk for p in priorities])
        .values("priority_id", "concern__channel")
        .annotate(n=Count("id"))
        .values_list("priority_id", "concern__channel", "n")
    )
    for pk, channel, n in concern_rows:
        result[pk].concerns_by_channel[channels.get(channel, channel)] = n
    for p in priorities:
        part = result[p.pk]
        part.members_by_type = dict(by_meeting.get(p.selected_at_id, {}))
        part.public_present = public.get(p.selected_at_id)
        part.population = p.neighbourhood.population
        part.population_year = p.neighbourhood.population_year
    return result


@dataclass
class PriorityStory:
    priority: Priority
    raised_on: date
    last_update: date
    stale: bool
    done: list[tuple[date, str]]  # what was done and when, newest first
    participation: Participation


def priority_stories(neighbourhood: Neighbourhood, *, public: bool) -> list[PriorityStory]:
    """The ward's priorities holding a place, oldest first, with what was done and when. For the public,
    only what is published: milestones achieved, the count of EPIC activity by date, the published
    statement; staff also see the progress updates' dates."""
    today = timezone.localdate()
    priorities = list(
        Priority.objects.filter(neighbourhood=neighbourhood, status__in=HOLDING_A_PLACE)
        .select_related("neighbourhood")
        .order_by("selected_on", "id")
    )
    if not priorities:
        return []
    ids = [p.pk for p in priorities]
    latest = last_updates(Priority.objects.filter(pk__in=ids), by=today)
    done: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for m in Milestone.objects.filter(priority_id__in=ids, achieved_on__isnull=False):
        done[m.priority_id].append((m.achieved_on, f"Achieved: {m.description}"))
    # What was done, from the typed counts (kind labels are public-safe); never the free-text summary,
    # which may name people or addresses.
    kinds = dict(KIND_CHOICES)
    counted: dict[tuple[int, date], list[str]] = defaultdict(list)
    for pk, on, kind, total in (
        ActivityCount.objects.filter(record__priority_id__in=ids)
        .values("record__priority_id", "record__on", "kind")
        .annotate(total=Sum("count"))
        .order_by("record__priority_id", "record__on", "-total", "kind")
        .values_list("record__priority_id", "record__on", "kind", "total")
    ):
        # "arrests: 1", not "1 arrests": the kinds' labels are plurals. Only the first letter lowered,
        # so "Home visits (ASB)" keeps its capitals.
        label = kinds.get(kind, kind)
        counted[(pk, on)].append(f"{label[:1].lower()}{label[1:]}: {total:,}")
    for pk, on, n in (
        ActivityRecord.objects.filter(priority_id__in=ids)
        .values("priority_id", "on")
        .annotate(n=Count("id"))
        .values_list("priority_id", "on", "n")
    ):
        what = f"{n} recorded action{'s' if n != 1 else ''} by the team and partners"
        if counted.get((pk, on)):
            what += " (" + ", ".join(counted[(pk, on)]) + ")"
        done[pk].append((on, what))
    if not public:
        for pk, on in ProgressUpdate.objects.filter(priority_id__in=ids).values_list("priority_id", "on"):
            done[pk].append((on, "Progress update"))
    cutoff = today - timedelta(days=settings.SN_PRIORITY_STALE_DAYS)
    parts = participation(priorities)
    return [
        PriorityStory(
            priority=p,
            raised_on=p.selected_on,
            last_update=latest[p.pk],
            stale=latest[p.pk] <= cutoff,
            done=sorted(done[p.pk], key=lambda row: row[0], reverse=True)[:8],
            participation=parts[p.pk],
        )
        for p in priorities
    ]
