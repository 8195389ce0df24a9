"""What teams guards: staffing against establishment."""

from sn.core.permissions import declare
from sn.core.roles import Role

VIEW_STAFFING = declare(
    "view_staffing",
    "See staffing against establishment",
    app="teams",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
EXPORT_STAFFING = declare(
    "export_staffing",
    "Download staffing tables",
    app="teams",
    roles={Role.SERGEANT, Role.INSPECTOR, Role.ANALYST, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
