"""Shared reads for concerns: a ward's live concerns, and its topics ranked by how often and how lately
residents raised them (stage 4, docs/concerns-analysis.md).

The ranking is deliberately simple enough to explain to a ward panel in one sentence:

    score = concerns in the period + concerns in its last SN_CONCERNS_RECENT_MONTHS months

so a concern raised lately counts twice, and a topic raised a great deal a year ago but not since drops
below one raised steadily and lately. Ties go to the topic raised most recently, then to its name.
"""

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from sn.concerns.models import Concern
from sn.concerns.taxonomy import TOPICS, Topic
from sn.core.months import add_months, month_end
from sn.geography.models import Neighbourhood


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` months before `day` (the month's last day where it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included."""

    start: date
    end: date
    months: int

    @property
    def recent_start(self) -> date:
        """The first day of the period's recent part, where a concern counts twice in the ranking."""
        return max(self.start, months_before(self.end, settings.SN_CONCERNS_RECENT_MONTHS))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def period_ending(*, months: int, end: date | None = None) -> Period:
    """The `months` months up to and including `end` (today by default): 12 months to 5 March 2026 runs
    from 6 March 2025."""
    end = end or timezone.localdate()
    return Period(start=months_before(end, months) + _ONE_DAY, end=end, months=months)


def month_period(*, months: int, end_month: date | None = None, today: date | None = None) -> Period:
    """The `months` calendar months ending with `end_month` (this month by default), up to today: the
    period of the analysis, whose months line up with the incident data's."""
    today = today or timezone.localdate()
    end_month = (end_month or today).replace(day=1)
    return Period(
        start=add_months(end_month, -(months - 1)), end=min(month_end(end_month), today), months=months
    )


def ward_concerns(
    neighbourhood: Neighbourhood,
    *,
    start: date | None = None,
    end: date | None = None,
    topics: Iterable[str] | None = None,
    channels: Iterable[str] | None = None,
) -> QuerySet[Concern]:
    """A ward's live (not archived) concerns, newest first, optionally within dates and of some topics or
    channels."""
    concerns = Concern.objects.live().filter(neighbourhood=neighbourhood)
    if start is not None:
        concerns = concerns.filter(raised_on__gte=start)
    if end is not None:
        concerns = concerns.filter(raised_on__lte=end)
    if topics is not None:
        concerns = concerns.filter(topic__in=list(topics))
    if channels is not None:
        concerns = concerns.filter(channel__in=list(channels))
    return concerns.order_by("-raised_on", "-id")


@dataclass(frozen=True)
class TopicRank:
    """One topic's place in a ward's ranking for a period."""

    rank: int
    topic: str
    count: int  # concerns raised in the period
    recent: int  # of them, raised in the period's last SN_CONCERNS_RECENT_MONTHS months
    last_raised: date
    channels: int  # how many different channels raised it: one letter is not a groundswell

    @property
    def score(self) -> int:
        return self.count + self.recent

    @property
    def label(self) -> str:
        return Topic(self.topic).label

    @property
    def category(self) -> str | None:
        return TOPICS[self.topic].category

    @property
    def young_people(self) -> bool:
        return TOPICS[self.topic].young_people


def topic_ranking(
    *, neighbourhood: Neighbourhood, period: Period, limit: int | None = None
) -> list[TopicRank]:
    """The ward's topics raised in the period, highest score first (module docstring). Topics nobody
    raised are left out: the analysis sets recorded incidents of those beside the ranking itself."""
    rows = (
        ward_concerns(neighbourhood, start=period.start, end=period.end)
        .order_by()
        .values("topic")
        .annotate(
            count=Count("id"),
            recent=Count("id", filter=Q(raised_on__gte=period.recent_start)),
            last_raised=Max("raised_on"),
            channels=Count("channel", distinct=True),
        )
    )
    ordered = sorted(
        rows,
        key=lambda r: (-(r["count"] + r["recent"]), -r["last_raised"].toordinal(), Topic(r["topic"]).label),
    )
    if limit is not None:
        ordered = ordered[:limit]
    return [
        TopicRank(
            rank=i,
            topic=r["topic"],
            count=r["count"],
            recent=r["recent"],
            last_raised=r["last_raised"],
            channels=r["channels"],
        )
        for i, r in enumerate(ordered, start=1)
    ]


_ONE_DAY = timedelta(days=1)
