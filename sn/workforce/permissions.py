"""What the workforce records guard (docs/permissions.md is generated from these declarations).

- Duties: the team's sergeant records and corrects them (the duty system's file is the usual source);
  the team and everyone above it read them within their scope.
- Abstraction monitoring: supervisors, analysts and the borough and force roles; the central unit keeps
  the duty codes and the abstraction policy, as it set the policy in 2008.
"""

from sn.core.permissions import declare
from sn.core.roles import Role

VIEW_DUTIES = declare(
    "view_duties",
    "See the duties of the officers in their area",
    app="workforce",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
RECORD_DUTIES = declare(
    "record_duties",
    "Record and correct the duties of their team's officers",
    app="workforce",
    roles={Role.SERGEANT},
)
VIEW_ABSTRACTION = declare(
    "view_abstraction",
    "See abstraction rates for their area, with the CSV and workbook",
    app="workforce",
    roles={Role.SERGEANT, Role.INSPECTOR, Role.ANALYST, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
# The duty system's file from the browser: the central unit for the force, a sergeant for their teams
# (a line for an officer posted elsewhere is refused: sn.workforce.jobs).
IMPORT_DUTIES = declare(
    "import_duties",
    "Upload the duty system's file: for the whole force, or a sergeant's own teams",
    app="workforce",
    roles={Role.SERGEANT, Role.CENTRAL_UNIT},
)
MANAGE_ABSTRACTION_POLICY = declare(
    "manage_abstraction_policy",
    "Keep the duty codes and set the abstraction policy (exempt reasons and target)",
    app="workforce",
    roles={Role.CENTRAL_UNIT},
)
# Seed 000 paragraph 51: a change of shift pattern is a decision for the cluster inspector or above.
ADOPT_SHIFT_PATTERN = declare(
    "adopt_shift_pattern",
    "Adopt a change to the shift patterns of the teams in their area",
    app="workforce",
    roles={Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
