"""Reads shaped for team pages."""

from collections import defaultdict

from django.utils import timezone

from sn.teams.models import Rank, Team
from sn.teams.selectors import active_postings

RANK_ORDER = {rank: i for i, rank in enumerate(Rank.values)}


def team_members(team: Team) -> tuple[list, dict[int, list[str]]]:
    """The officers posted to a team today, in rank order, and for each sergeant the other teams
    they lead. Two queries however large the team."""
    today = timezone.localdate()
    postings = list(active_postings(on=today).filter(team=team).select_related("officer"))
    officers = sorted(
        (p.officer for p in postings), key=lambda o: (RANK_ORDER.get(o.rank, 99), o.last_name, o.first_name)
    )
    sergeant_ids = [o.id for o in officers if o.rank == Rank.SERGEANT]
    others: dict[int, list[str]] = defaultdict(list)
    if sergeant_ids:
        for officer_id, team_name in (
            active_postings(on=today)
            .filter(officer_id__in=sergeant_ids)
            .exclude(team=team)
            .values_list("officer_id", "team__name")
            .order_by("team__name")
        ):
            others[officer_id].append(team_name)
    return officers, dict(others)
