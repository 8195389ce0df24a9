"""Dates as people in the UK write them: "1 August 2026", not "01 August 2026"."""

from datetime import date, datetime


def long_date(day: date | datetime) -> str:
    return f"{day.day} {day:%B %Y}"


def short_date(day: date | datetime) -> str:
    return f"{day.day} {day:%b %Y}"


def day_and_time(moment: datetime) -> str:
    """A meeting's local date and time: "Tuesday 4 August 2026, 19:00"."""
    return f"{moment:%A} {moment.day} {moment:%B %Y, %H:%M}"
