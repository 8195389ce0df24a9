"""The working-time rules over a weekly shift pattern, as pure functions.

A pattern is seven entries, Monday first: {"start": "HH:MM", "hours": float} for a working day or
None for a rest day (ShiftPattern.days). The week repeats, so Sunday's shift is followed by Monday's.
Hours of the week run from 0 (Monday 00:00) to 168.
"""

import re
from collections.abc import Sequence
from typing import Any

from django.conf import settings

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HOURS_IN_WEEK = 168
_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def max_shift_hours() -> float:
    return float(getattr(settings, "SN_MAX_SHIFT_HOURS", 10))


def min_rest_hours() -> float:
    return float(getattr(settings, "SN_MIN_REST_HOURS", 11))


def clock_hours(text: str) -> float | None:
    """ "07:30" -> 7.5; None for anything that is not a 24-hour HH:MM."""
    match = _CLOCK.match(text) if isinstance(text, str) else None
    if not match:
        return None
    return int(match.group(1)) + int(match.group(2)) / 60


def malformations(days: Any) -> list[str]:
    """What makes `days` no pattern at all, in words naming the day; empty when it is well formed."""
    if not isinstance(days, Sequence) or isinstance(days, str) or len(days) != 7:
        return ["A shift pattern has seven days, Monday first (null for a rest day)."]
    problems = []
    for name, day in zip(DAY_NAMES, days, strict=True):
        if day is None:
            continue
        if not isinstance(day, dict) or set(day) != {"start", "hours"}:
            problems.append(f"{name}: a working day has a start (HH:MM) and a number of hours.")
            continue
        if clock_hours(day["start"]) is None:
            problems.append(f"{name}: the start {day['start']!r} is not a time like 07:00.")
        hours = day["hours"]
        if isinstance(hours, bool) or not isinstance(hours, int | float) or not 0 < hours <= 24:
            problems.append(f"{name}: the hours {hours!r} are not a number between 0 and 24.")
    return problems


def shifts(days: Sequence[dict | None]) -> list[tuple[int, float, float]]:
    """The working days of a well-formed pattern as (day index, start hour of week, end hour of week);
    the end may pass 168 (a Sunday night shift into Monday)."""
    result = []
    for index, day in enumerate(days):
        if day is not None:
            start = index * 24 + clock_hours(day["start"])
            result.append((index, start, start + float(day["hours"])))
    return result


def _hours_text(hours: float) -> str:
    return f"{hours:g} hours" if hours != 1 else "1 hour"


def breaches(days: Sequence[dict | None]) -> list[str]:
    """The working-time rules a well-formed pattern breaks, in words naming the day: a shift longer
    than the maximum, or less than the minimum rest from the end of one shift to the start of the
    next, Sunday into Monday included. Empty when the pattern keeps the rules."""
    longest, rest = max_shift_hours(), min_rest_hours()
    problems = []
    worked = shifts(days)
    for index, _start, end in worked:
        length = end - _start
        if length > longest:
            problems.append(
                f"{DAY_NAMES[index]}: a shift of {_hours_text(length)} is longer than the "
                f"{_hours_text(longest)} allowed."
            )
    for position, (index, _start, end) in enumerate(worked):
        following_index, following_start, _ = worked[(position + 1) % len(worked)]
        if position + 1 == len(worked):
            following_start += HOURS_IN_WEEK
        gap = following_start - end
        if gap < rest:
            if len(worked) == 1 and gap >= 0:
                # one shift a week is followed by itself a week later: far more rest than required
                continue
            problems.append(
                f"{DAY_NAMES[index]} into {DAY_NAMES[following_index]}: "
                + (
                    f"the {DAY_NAMES[following_index]} shift starts before the {DAY_NAMES[index]} one ends."
                    if gap < 0
                    else f"only {_hours_text(round(gap, 2))} of rest between shifts, "
                    f"at least {_hours_text(rest)} required."
                )
            )
    return problems


def on_duty_intervals(days: Sequence[dict | None]) -> list[tuple[float, float]]:
    """The hours of the week on duty as sorted (start, end) intervals within 0-168, a shift past
    Sunday midnight wrapping round to Monday morning."""
    intervals = []
    for _index, start, end in shifts(days):
        if end <= HOURS_IN_WEEK:
            intervals.append((start, end))
        else:
            intervals.append((start, float(HOURS_IN_WEEK)))
            intervals.append((0.0, end - HOURS_IN_WEEK))
    return sorted(intervals)


def on_duty_by_hour(days: Sequence[dict | None]) -> list[float]:
    """For each of the 168 hours of the week, the fraction of it on duty (0 to 1)."""
    cover = [0.0] * HOURS_IN_WEEK
    for start, end in on_duty_intervals(days):
        hour = int(start)
        while hour < end and hour < HOURS_IN_WEEK:
            cover[hour] = min(1.0, cover[hour] + min(end, hour + 1) - max(start, hour))
            hour += 1
    return cover
