"""The ASB Case Review threshold of the Anti-social Behaviour, Crime and Policing Act 2014, as a pure
function: a victim may ask for a review once they have made enough qualifying complaints in a period.

A report qualifies when it was made within SN_ASB_REPORT_WITHIN_DAYS of the incident (and not before
it). The threshold is met on the day of the report that makes SN_ASB_CASE_REVIEW_REPORTS qualifying
reports within SN_ASB_CASE_REVIEW_MONTHS, counted by the day each was made. Channels do not matter: the
caller reports counted are every report of the case, from staff entry, imported calls, the public or a
partner, which is how a case is flagged before the victim has to invoke the review.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings


@dataclass(frozen=True)
class Threshold:
    met: bool
    met_on: date | None  # the day of the report that first met it
    qualifying: int  # qualifying reports in all


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def qualifies(incident: date, reported: date | datetime, *, within_days: int | None = None) -> bool:
    within = settings.SN_ASB_REPORT_WITHIN_DAYS if within_days is None else within_days
    delay = (_day(reported) - _day(incident)).days
    return 0 <= delay <= within


def case_review_threshold(
    reports: Iterable[tuple[date, date | datetime]],
    *,
    count: int | None = None,
    months: int | None = None,
    within_days: int | None = None,
) -> Threshold:
    """Whether `reports`, as (incident date, reported at) in any order, meet the threshold, and from
    which day. Adding a report can only keep it met or make it met earlier."""
    count = settings.SN_ASB_CASE_REVIEW_REPORTS if count is None else count
    months = settings.SN_ASB_CASE_REVIEW_MONTHS if months is None else months
    days = sorted(
        _day(reported)
        for incident, reported in reports
        if qualifies(incident, reported, within_days=within_days)
    )
    for i in range(len(days) - count + 1):
        last = days[i + count - 1]
        # Within six months: the window opened by the first report has not closed by the last.
        if last < days[i] + relativedelta(months=months):
            return Threshold(True, last, len(days))
    return Threshold(False, None, len(days))
