"""Stage 4: what residents raise set beside what is recorded, per ward (docs/concerns-analysis.md).

For a period of calendar months the ward's topics are ranked (sn.concerns.selectors.topic_ranking:
count plus the count of the last three months), and each topic with a police.uk category is set beside
that category's recorded incidents in the ward (sn.crime.profile.ward_profile: monthly series and the
exact test against a year earlier, "not tested" over incomplete months).

Recorded incidents lag: police.uk publishes a month a month or two after it ends. When the data does not
reach the period's last month, the incidents are those of the same number of months ending with the
latest month published, and the page says which months each side covers.

Two judgements about a category, both over the incident months:
- its level: the ward's count per 1,000 residents against its borough's (wards only) for the same
  category and months: "high" above SN_CONCERNS_LEVEL_RATIO times the borough's rate, "low" below the
  borough's rate divided by it, otherwise "typical". Months the data lacks leave the level unjudged.
- its trend: "rising" or "falling" only when the exact test marks the change on a year earlier
  significant over complete months; otherwise no trend is claimed.
A topic is "raised often" when it is among the SN_CONCERNS_OFTEN_TOPICS highest-scoring topics and was
raised at least SN_CONCERNS_OFTEN_MIN times. Residents and records disagree when a topic raised often
has a category whose level is low or whose trend is falling, and when a category whose level is high or
whose trend is rising (with at least SN_CONCERNS_MIN_INCIDENTS incidents) has no topic raised at all.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Sum

from sn.concerns.selectors import Period, TopicRank, topic_ranking, ward_concerns
from sn.concerns.taxonomy import TOPICS, Topic
from sn.core.months import month_span
from sn.crime.demand import per_thousand
from sn.crime.months import latest_month
from sn.crime.profile import CategorySeries, WardProfile, ward_profile
from sn.geography.models import Neighbourhood
from sn.incidents.categories import Category
from sn.incidents.models import IncidentMonthly

HIGH, LOW, TYPICAL = "high", "low", "typical"
RISING, FALLING = "rising", "falling"
CATEGORY_LABELS = dict(Category.choices)


@dataclass(frozen=True)
class Recorded:
    """One police.uk category in the ward over the incident months, judged against the borough and a
    year earlier."""

    series: CategorySeries
    rate: float | None  # per 1,000 residents
    borough_rate: float | None
    complete: bool  # every incident month holds this category's figures
    level: str | None  # HIGH, LOW, TYPICAL; None when it cannot be judged
    trend: str | None  # RISING, FALLING; None when there is no clear change or it is not tested

    @property
    def label(self) -> str:
        return self.series.label

    @property
    def count(self) -> int:
        return self.series.total

    @property
    def change(self):
        return self.series.change

    def in_words(self) -> str:
        """ "low (2.1 per 1,000 residents against the borough's 4.0) and falling (-35% on a year earlier)"."""
        parts = []
        if self.level in (HIGH, LOW):
            rates = f"{_rate(self.rate)} per 1,000 residents against the borough's {_rate(self.borough_rate)}"
            parts.append(f"{self.level} ({rates})")
        if self.trend is not None:
            percent = self.change.percent_change
            by = f"{percent:+.0f}% on a year earlier" if percent is not None else "on a year earlier"
            parts.append(f"{self.trend} ({by})")
        return " and ".join(parts)


def topic_words(topic: str) -> str:
    """A topic as a sentence names it: "burglary", "litter and fly-tipping (ASB)"."""
    label = Topic(topic).label
    if label.startswith("ASB: "):
        return f"{label.removeprefix('ASB: ')} (ASB)"
    return label[0].lower() + label[1:]


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:,.1f}"


@dataclass(frozen=True)
class TopicRow:
    """A ranked topic and the incidents recorded for its category."""

    rank: TopicRank
    monthly: tuple[int, ...]  # concerns raised each month of the period
    recorded: Recorded | None  # None: the topic has no police.uk category (road safety, other)
    often: bool
    disagreement: str = ""
    agreement: str = ""


@dataclass
class ConcernAnalysis:
    neighbourhood: Neighbourhood
    period: Period
    months: list[date]  # the concerns' months
    profile: WardProfile  # the incidents', over `profile.months`
    rows: list[TopicRow]
    unraised: list[tuple[Recorded, str]]  # categories recorded high or rising that nobody raised
    recorded: dict[str, Recorded] = field(default_factory=dict)
    total: int = 0

    @property
    def aligned(self) -> bool:
        """Both sides cover the same months."""
        return self.profile.months == self.months

    @property
    def has_incidents(self) -> bool:
        """Whether any incident data is loaded for the incident months or the year before."""
        return self.profile.coverage is not None and bool(self.profile.coverage.covered)

    @property
    def gap_summary(self) -> str:
        """The months the incident data lacks, in a line: each month when there are a few, else a span."""
        gaps = self.profile.gaps
        if len(gaps) <= 3:
            return "; ".join(self.profile.gap_notes)
        return (
            f"{len(gaps)} months from {gaps[0][0]:%B %Y} to {gaps[-1][0]:%B %Y} lack some or all categories"
        )

    @property
    def overlapping(self) -> bool:
        return self.profile.end_month >= self.months[0]

    @property
    def disagreements(self) -> list[str]:
        """Each disagreement in a sentence. Topics sharing one police.uk category (the ASB sub-types all
        share anti-social behaviour) make one sentence between them, not one each about the same figures."""
        by_category: dict[str, list[TopicRow]] = defaultdict(list)
        for row in self.rows:
            if row.disagreement:
                by_category[row.recorded.series.category].append(row)
        sentences = []
        for rows in by_category.values():
            if len(rows) == 1:
                sentences.append(rows[0].disagreement)
                continue
            side = rows[0].recorded
            topics = [f"{topic_words(r.rank.topic)} ({r.rank.count} concerns)" for r in rows]
            listed = ", ".join(topics[:-1]) + " and " + topics[-1]
            sentences.append(
                f"Residents often raise {listed}, but recorded {side.label.lower()} is {side.in_words()}."
            )
        return sentences + [words for _, words in self.unraised]


def _borough_rates(neighbourhood: Neighbourhood, months: list[date]) -> dict[str, float | None]:
    """Incidents per 1,000 residents by category over `months` in the ward's borough (its wards only:
    a non-ward area's incidents are its wards')."""
    wards = Neighbourhood.objects.filter(borough_id=neighbourhood.borough_id, kind=Neighbourhood.Kind.WARD)
    population = wards.aggregate(n=Sum("population"))["n"]
    counts = dict(
        IncidentMonthly.objects.filter(neighbourhood__in=wards, month__in=months)
        .values("category")
        .annotate(n=Sum("count"))
        .order_by()
        .values_list("category", "n")
    )
    return {category: per_thousand(counts.get(category, 0), population) for category in Category.values}


def _judge(series: CategorySeries, months: list[date], population: int | None, borough_rate) -> Recorded:
    complete = not any(m in months for m in series.change.missing)
    rate = per_thousand(series.total, population)
    ratio = settings.SN_CONCERNS_LEVEL_RATIO
    level = None
    if complete and rate is not None and borough_rate:
        level = HIGH if rate > ratio * borough_rate else LOW if rate < borough_rate / ratio else TYPICAL
    trend = None
    if series.change.significant:
        trend = RISING if series.change.direction == "up" else FALLING
    return Recorded(series, rate, borough_rate, complete, level, trend)


def incident_end_month(period: Period) -> date:
    """The incident side's last month: the period's, or the latest published when the data stops
    short of it."""
    end = period.end.replace(day=1)
    latest = latest_month()
    return min(end, latest) if latest is not None else end


def concern_analysis(neighbourhood: Neighbourhood, *, period: Period) -> ConcernAnalysis:
    """The ward's ranked topics beside their recorded incidents, and where the two disagree."""
    months = month_span(period.end, period.months)
    profile = ward_profile(neighbourhood, end_month=incident_end_month(period), months=period.months)
    borough = _borough_rates(neighbourhood, profile.months)
    recorded = {
        s.category: _judge(s, profile.months, neighbourhood.population, borough[s.category])
        for s in profile.categories
    }
    ranking = topic_ranking(neighbourhood=neighbourhood, period=period)
    monthly: dict[str, list[int]] = defaultdict(lambda: [0] * len(months))
    index = {m: i for i, m in enumerate(months)}
    for topic, raised_on in ward_concerns(neighbourhood, start=period.start, end=period.end).values_list(
        "topic", "raised_on"
    ):
        monthly[topic][index[raised_on.replace(day=1)]] += 1
    rows = [_row(rank, tuple(monthly[rank.topic]), recorded) for rank in ranking]
    raised_categories = {TOPICS[r.topic].category for r in ranking}
    unraised = [
        (r, f"Recorded {r.label.lower()} is {r.in_words()} but nobody raised it in this period.")
        for category, r in recorded.items()
        if category not in raised_categories
        and (r.level == HIGH or r.trend == RISING)
        and r.count >= settings.SN_CONCERNS_MIN_INCIDENTS
    ]
    return ConcernAnalysis(
        neighbourhood=neighbourhood,
        period=period,
        months=months,
        profile=profile,
        rows=rows,
        unraised=unraised,
        recorded=recorded,
        total=sum(r.count for r in ranking),
    )


