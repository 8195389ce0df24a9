"""What supervision guards (docs/permissions.md is generated from these declarations).

- Inspectors see the arrangement and the proposals for their clusters; analysts, borough leads and the
  central unit see them for their borough (the central unit the force too).
- Analysts, borough leads and the central unit run the model; only a borough lead (for their borough)
  and the central unit adopt a proposal, since adoption moves sergeants (seed 000 paragraphs 38-44).
"""

from sn.core.permissions import declare
from sn.core.roles import Role

VIEW_SUPERVISION = declare(
    "view_supervision",
    "See how wards share sergeants today and the supervision model's proposals for their area",
    app="supervision",
    roles={Role.INSPECTOR, Role.ANALYST, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
PROPOSE_SUPERVISION = declare(
    "propose_supervision",
    "Run the supervision model for a target number of sergeants in their borough (the force: central unit)",
    app="supervision",
    roles={Role.ANALYST, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
ADOPT_SUPERVISION = declare(
    "adopt_supervision",
    "Adopt a supervision proposal, which changes the sergeants' postings",
    app="supervision",
    roles={Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
