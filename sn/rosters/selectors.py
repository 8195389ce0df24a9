"""Cover, demand and residents' wishes by hour of the week, for a ward or a cluster.

- Cover is read from the duties: each on-duty duty worked in the area adds its officer to every hour of
  the week it spans (a part hour by its fraction), summed over the period's weeks and divided by their
  number, so a figure is "officers on duty in that hour of an average week". Abstractions count nowhere;
  a lent officer counts in the ward they worked. Hours are local (London) clock hours.
- Demand is the calls for service by hour of the week over the year ending with the period, as calls
  in an average week.
- Residents' wishes are the area's survey answers (sn.engagement) when there are enough of them, else
  the 2011 SN survey's table 2 (sn.rosters.profiles).
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max, Min, Q
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay
from django.utils import timezone

from sn.engagement.models import OfficerTime, SurveyResponse, time_field
from sn.rosters.models import CallForService
from sn.rosters.profiles import (
    Wishes,
    cover_window,
    is_evening,
    is_weekend_day,
    survey_wishes,
    table_2_wishes,
)
from sn.teams.models import Team
from sn.teams.selectors import active_postings
from sn.workforce.models import Duty, ShiftPattern
from sn.workforce.working_time import HOURS_IN_WEEK

PERIOD_WEEKS = (4, 8, 13)
DEMAND_WEEKS = 52
# Below this many survey responses an area's answers say too little; table 2 stands in.
MIN_SURVEY_RESPONSES = 20
# An hour of the cover window is a gap when, in an average week, fewer officers than this were on duty.
MIN_COVER = 1.0


@dataclass(frozen=True)
class Period:
    start: date  # a Monday
    weeks: int

    @property
    def end(self) -> date:
        """The Monday after the last week (exclusive)."""
        return self.start + timedelta(weeks=self.weeks)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)


def period_ending(*, weeks: int, today: date) -> Period:
    """The `weeks` whole weeks (Monday to Sunday) before the week of `today`."""
    this_monday = today - timedelta(days=today.weekday())
    return Period(start=this_monday - timedelta(weeks=weeks), weeks=weeks)


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


def _hour_of_week(moment: datetime) -> float:
    local = timezone.localtime(moment)
    return local.weekday() * 24 + local.hour + local.minute / 60 + local.second / 3600


def _spread(cover: list[float], start: float, hours: float) -> None:
    """Add one officer over `hours` from hour-of-week `start`, wrapping Sunday into Monday."""
    position, left = start, hours
    while left > 1e-9:
        slot = int(position) % HOURS_IN_WEEK
        step = min(left, int(position) + 1 - position)
        cover[slot] += step
        position += step
        left -= step


def duty_cover(*, neighbourhood_ids: Iterable[int], period: Period) -> dict[int, list[float]]:
    """{ward id: officers on duty in each hour of an average week of the period} (every ward asked
    for has an entry, all zeros when nobody worked there)."""
    ids = list(neighbourhood_ids)
    cover = {ward_id: [0.0] * HOURS_IN_WEEK for ward_id in ids}
    rows = Duty.objects.filter(
        neighbourhood_id__in=ids, date__gte=period.start, date__lt=period.end
    ).values_list("neighbourhood_id", "starts_at", "minutes")
    for ward_id, starts_at, minutes in rows.iterator(chunk_size=5000):
        _spread(cover[ward_id], _hour_of_week(starts_at), minutes / 60)
    for values in cover.values():
        for hour in range(HOURS_IN_WEEK):
            values[hour] /= period.weeks
    return cover


@dataclass(frozen=True)
class Demand:
    by_ward: dict[int, list[float]]  # calls in an average week, per hour of the week
    weeks: int  # the weeks the averages are over (fewer than a year when calls start later)
    calls: int
    first: date | None


def call_demand(*, neighbourhood_ids: Iterable[int], end: date, weeks: int = DEMAND_WEEKS) -> Demand:
    """Calls for service by hour of the week over the `weeks` weeks before `end` (exclusive), per ward."""
    ids = list(neighbourhood_ids)
    start = end - timedelta(weeks=weeks)
    calls = CallForService.objects.filter(
        neighbourhood_id__in=ids,
        received_at__gte=_local_midnight(start),
        received_at__lt=_local_midnight(end),
    )
    tz = timezone.get_current_timezone()
    rows = (
        calls.annotate(
            day=ExtractIsoWeekDay("received_at", tzinfo=tz), hour=ExtractHour("received_at", tzinfo=tz)
        )
        .values("neighbourhood_id", "day", "hour")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {ward_id: [0.0] * HOURS_IN_WEEK for ward_id in ids}
    total = 0
    for row in rows:
        counts[row["neighbourhood_id"]][(row["day"] - 1) * 24 + row["hour"]] += row["n"]
        total += row["n"]
    first = calls.order_by("received_at").values_list("received_at", flat=True).first()
    first_day = timezone.localdate(first) if first else None
    # Calls that began part way through the year are averaged over the weeks they cover.
    held = weeks if first_day is None else max(1, min(weeks, -(-(end - first_day).days // 7)))
    for values in counts.values():
        for hour in range(HOURS_IN_WEEK):
            values[hour] /= held
    return Demand(by_ward=counts, weeks=held, calls=total, first=first_day)


def residents_wishes(*, neighbourhood_ids: Iterable[int]) -> Wishes:
    """The areas' survey answers on when officers should be around, else seed 000 table 2."""
    responses = SurveyResponse.objects.filter(event__neighbourhood_id__in=list(neighbourhood_ids))
    fields = {answer: time_field(answer) for answer in OfficerTime.values}
    totals = responses.aggregate(
        n=Count("id"), **{answer: Count("id", filter=_true(name)) for answer, name in fields.items()}
    )
    n = totals.pop("n") or 0
    if n < MIN_SURVEY_RESPONSES:
        return Wishes(by_hour=table_2_wishes(), source="table_2", responses=n)
    return Wishes(by_hour=survey_wishes({k: v / n for k, v in totals.items()}), source="survey", responses=n)


