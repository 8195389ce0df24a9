"""Working days in England and Wales: Monday to Friday, less the bank holidays.

The regular bank holidays follow from the rules (with a weekend's holiday moved to the next working
day); the one-off ones (jubilees, a coronation, a state funeral) are listed. A due date counted in
working days falls on a working day.
"""

from datetime import date, timedelta
from functools import cache

ONE_OFF_HOLIDAYS = frozenset(
    {
        date(2011, 4, 29),  # royal wedding
        date(2012, 6, 5),  # diamond jubilee
        date(2022, 6, 3),  # platinum jubilee
        date(2022, 9, 19),  # state funeral of Queen Elizabeth II
        date(2023, 5, 8),  # coronation of King Charles III
    }
)
# Years whose early May bank holiday moved to the Friday of a VE Day anniversary.
MOVED_EARLY_MAY = {1995: date(1995, 5, 8), 2020: date(2020, 5, 8)}
# Years whose spring bank holiday moved for a jubilee.
MOVED_SPRING = {2002: date(2002, 6, 4), 2012: date(2012, 6, 4), 2022: date(2022, 6, 2)}


def easter_sunday(year: int) -> date:
    """The Gregorian Easter (the anonymous algorithm of 1876)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=last.weekday())


def _substitute(day: date, taken: set[date]) -> date:
    """A holiday on a weekend (or on a day another holiday took) moves to the next free weekday."""
    while day.weekday() >= 5 or day in taken:
        day += timedelta(days=1)
    return day


@cache
def bank_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    days: set[date] = {
        easter - timedelta(days=2),
        easter + timedelta(days=1),
        MOVED_EARLY_MAY.get(year, _first_monday(year, 5)),
        MOVED_SPRING.get(year, _last_monday(year, 5)),
        _last_monday(year, 8),
    }
    for fixed in (date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)):
        days.add(_substitute(fixed, days))
    days |= {day for day in ONE_OFF_HOLIDAYS if day.year == year}
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The working day `days` working days after `start` (a message received on a Saturday counts from
    the Monday)."""
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if is_working_day(current):
            counted += 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n)))
