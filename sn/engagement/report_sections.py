"""Engagement in the monthly ward, cluster and borough reports, and in a ward's strategic profile (form
301), registered in sn.engagement.hooks."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils import timezone

from sn.concerns.selectors import months_before
from sn.core.exports import COUNT
from sn.core.registries import ReportSection, Table
from sn.engagement.models import Event, EventKind
from sn.geography.models import Borough, Cluster, Neighbourhood

Area = Borough | Cluster | Neighbourhood
# The kinds a strategic profile names one by one: the meetings and walks a panel would want to recall.
SIGNIFICANT = (EventKind.PUBLIC_MEETING, EventKind.VISUAL_AUDIT, EventKind.SURVEY, EventKind.FOCUS_GROUP)
SIGNIFICANT_SHOWN = 12


def _events_of(area: Area):
    events = Event.objects.live()
    if isinstance(area, Borough):
        return events.filter(neighbourhood__borough=area)
    if isinstance(area, Cluster):
        return events.filter(neighbourhood__cluster=area)
    return events.filter(neighbourhood=area)


def _between(start: date, end: date) -> Q:
    tz = timezone.get_current_timezone()
    return Q(
        starts_at__gte=datetime.combine(start, datetime.min.time(), tz),
        starts_at__lte=datetime.combine(end, datetime.max.time(), tz),
    )


def _by_kind(events) -> list[list]:
    rows = {
        r["kind"]: r
        for r in events.values("kind")
        .annotate(n=Count("id"), people=Sum("attendance"), open=Count("id", filter=Q(written_up_at=None)))
        .order_by()
    }
    return [
        [label, rows[kind]["n"], rows[kind]["people"] or 0, rows[kind]["open"]]
        for kind, label in EventKind.choices
        if kind in rows
    ]


def engagement_section(area: Area, day: date) -> ReportSection | None:
    """Events held in the report's month up to its date, by kind, and (for a cluster or a borough) by
    ward."""
    start = day.replace(day=1)
    held = _events_of(area).filter(_between(start, day))
    by_kind = _by_kind(held)
    period = f"{start:%-d} to {day:%-d %B %Y}"
    if not by_kind:
        # A month without engagement is worth saying in a report, not leaving out.
        return ReportSection(
            key="engagement", title="Engagement", summary=["No engagement events recorded."], period=period
        )
    headers = ["Kind", "Events", "People", "Not written up"]
    tables = [Table("Events by kind", headers, by_kind, formats={1: COUNT, 2: COUNT, 3: COUNT})]
    if not isinstance(area, Neighbourhood):
        wards = (
            held.values("neighbourhood__name")
            .annotate(n=Count("id"), people=Sum("attendance"), open=Count("id", filter=Q(written_up_at=None)))
            .order_by("neighbourhood__name")
        )
        rows = [[w["neighbourhood__name"], w["n"], w["people"] or 0, w["open"]] for w in wards]
        tables.append(Table("Events by ward", ["Ward", "Events", "People", "Not written up"], rows))
    events = sum(r[1] for r in by_kind)
    people = sum(r[2] for r in by_kind)
    unwritten = sum(r[3] for r in by_kind)
    summary = [f"{events:,} engagement events, {people:,} people reached (as written up)."]
    if unwritten:
        summary.append(
            f"{unwritten:,} of them not written up yet: their people and concerns are not counted."
        )
    return ReportSection(
        key="engagement",
        title="Engagement",
        summary=summary,
        tables=tables,
        period=period,
        note="Panel meetings count here when the team recorded them as engagement events.",
    )


def engagement_strategic_section(neighbourhood: Neighbourhood, day: date) -> ReportSection | None:
    """The team's engagement over the 12 months to the date: counts by kind, and its significant events
    (public meetings, visual audits, surveys, focus groups) one by one."""
    start = months_before(day, settings.SN_ENGAGEMENT_SUMMARY_MONTHS) + timedelta(days=1)
    held = _events_of(neighbourhood).filter(_between(start, day))
    by_kind = _by_kind(held)
    if not by_kind:
        return None
    significant = held.filter(kind__in=SIGNIFICANT).order_by("-starts_at")[:SIGNIFICANT_SHOWN]
    rows = [
        [f"{timezone.localdate(e.starts_at):%-d %b %Y}", e.get_kind_display(), e.title, e.attendance or ""]
        for e in significant
    ]
    return ReportSection(
        key="engagement",
        title="Engagement",
        summary=[f"{sum(r[1] for r in by_kind):,} events, {sum(r[2] for r in by_kind):,} people reached."],
        tables=[
            Table("Events by kind", ["Kind", "Events", "People", "Not written up"], by_kind),
            Table("Significant events", ["Date", "Kind", "Event", "People"], rows, numeric_from=3),
        ],
        period=f"{start:%-d %B %Y} to {day:%-d %B %Y}",
    )
