"""Shared reads of the workforce: postings on a day, duties by team, week and officer, the code table,
the policy in force and its history, and the shift pattern in force."""

from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from sn.teams.models import Officer, Posting, Team
from sn.teams.selectors import active_postings
from sn.workforce.models import AbstractionPolicy, Duty, DutyCode, ShiftPattern


def postings_on(officer: Officer, day: date) -> list[Posting]:
    """The officer's postings on `day`, the earliest first (a shared sergeant has several)."""
    return list(
        active_postings(on=day)
        .filter(officer=officer)
        .select_related("team__neighbourhood")
        .order_by("start_date", "id")
    )


def local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def duties_between(start: date, end: date) -> QuerySet[Duty]:
    """Duties starting on a day from `start` to `end` inclusive, with what a page shows of them."""
    return Duty.objects.filter(date__gte=start, date__lte=end).select_related(
        "officer", "team", "neighbourhood", "code", "reason"
    )


def team_duties(team: Team, start: date, end: date) -> QuerySet[Duty]:
    return (
        duties_between(start, end).filter(team=team).order_by("officer__last_name", "officer_id", "starts_at")
    )


def officer_duties(officer: Officer, start: date, end: date) -> QuerySet[Duty]:
    return duties_between(start, end).filter(officer=officer).order_by("starts_at")


def team_officers(team: Team, start: date, end: date) -> list[Officer]:
    """Everyone posted to the team on any day from `start` to `end`, by rank then name."""
    postings = (
        Posting.objects.filter(team=team, start_date__lte=end)
        .exclude(end_date__lt=start)
        .select_related("officer")
    )
    officers = {posting.officer_id: posting.officer for posting in postings}
    rank_order = {"sergeant": 0, "pc": 1, "pcso": 2, "special": 3, "volunteer": 4}
    return sorted(officers.values(), key=lambda o: (rank_order.get(o.rank, 9), o.last_name, o.first_name))


def duty_codes(*, active_only: bool = False) -> QuerySet[DutyCode]:
    codes = DutyCode.objects.select_related("reason").order_by("code")
    return codes.filter(active=True) if active_only else codes


def abstraction_policy_in_force(*, on: date | None = None) -> AbstractionPolicy | None:
    on = on or timezone.localdate()
    return (
        AbstractionPolicy.objects.filter(effective_from__lte=on)
        .prefetch_related("exempt_reasons")
        .order_by("-effective_from")
        .first()
    )


def abstraction_policy_history() -> QuerySet[AbstractionPolicy]:
    return (
        AbstractionPolicy.objects.prefetch_related("exempt_reasons")
        .select_related("created_by")
        .order_by("-effective_from")
    )


def shift_pattern_in_force(team: Team, *, on: date | None = None) -> ShiftPattern | None:
    on = on or timezone.localdate()
    return ShiftPattern.objects.filter(team=team, effective_from__lte=on).order_by("-effective_from").first()
