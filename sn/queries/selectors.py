"""Reads of community queries: the queue with each clock, compliance by ward, team and channel, the
scorecard's figures and the supervisors' alerts. All computed from the records."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from sn.queries import clock
from sn.queries.models import Channel, CommunityQuery, Status


@dataclass
class QueueRow:
    query: CommunityQuery
    state: clock.ClockState


def queue_rows(queryset: QuerySet[CommunityQuery], now: datetime, limit: int = 500) -> list[QueueRow]:
    """Queries with their clocks, the least time left first (breached ones top, most overdue first);
    answered and closed ones after the running clocks, newest first."""
    queries = list(
        # Latest deadlines first, so that a long history never pushes the running clocks out of the slice.
        queryset.select_related("neighbourhood", "team", "assigned_to").order_by("-due_at", "-id")[:limit]
    )
    rows = [
        QueueRow(q, clock.clock_state(due_at=q.due_at, answered_at=q.answered_at, now=now)) for q in queries
    ]
    running = [r for r in rows if not r.state.stopped]
    stopped = [r for r in rows if r.state.stopped]
    running.sort(key=lambda r: r.state.hours_left)
    stopped.sort(key=lambda r: r.query.received_at, reverse=True)
    return running + stopped


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(0)))


def _ended(now: datetime) -> Q:
    return Q(answered_at__isnull=False) | Q(due_at__lte=now)


def _in_time() -> Q:
    return Q(answered_at__isnull=False, answered_at__lte=F("due_at"))


def received_between(queryset: QuerySet, start: date, end: date) -> QuerySet:
    return queryset.filter(received_at__gte=day_start(start), received_at__lt=day_start(end))


def compliance_by(
    queryset: QuerySet[CommunityQuery], start: date, end: date, by: str, now: datetime | None = None
) -> list[dict]:
    """Rows of {key, label, received, ended, in_time, percent} grouped by "ward", "team" or "channel"
    for queries received in [start, end): `ended` counts clocks that have stopped or run out."""
    now = now or timezone.now()
    fields = {
        "ward": ("neighbourhood__code", "neighbourhood__name"),
        "team": ("team__id", "team__name"),
        "channel": ("channel", "channel"),
    }[by]
    rows = (
        received_between(queryset, start, end)
        .values(*dict.fromkeys(fields))
        .annotate(
            received=Count("id"),
            ended=Count("id", filter=_ended(now)),
            in_time=Count("id", filter=_in_time()),
        )
        .order_by(fields[1])
    )
    labels = dict(Channel.choices)
    result = []
    for row in rows:
        label = labels.get(row["channel"], row["channel"]) if by == "channel" else row[fields[1]] or "No team"
        result.append(
            {
                "label": label,
                "received": row["received"],
                "ended": row["ended"],
                "in_time": row["in_time"],
                "percent": round(100 * row["in_time"] / row["ended"], 1) if row["ended"] else None,
            }
        )
    return result


def answered_in_time_figures(start: date, end: date) -> dict[int, tuple[float, float]]:
    now = timezone.now()
    rows = (
        received_between(CommunityQuery.objects.all(), start, end)
        .values("neighbourhood_id")
        .annotate(ended=Count("id", filter=_ended(now)), in_time=Count("id", filter=_in_time()))
    )
    return {r["neighbourhood_id"]: (r["in_time"], r["ended"]) for r in rows if r["ended"]}


def received_figures(start: date, end: date) -> dict[int, tuple[float, float]]:
    rows = (
        received_between(CommunityQuery.objects.all(), start, end)
        .values("neighbourhood_id")
        .annotate(n=Count("id"))
    )
    return {r["neighbourhood_id"]: (r["n"], 1) for r in rows}


def nearing_or_breached(queryset: QuerySet[CommunityQuery], now: datetime) -> list[QueueRow]:
    """Unanswered queries whose clock is nearly out or has run out, for the supervisors' alerts."""
    from_now = queryset.filter(answered_at__isnull=True, status__in=[Status.OPEN, Status.ESCALATED])
    rows = queue_rows(from_now, now)
    return [r for r in rows if r.state.state == "breached" or clock.nearing_breach(r.state)]
