"""What scorecard guards (docs/permissions.md is generated from these declarations).

The scorecard is read by every officer for their own area (the Guarantee is their work, measured); time
in the community names individual officers' hours, so it is for supervisors and analysts, as the
abstraction rates it sits beside (sn.workforce VIEW_ABSTRACTION).
"""

from django.http import Http404

from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.models import Borough, Neighbourhood
from sn.geography.scope import Scope

VIEW_SCORECARD = declare(
    "view_scorecard",
    "See the Guarantee scorecard for their area (ward, borough or force) with each measure's definition "
    "and history, and download it as the national return's CSV or JSON",
    app="scorecard",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
VIEW_COMMUNITY_TIME = declare(
    "view_community_time",
    "See the share of each officer's and team's working time spent in their neighbourhood, beside the "
    "abstraction rate, for their area",
    app="scorecard",
    roles={Role.SERGEANT, Role.INSPECTOR, Role.ANALYST, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)


def reaches_borough(scope: Scope, borough: Borough) -> bool:
    """A borough's figures are for those who reach all of it: the force, or its borough roles."""
    return scope.everything or borough.pk in scope.borough_ids


def ward_in_scope(scope: Scope, ward: Neighbourhood) -> Neighbourhood:
    if not scope.covers_neighbourhood(ward):
        raise Http404("No such ward in your area")
    return ward


def borough_in_scope(scope: Scope, borough: Borough) -> Borough:
    if not reaches_borough(scope, borough):
        raise Http404("No such borough in your area")
    return borough
