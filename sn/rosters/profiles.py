"""The hours of the week (0 = Monday 00:00 to 167 = Sunday 23:00), and the profiles laid over them: when
residents want officers (seed 000 table 2, or a ward's survey answers), and the demo's calls.

Table 2 of the 2011 review (the SN survey, question 10) rated the times residents want their team
around; the shares rating each time "highly important" are the weights used when no survey answers
exist for the area:

    during the evenings 82.02%, at weekends 66.52%, during the daytime 64.55%, evening school rush hour
    51.20%, morning school rush hour 41.39%; nobody was asked about nights.

An hour takes the highest share of the descriptions it fits ("a Saturday evening" is both weekend and
evening: 82%).
"""

from dataclasses import dataclass

from django.conf import settings

from sn.workforce.working_time import DAY_NAMES, HOURS_IN_WEEK

SHORT_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EVENING = range(18, 23)  # the evening hours the planner and the pages weigh: 18:00 to 23:00
DAYTIME = range(7, 18)
WEEKEND_DAYS = (5, 6)

TABLE_2 = {
    "evenings": 0.8202,
    "weekends": 0.6652,
    "daytime": 0.6455,
    "evening_school_rush": 0.5120,
    "morning_school_rush": 0.4139,
}


def hour_label(hour_of_week: int) -> str:
    return f"{DAY_NAMES[hour_of_week // 24]} {hour_of_week % 24:02d}:00"


def cover_window() -> range:
    """The hours of each day a cluster's offset shifts should cover between them (16/7 by default)."""
    return range(
        int(getattr(settings, "SN_COVER_DAY_STARTS_HOUR", 7)),
        int(getattr(settings, "SN_COVER_DAY_ENDS_HOUR", 23)),
    )


def is_evening(hour_of_week: int) -> bool:
    return hour_of_week % 24 in EVENING


def is_weekend_day(hour_of_week: int) -> bool:
    """A weekend hour the weekend figures count: Saturday and Sunday within the cover window."""
    return hour_of_week // 24 in WEEKEND_DAYS and hour_of_week % 24 in cover_window()


def table_2_wishes() -> list[float]:
    """Per hour of the week, the share of residents who rated officers being around then as highly
    important (seed 000 table 2), 0 for the night hours the survey did not ask about."""
    wishes = []
    for hour in range(HOURS_IN_WEEK):
        day, clock = divmod(hour, 24)
        shares = [0.0]
        if clock in EVENING:
            shares.append(TABLE_2["evenings"])
        if day in WEEKEND_DAYS and 7 <= clock < 23:
            shares.append(TABLE_2["weekends"])
        if clock in DAYTIME:
            shares.append(TABLE_2["daytime"])
        if day not in WEEKEND_DAYS and clock == 8:
            shares.append(TABLE_2["morning_school_rush"])
        if day not in WEEKEND_DAYS and clock == 15:
            shares.append(TABLE_2["evening_school_rush"])
        wishes.append(max(shares))
    return wishes


# The local survey's six answers (sn.engagement.models.OfficerTime) as hours: day 07-18, evening 18-23,
# night 23-07; weekend is Saturday and Sunday.
def survey_band(hour_of_week: int) -> str:
    day, clock = divmod(hour_of_week, 24)
    part = "day" if clock in DAYTIME else "evening" if clock in EVENING else "night"
    return f"{'weekend' if day in WEEKEND_DAYS else 'weekday'}_{part}"


def survey_wishes(shares: dict[str, float]) -> list[float]:
    """Per hour of the week, the share of respondents who want officers around then."""
    return [shares.get(survey_band(hour), 0.0) for hour in range(HOURS_IN_WEEK)]


# --- The demo's calls for service (sn.rosters.demo). Police.uk publishes crimes by month without a time
# of day, so the demo generates calls from this profile: a relative rate for each hour of the day (low
# before dawn, rising through the day to an evening peak at 21:00-22:00), a multiplier for each day
# (Friday and Saturday busiest), and a night-time economy peak on Friday and Saturday nights (20:00 to
# 03:00 the next morning, half as many calls again).

HOURLY_RATE = (
    0.45, 0.35, 0.28, 0.22, 0.18, 0.18, 0.25, 0.40, 0.60, 0.75, 0.85, 0.90,
    0.95, 0.95, 1.00, 1.10, 1.20, 1.30, 1.40, 1.50, 1.60, 1.65, 1.40, 0.90,
)  # fmt: skip
DAY_RATE = (0.95, 0.92, 0.95, 1.00, 1.15, 1.20, 0.95)
NIGHT_ECONOMY = 1.5  # Friday and Saturday 20:00 to 03:00
CALL_TYPES = (
    ("Anti-social behaviour", 0.30),
    ("Suspicious circumstances", 0.14),
    ("Crime in progress", 0.12),
    ("Disturbance", 0.14),
    ("Concern for welfare", 0.12),
    ("Road traffic", 0.08),
    ("Noise nuisance", 0.10),
)


def _night_economy(hour_of_week: int) -> bool:
    day, clock = divmod(hour_of_week, 24)
    return (day in (4, 5) and clock >= 20) or (day in (5, 6) and clock < 3)


def demo_call_profile() -> list[float]:
    """The demo's relative rate of calls for each hour of the week, summing to 1."""
    rates = [
        HOURLY_RATE[hour % 24] * DAY_RATE[hour // 24] * (NIGHT_ECONOMY if _night_economy(hour) else 1.0)
        for hour in range(HOURS_IN_WEEK)
    ]
    total = sum(rates)
    return [rate / total for rate in rates]


@dataclass(frozen=True)
class Wishes:
    """When residents want officers, per hour of the week, and where the figures came from."""

    by_hour: list[float]
    source: str  # "survey" or "table_2"
    responses: int  # survey responses behind them (0 for table 2)
