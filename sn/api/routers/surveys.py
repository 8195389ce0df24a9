"""Survey measures: the Public Attitude Survey's six measures for a borough in scope, quarter by quarter
with their 95% intervals, rolling year and the force's quarter (sn.performance, as the borough's
performance page: view_borough_overview); and a ward's own perception surveys over a period of months
(sn.engagement.survey_results, as the ward's survey page: view_engagement)."""

from datetime import date

from django.conf import settings
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from sn.api.common import MONTH_PATTERN, AreaCode, answers, month_of, refuse
from sn.concerns.selectors import month_period
from sn.core.access import api_access
from sn.engagement.permissions import VIEW_ENGAGEMENT
from sn.engagement.survey_results import Share, survey_results
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW
from sn.geography.selectors import get_borough_for_user, get_neighbourhood_for_user
from sn.performance.selectors import borough_trends
from sn.performance.stats import Interval

router = Router(tags=["Survey measures"])


class IntervalOut(Schema):
    estimate: float = Field(description="The share, 0 to 1")
    low: float = Field(description="95% interval, lower bound")
    high: float
    sample: int


class QuarterOut(Schema):
    quarter: str = Field(description="Financial year and quarter: 2024/25 Q1")
    quarter_start: date
    positive: int
    sample: int
    interval: IntervalOut
    rolling_year: IntervalOut | None = Field(description="The four quarters to this one, pooled")
    force: IntervalOut | None = Field(description="The force's quarter")


class MeasureOut(Schema):
    measure: str
    label: str
    higher_is_better: bool
    quarters: list[QuarterOut]


class BoroughSurveyOut(Schema):
    borough: str
    borough_name: str
    measures: list[MeasureOut]


def _interval(interval: Interval | None) -> IntervalOut | None:
    if interval is None:
        return None
    return IntervalOut(
        estimate=interval.estimate, low=interval.low, high=interval.high, sample=interval.sample
    )


@router.get(
    "/surveys/boroughs/{code}", response=answers(BoroughSurveyOut, one=True), url_name="survey_borough"
)
@api_access(permission=VIEW_BOROUGH_OVERVIEW)
def survey_borough(request: HttpRequest, code: AreaCode):
    """The survey measures of a borough in your scope, every quarter held."""
    borough = get_borough_for_user(request.user, code)
    measures = [
        MeasureOut(
            measure=trend.measure.value,
            label=trend.measure.label,
            higher_is_better=trend.measure.higher_is_better,
            quarters=[
                QuarterOut(
                    quarter=str(point.quarter),
                    quarter_start=point.quarter.start,
                    positive=point.counts.positive,
                    sample=point.counts.sample,
                    interval=_interval(point.interval),
                    rolling_year=_interval(point.rolling),
                    force=_interval(point.force),
                )
                for point in trend.points
            ],
        )
        for trend in borough_trends(borough=borough)
    ]
    return BoroughSurveyOut(borough=borough.code, borough_name=borough.name, measures=measures)


class ShareOut(Schema):
    key: str
    label: str
    count: int
    of: int
    share: float | None
    interval: IntervalOut | None


class WardSurveyOut(Schema):
    ward: str
    ward_name: str
    start: date
    end: date
    surveys: int
    respondents: int
    feel_safe: ShareOut = Field(description="Feel safe after dark (yes or mostly), with its 95% interval")
    safe_after_dark: list[ShareOut]
    worries: list[ShareOut] = Field(description="What worries respondents most, most often named first")
    nothing_worries: int
    times: list[ShareOut] = Field(description="When respondents would most like to see officers")


def _share(share: Share) -> ShareOut:
    return ShareOut(
        key=share.key,
        label=share.label,
        count=share.count,
        of=share.of,
        share=share.share,
        interval=_interval(share.interval),
    )


class PeriodIn(Schema):
    months: int = Field(
        settings.SN_CONCERNS_DEFAULT_MONTHS,
        ge=1,
        le=settings.SN_CONCERNS_MAX_MONTHS,
        description="How many months, ending with `month`",
    )
    month: str | None = Field(
        None, pattern=MONTH_PATTERN, description="The last month (YYYY-MM); default this one"
    )


@router.get("/surveys/wards/{code}", response=answers(WardSurveyOut, one=True), url_name="survey_ward")
@api_access(permission=VIEW_ENGAGEMENT)
def survey_ward(request: HttpRequest, code: AreaCode, query: Query[PeriodIn]):
    """The answers to a ward's own perception surveys over a period (not weighted, not a random sample:
    read them beside the borough's measures, not against them)."""
    neighbourhood = get_neighbourhood_for_user(request.user, code)
    period = month_period(months=query.months, end_month=month_of(query.month))
    if period.end < period.start:
        raise refuse("month", "The period has not begun yet.")
    results = survey_results(neighbourhood, start=period.start, end=period.end)
    return WardSurveyOut(
        ward=neighbourhood.code,
        ward_name=neighbourhood.name,
        start=results.start,
        end=results.end,
        surveys=results.surveys,
        respondents=results.respondents,
        feel_safe=_share(results.feel_safe),
        safe_after_dark=[_share(s) for s in results.safe_after_dark],
        worries=[_share(s) for s in results.worries],
        nothing_worries=results.nothing_worries,
        times=[_share(s) for s in results.times],
    )
