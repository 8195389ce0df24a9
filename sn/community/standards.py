"""The dates the standards turn on: when a KIN member is due an interview, when a record is due a
retention review. Pure functions of a record's dates and the settings, so that services, due lists and
the aggregate queries of sn.community.compliance all count the same way."""

import calendar
from datetime import date

from django.conf import settings

from sn.community.models import Contact, KinMember


def long_date(day: date) -> str:
    """1 April 2008, as a date is written in the UK (strftime's %d would say 01)."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def months_after(day: date, months: int) -> date:
    """The same day `months` later (earlier, if negative), or the month's last day when it is shorter:
    six months after 31 August is 28 or 29 February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def interviews_per_month() -> int:
    return settings.SN_KIN_INTERVIEWS_PER_MONTH


def interview_interval_months() -> int:
    return settings.SN_KIN_INTERVIEW_INTERVAL_MONTHS


# The key of each model's retention period in settings.SN_RETENTION (sn.privacy reads the same periods).
RETENTION_KEYS = {KinMember: "kin_member", Contact: "contact"}


def review_months(model: type[KinMember] | type[Contact] = KinMember) -> int:
    """Months unused before a member (or a contact) is due a retention review: SN_RETENTION's period,
    whose default is the older SN_PERSONAL_DATA_REVIEW_MONTHS."""
    return settings.SN_RETENTION[RETENTION_KEYS[model]]["months"]


def interview_due_on(member: KinMember) -> date:
    """A member is due an interview six months (the setting) after the last one, or after joining."""
    return months_after(member.last_interviewed_on or member.joined_on, interview_interval_months())


def in_date_cutoff(today: date) -> date:
    """Members whose last interview (or joining, if none yet) is on or after this day are in date."""
    return months_after(today, -interview_interval_months())


def last_activity(record: KinMember | Contact) -> date:
    """The last time the team used the record: an interview or a contact, a retention review that kept
    it, or the consent that started it."""
    days = [record.consent_given_on, record.reviewed_on]
    if isinstance(record, KinMember):
        days += [record.joined_on, record.last_interviewed_on]
    else:
        days += [record.last_contacted_on]
    return max(day for day in days if day is not None)


def review_due_on(record: KinMember | Contact) -> date:
    return months_after(last_activity(record), review_months(type(record)))


def review_cutoff(today: date, model: type[KinMember] | type[Contact] = KinMember) -> date:
    """Records of `model` last used on or before this day are due a retention review."""
    return months_after(today, -review_months(model))