def _row(rank: TopicRank, monthly: tuple[int, ...], recorded: dict[str, Recorded]) -> TopicRow:
    category = TOPICS[rank.topic].category
    side = recorded.get(category) if category else None
    often = rank.rank <= settings.SN_CONCERNS_OFTEN_TOPICS and rank.count >= settings.SN_CONCERNS_OFTEN_MIN
    row = TopicRow(rank=rank, monthly=monthly, recorded=side, often=often)
    if side is None or not often:
        return row
    what = topic_words(rank.topic)
    recorded_what = side.label.lower()
    recent_months = settings.SN_CONCERNS_RECENT_MONTHS
    plural = "s" if rank.count != 1 else ""
    raised = f"{rank.count} concern{plural}, {rank.recent} in the last {recent_months} months"
    if side.level == LOW or side.trend == FALLING:
        words = f"Residents raise {what} often ({raised}) but recorded {recorded_what} is {side.in_words()}."
        return TopicRow(rank=rank, monthly=monthly, recorded=side, often=often, disagreement=words)
    if side.level == HIGH or side.trend == RISING:
        words = f"Residents raise {what} often and recorded {recorded_what} is {side.in_words()}: they agree."
        return TopicRow(rank=rank, monthly=monthly, recorded=side, often=often, agreement=words)
    return row
