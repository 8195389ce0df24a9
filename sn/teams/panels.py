"""The ward page's team and staffing panels (registered in sn.teams.hooks)."""

from sn.core.access import has_permission
from sn.core.permissions import VIEW_AUDIT_HISTORY
from sn.geography.models import Neighbourhood
from sn.teams.models import Team
from sn.teams.permissions import VIEW_STAFFING
from sn.teams.selectors import team_staffing
from sn.teams.views_helpers import team_members


def _team_of(neighbourhood: Neighbourhood) -> Team | None:
    return getattr(neighbourhood, "team", None)


def team_panel(user, neighbourhood: Neighbourhood) -> dict:
    team = _team_of(neighbourhood)
    members, shared_sergeants = team_members(team) if team else ([], {})
    return {
        "team": team,
        "members": members,
        "shared_sergeants": shared_sergeants,
        # Members of the public on a ward panel reach the team through its published contact (the
        # page's header); collar numbers and officers' own lines are for police and staff.
        "can_see_officer_contacts": has_permission(user, VIEW_STAFFING),
        "can_see_history": has_permission(user, VIEW_AUDIT_HISTORY),
    }


def staffing_panel(user, neighbourhood: Neighbourhood) -> dict | None:
    team = _team_of(neighbourhood)
    if team is None:
        return None
    staffing = team_staffing(Team.objects.filter(id=team.id)).get(team.id)
    return None if staffing is None else {"staffing": staffing}
