"""What guarantee guards (docs/permissions.md is generated from these declarations).

Staff read the share of wards with a named officer for the area in their scope; the sergeants and borough
leads are the ones told of a lapse (on their home page) and may run the sweep.
"""

from sn.core.permissions import declare
from sn.core.roles import Role

VIEW_NAMED_OFFICERS = declare(
    "view_named_officers",
    "See which wards in their area have a named officer contactable online, the lapses recorded and the "
    "share's history",
    app="guarantee",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
HEAR_OF_NAMED_OFFICER_LAPSES = declare(
    "hear_of_named_officer_lapses",
    "Be told on the home page when a ward in their area has, or will soon have, no named contactable officer",
    app="guarantee",
    roles={Role.SERGEANT, Role.BOROUGH_LEAD},
)
RUN_NAMED_OFFICER_SWEEP = declare(
    "run_named_officer_sweep",
    "Run the sweep that records wards' lapses in named contactable officers",
    app="guarantee",
    roles={Role.CENTRAL_UNIT},
)
