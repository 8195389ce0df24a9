"""What residents raise, in the monthly ward, cluster and borough reports and a ward's strategic profile
(form 301), registered in sn.concerns.hooks."""

from datetime import date

from django.conf import settings
from django.db.models import Count, Max, Q

from sn.concerns.analysis import concern_analysis
from sn.concerns.models import Concern
from sn.concerns.selectors import month_period
from sn.concerns.taxonomy import Topic
from sn.core.exports import COUNT
from sn.core.registries import ReportSection, Table
from sn.geography.models import Borough, Cluster, Neighbourhood

Area = Borough | Cluster | Neighbourhood
SHOWN = 10


def _concerns_of(area: Area):
    concerns = Concern.objects.live()
    if isinstance(area, Borough):
        return concerns.filter(neighbourhood__borough=area)
    if isinstance(area, Cluster):
        return concerns.filter(neighbourhood__cluster=area)
    return concerns.filter(neighbourhood=area)


def concerns_section(area: Area, day: date) -> ReportSection | None:
    """The topics raised most over the 12 months to the report date, counting the last three twice as
    the analysis does; a ward's report adds where residents and records disagree."""
    period = month_period(months=settings.SN_CONCERNS_DEFAULT_MONTHS, end_month=day, today=day)
    rows = list(
        _concerns_of(area)
        .filter(raised_on__gte=period.start, raised_on__lte=period.end)
        .values("topic")
        .annotate(
            n=Count("id"),
            recent=Count("id", filter=Q(raised_on__gte=period.recent_start)),
            last=Max("raised_on"),
        )
        .order_by()
    )
    span = f"{period.start:%-d %B %Y} to {period.end:%-d %B %Y}"
    if not rows:
        return ReportSection(
            key="concerns", title="What residents raise", summary=["No concerns recorded."], period=span
        )
    rows.sort(key=lambda r: (-(r["n"] + r["recent"]), -r["last"].toordinal(), r["topic"]))
    total = sum(r["n"] for r in rows)
    recent = f"Last {settings.SN_CONCERNS_RECENT_MONTHS} months"
    table = Table(
        "Topics raised most",
        ["Topic", "Concerns", recent, "Last raised"],
        [[Topic(r["topic"]).label, r["n"], r["recent"], f"{r['last']:%-d %b %Y}"] for r in rows[:SHOWN]],
        formats={1: COUNT, 2: COUNT},
    )
    summary = [
        f"{total:,} concerns on {len(rows)} topics; most raised: {Topic(rows[0]['topic']).label.lower()}."
    ]
    if isinstance(area, Neighbourhood):
        summary += concern_analysis(area, period=period).disagreements
    return ReportSection(
        key="concerns",
        title="What residents raise",
        summary=summary,
        tables=[table],
        period=span,
        note="Concerns from every channel: events, KIN interviews, the panel, surveys, visual audits, "
        "letters, complaints, the media and feedback. A concern raised lately counts twice in the order.",
    )