def _true(name: str) -> Q:
    return Q(**{name: True})


def add(series: Iterable[list[float]]) -> list[float]:
    total = [0.0] * HOURS_IN_WEEK
    for values in series:
        for hour, value in enumerate(values):
            total[hour] += value
    return total


@dataclass
class Figures:
    """What one hour-of-week series of cover says, in the figures the pages and the planner report."""

    evening: float  # average officers on duty in an evening hour (18:00-23:00), every day
    weekend: float  # average officers on duty in a Saturday or Sunday hour of the cover window
    window_hours: int  # hours of the week inside the cover window (16 x 7 by default)
    gaps: list[int] = field(default_factory=list)  # hours of the window below the minimum cover

    @property
    def covered(self) -> int:
        return self.window_hours - len(self.gaps)

    @property
    def full_cover(self) -> bool:
        return not self.gaps


def figures(cover: list[float], *, minimum: float = MIN_COVER) -> Figures:
    window = cover_window()
    evening = [cover[h] for h in range(HOURS_IN_WEEK) if is_evening(h)]
    weekend = [cover[h] for h in range(HOURS_IN_WEEK) if is_weekend_day(h)]
    in_window = [h for h in range(HOURS_IN_WEEK) if h % 24 in window]
    return Figures(
        evening=sum(evening) / len(evening),
        weekend=sum(weekend) / len(weekend) if weekend else 0.0,
        window_hours=len(in_window),
        gaps=[h for h in in_window if cover[h] < minimum - 1e-9],
    )


def patterns_in_force(teams: Iterable[Team], *, on: date) -> dict[int, ShiftPattern]:
    """{team id: the shift pattern in force on the day} for the teams that have one."""
    latest: dict[int, ShiftPattern] = {}
    for pattern in ShiftPattern.objects.filter(team__in=list(teams), effective_from__lte=on).order_by(
        "team_id", "-effective_from"
    ):
        latest.setdefault(pattern.team_id, pattern)
    return latest


def planned_patterns(teams: Iterable[Team], *, after: date) -> dict[int, list[ShiftPattern]]:
    """{team id: patterns adopted to start after the day}, soonest first."""
    planned: dict[int, list[ShiftPattern]] = defaultdict(list)
    for pattern in ShiftPattern.objects.filter(team__in=list(teams), effective_from__gt=after).order_by(
        "effective_from"
    ):
        planned[pattern.team_id].append(pattern)
    return planned


def team_strength(teams: Iterable[Team], *, on: date) -> dict[int, int]:
    """{team id: officers posted to it on the day} (sergeant, PCs and PCSOs)."""
    rows = (
        active_postings(on=on)
        .filter(team__in=list(teams))
        .values("team_id")
        .annotate(n=Count("officer_id", distinct=True))
        .order_by()
    )
    return {row["team_id"]: row["n"] for row in rows}


def calls_held() -> dict:
    """How many calls are held and over which days (for the pages' note on where demand comes from)."""
    found = CallForService.objects.aggregate(n=Count("id"), first=Min("received_at"), last=Max("received_at"))
    demo = CallForService.objects.filter(source_reference__startswith="demo:").aggregate(n=Count("id"))["n"]
    return {**found, "demo": demo}
