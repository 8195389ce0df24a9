"""What concerns guards: residents' concerns and their analysis.

Concerns hold no personal data: what was raised, where and through which channel, never who raised it
(the forms say so: describe the problem, not the people). So the ward's panel members may read them as
well as the officers over the ward: the panel chooses priorities from them (stage 5). Recording and
archiving is the team's: its PCs, PCSOs and sergeants.
"""

from sn.concerns.models import Concern
from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.rules import RecordRule, Tier

VIEW_CONCERNS = declare(
    "view_concerns",
    "See the concerns raised in a ward in scope and their analysis against recorded incidents "
    "(team officers and sergeants of the ward, inspectors of its cluster, analysts and borough leads of "
    "its borough, the central unit, and the ward's panel members: concerns hold no personal data)",
    app="concerns",
    roles={
        Role.PANEL_MEMBER,
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
MANAGE_CONCERNS = declare(
    "manage_concerns",
    "Record a concern raised in a ward the user works on (a letter, a complaint, media, feedback) and "
    "archive one recorded in error",
    app="concerns",
    roles={Role.TEAM_OFFICER, Role.SERGEANT},
)

# One rule for the list, the analysis and a single concern: a ward's concerns are reached through the
# ward, by whoever's scope covers it.
CONCERNS = RecordRule(
    model=Concern,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_CONCERNS),
    change=Tier(associated=MANAGE_CONCERNS),
)
