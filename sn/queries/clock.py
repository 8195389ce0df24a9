"""The Guarantee's clock on a community query, pure: no database, settings read at each call.

Calendar mode counts every hour from receipt. Working-time mode counts only the hours between
SN_QUERY_WORKING_DAY_START and _END (local time) on working days (weekdays less the bank holidays of
sn.feedback.working_days); a query received out of hours starts its clock at the next working hour.
Both work in local wall-clock time, so that "9 to 5" means what the public reads it to mean across a
change of the clocks.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from sn.feedback.working_days import is_working_day


def clock_hours() -> int:
    return settings.SN_QUERY_CLOCK_HOURS


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None) if timezone.is_aware(moment) else moment


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment)


def _window(day) -> tuple[datetime, datetime]:
    return (
        datetime.combine(day, time(settings.SN_QUERY_WORKING_DAY_START)),
        datetime.combine(day, time(settings.SN_QUERY_WORKING_DAY_END)),
    )


def deadline(received: datetime, hours: int | None = None) -> datetime:
    """When the clock of a query received at `received` runs out."""
    hours = clock_hours() if hours is None else hours
    if not settings.SN_QUERY_CLOCK_WORKING_TIME:
        return received + timedelta(hours=hours)
    remaining = timedelta(hours=hours)
    moment = _local(received)
    day = moment.date()
    while True:
        start, end = _window(day)
        if is_working_day(day) and moment < end:
            moment = max(moment, start)
            available = end - moment
            if remaining <= available:
                return _aware(moment + remaining)
            remaining -= available
        day += timedelta(days=1)
        moment = datetime.combine(day, time(0))


def hours_elapsed(received: datetime, until: datetime) -> float:
    """The clock hours between `received` and `until` (0 when `until` is not later)."""
    if until <= received:
        return 0.0
    if not settings.SN_QUERY_CLOCK_WORKING_TIME:
        return (until - received).total_seconds() / 3600
    first, last = _local(received), _local(until)
    total = timedelta()
    day = first.date()
    while day <= last.date():
        if is_working_day(day):
            start, end = _window(day)
            overlap = min(end, last) - max(start, first)
            if overlap > timedelta():
                total += overlap
        day += timedelta(days=1)
    return total.total_seconds() / 3600


@dataclass(frozen=True)
class ClockState:
    state: str  # "running", "met" (answered in time), "breached" (answered late or not answered in time)
    stopped: bool
    hours_left: float  # clock hours left (running), or negative by how much it is past its deadline

    @property
    def label(self) -> str:
        if self.state == "met":
            return "Answered in time"
        if self.state == "running":
            return f"{_days_and_hours(self.hours_left)} left"
        late = _days(-self.hours_left)
        return f"Answered late by {late}" if self.stopped else f"Breached by {late}"


def _hours(value: float) -> str:
    whole = max(0, round(value))
    return "under 1 hour" if whole == 0 else f"{whole} hour{'s' if whole != 1 else ''}"


# Past two days a count of hours is hard to read ("235898 hours"): days say it plainly.
LONG_HOURS = 48


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'s' if count != 1 else ''}"


def _days(value: float) -> str:
    if round(value) <= LONG_HOURS:
        return _hours(value)
    return _plural(int(value // 24), "day")


def _days_and_hours(value: float) -> str:
    whole = round(value)
    if whole <= LONG_HOURS:
        return _hours(value)
    days, hours = divmod(whole, 24)
    return _plural(days, "day") + (f" {_plural(hours, 'hour')}" if hours else "")


def clock_state(*, due_at: datetime, answered_at: datetime | None, now: datetime) -> ClockState:
    """Where a query's clock stands at `now`. Only `answered_at` (the first substantive reply) stops it."""
    if answered_at is not None:
        if answered_at <= due_at:
            return ClockState("met", True, hours_elapsed(answered_at, due_at))
        return ClockState("breached", True, -hours_elapsed(due_at, answered_at))
    if now <= due_at:
        return ClockState("running", False, hours_elapsed(now, due_at))
    return ClockState("breached", False, -hours_elapsed(due_at, now))


def nearing_breach(state: ClockState) -> bool:
    return state.state == "running" and state.hours_left < settings.SN_QUERY_WARN_HOURS
