"""A ward's local perception survey results: counts and shares of each answer over a period, the share who
feel safe after dark with its 95% Wilson interval, set beside the borough's public attitude survey.

The ward's surveys are not the borough's survey: they are not weighted and their respondents are whoever
the team met on the doorstep or at the stall, not a random sample. The interval says how far chance
alone could move the share; it cannot say how far the choice of street did. The page says so, and the
borough figure stands beside the ward's for context, not as a test.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, Q
from django.utils import timezone

from sn.concerns.taxonomy import Topic
from sn.engagement.models import FEELS_SAFE, EventKind, OfficerTime, SafeAfterDark, SurveyResponse, time_field
from sn.geography.models import Neighbourhood
from sn.performance.models import Measure
from sn.performance.selectors import borough_trends
from sn.performance.stats import Counts, Interval, confidence_interval

# The borough measures a perception survey is read beside.
BOROUGH_MEASURES = (Measure.SAFE_AFTER_DARK, Measure.CONFIDENCE, Measure.WORRY_ASB)


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    count: int
    of: int

    @property
    def share(self) -> float | None:
        return self.count / self.of if self.of else None

    @property
    def interval(self) -> Interval | None:
        return confidence_interval(Counts(self.count, self.of)) if self.of else None


@dataclass(frozen=True)
class BoroughFigure:
    """A borough survey measure's latest rolling year (four quarters pooled), or its latest quarter when
    the year is incomplete."""

    measure: Measure
    period: str
    interval: Interval


@dataclass
class SurveyResults:
    neighbourhood: Neighbourhood
    start: date
    end: date
    surveys: int
    respondents: int
    worries: list[Share]
    nothing_worries: int
    safe_after_dark: list[Share]
    feel_safe: Share
    times: list[Share]
    borough: list[BoroughFigure]

    @property
    def has_responses(self) -> bool:
        return self.respondents > 0


def _borough_figures(neighbourhood: Neighbourhood) -> list[BoroughFigure]:
    figures = []
    for trend in borough_trends(borough=neighbourhood.borough):
        if trend.measure not in BOROUGH_MEASURES or not trend.points:
            continue
        latest = trend.points[-1]
        if latest.rolling is not None:
            figures.append(BoroughFigure(trend.measure, f"the year to {latest.quarter}", latest.rolling))
        else:
            figures.append(BoroughFigure(trend.measure, str(latest.quarter), latest.interval))
    return sorted(figures, key=lambda f: BOROUGH_MEASURES.index(f.measure))


def survey_results(neighbourhood: Neighbourhood, *, start: date, end: date, event=None) -> SurveyResults:
    """The answers of the ward's perception surveys held from `start` to `end` (or of one survey)."""
    responses = SurveyResponse.objects.filter(
        event__neighbourhood=neighbourhood, event__kind=EventKind.SURVEY, event__archived_at__isnull=True
    )
    if event is not None:
        responses = responses.filter(event=event)
    else:
        tz = timezone.get_current_timezone()
        responses = responses.filter(
            event__starts_at__gte=datetime.combine(start, datetime.min.time(), tz),
            event__starts_at__lte=datetime.combine(end, datetime.max.time(), tz),
        )
    totals = responses.aggregate(
        respondents=Count("id"),
        surveys=Count("event", distinct=True),
        nothing=Count("id", filter=Q(worry="")),
        **{f"safe_{s}": Count("id", filter=Q(safe_after_dark=s)) for s in SafeAfterDark.values},
        **{f"time_{t}": Count("id", filter=Q(**{time_field(t): True})) for t in OfficerTime.values},
    )
    n = totals["respondents"]
    worry_rows = responses.exclude(worry="").values("worry").annotate(c=Count("id")).order_by("-c", "worry")
    return SurveyResults(
        neighbourhood=neighbourhood,
        start=start,
        end=end,
        surveys=totals["surveys"],
        respondents=n,
        worries=[Share(r["worry"], Topic(r["worry"]).label, r["c"], n) for r in worry_rows],
        nothing_worries=totals["nothing"],
        safe_after_dark=[Share(s, label, totals[f"safe_{s}"], n) for s, label in SafeAfterDark.choices],
        feel_safe=Share(
            "feel_safe",
            "Feel safe after dark (yes or mostly)",
            sum(totals[f"safe_{s}"] for s in FEELS_SAFE),
            n,
        ),
        times=sorted(
            (Share(t, label, totals[f"time_{t}"], n) for t, label in OfficerTime.choices),
            key=lambda s: OfficerTime.values.index(s.key),
        ),
        borough=_borough_figures(neighbourhood),
    )
