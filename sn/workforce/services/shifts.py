"""Adopting a team's shift pattern (seed 000 paragraph 51: a cluster inspector or above decides)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.access import has_permission
from sn.core.audit import audit_actor
from sn.geography.scope import scope_of
from sn.teams.models import Team
from sn.workforce.models import ShiftPattern
from sn.workforce.permissions import ADOPT_SHIFT_PATTERN
from sn.workforce.working_time import breaches, clock_hours, malformations

RANK_REFUSAL = "Only a cluster inspector or above may adopt a change of shift."


def _normalised(days: list) -> list:
    """Starts written back as HH:MM and hours as floats, so equal patterns are stored equally."""
    result = []
    for day in days:
        if day is None:
            result.append(None)
            continue
        hours = clock_hours(day["start"])
        result.append(
            {"start": f"{int(hours):02d}:{round((hours % 1) * 60):02d}", "hours": float(day["hours"])}
        )
    return result


def shift_pattern_adopt(
    *, team: Team, effective_from: date, days: list, actor, note: str = ""
) -> ShiftPattern:
    """A new shift pattern for `team` from `effective_from` (today or later). Refused, with nothing
    written, for an actor below a cluster inspector or whose area does not reach the team's ward, a
    malformed pattern, a breach of the working-time rules, or a date in the past or already taken."""
    if not has_permission(actor, ADOPT_SHIFT_PATTERN) or not scope_of(actor).covers_neighbourhood(
        team.neighbourhood
    ):
        raise ValidationError({"actor": RANK_REFUSAL})
    problems = malformations(days)
    if problems:
        raise ValidationError({"days": problems})
    problems = breaches(days)
    if problems:
        raise ValidationError({"days": problems})
    if effective_from < timezone.localdate():
        raise ValidationError({"effective_from": "A change of shift cannot start in the past."})
    if effective_from > timezone.localdate() + timedelta(days=366):
        raise ValidationError(
            {
                "effective_from": "A change of shift starts within a year from today; "
                "a later date is almost surely a typing slip."
            }
        )
    if ShiftPattern.objects.filter(team=team, effective_from=effective_from).exists():
        raise ValidationError(
            {"effective_from": f"{team.name} already has a shift pattern from {effective_from:%d %B %Y}."}
        )
    with transaction.atomic(), audit_actor(actor):
        return ShiftPattern.objects.create(
            team=team, effective_from=effective_from, days=_normalised(days), adopted_by=actor, note=note
        )
