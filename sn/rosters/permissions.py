"""What rosters guards (docs/permissions.md is generated from these declarations).

Cover by hour of the week, the calls behind the demand and the planner's proposals are for the staff
of the area: the team sees its ward and its own team's proposal, supervisors and the borough and force
roles their clusters and boroughs. Adopting a change of shift is the workforce's ADOPT_SHIFT_PATTERN
(a cluster inspector or above, seed 000 paragraph 51).
"""

from sn.core.permissions import declare
from sn.core.roles import Role

VIEW_SHIFT_COVER = declare(
    "view_shift_cover",
    "See cover by hour of the week against calls and residents' wishes, and the shift planner's proposals",
    app="rosters",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
