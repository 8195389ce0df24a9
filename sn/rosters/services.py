"""Writes of rosters: adopting the planner's proposal for a cluster."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sn.core.access import has_permission
from sn.geography.models import Cluster
from sn.geography.scope import scope_of
from sn.rosters.planner import Proposal
from sn.teams.models import Team
from sn.workforce.models import ShiftPattern
from sn.workforce.permissions import ADOPT_SHIFT_PATTERN
from sn.workforce.services.shifts import RANK_REFUSAL, shift_pattern_adopt


@transaction.atomic
def shift_plan_adopt(
    *, cluster: Cluster, proposal: Proposal, effective_from: date, actor, note: str = ""
) -> list[ShiftPattern]:
    """A new shift pattern from `effective_from` for every team of the cluster whose proposed pattern
    differs from today's, all or none: each through the workforce's shift_pattern_adopt, which checks
    the rank, the team's area, the working-time rules and the date, and audits the write."""
    if not has_permission(actor, ADOPT_SHIFT_PATTERN) or cluster not in scope_of(actor).clusters():
        raise ValidationError({"actor": RANK_REFUSAL})
    if not proposal.found:
        raise ValidationError(
            {"proposal": "The planner found no proposal that keeps the working-time rules."}
        )
    changed = [team for team in proposal.teams if team.changed_days]
    if not changed:
        raise ValidationError({"proposal": "The proposal is the same as today's patterns: nothing to adopt."})
    teams = Team.objects.select_related("neighbourhood").in_bulk([team.team_id for team in changed])
    adopted = []
    for team in changed:
        home = teams.get(team.team_id)
        if home is None or home.neighbourhood.cluster_id != cluster.id:
            raise ValidationError({"proposal": f"{team.name} is not a team of {cluster.name}."})
        adopted.append(
            shift_pattern_adopt(
                team=home,
                effective_from=effective_from,
                days=team.after,
                actor=actor,
                note=note or f"Shift planner's proposal for {cluster.name}",
            )
        )
    return adopted
