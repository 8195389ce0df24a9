"""Who may open the shift pages (collected by sn/core/tests/test_access_matrix.py).

A ward's cover is for the staff of the ward (the team sees its ward and its own team's proposal),
a cluster's cover and planner for the cluster roles, a borough's for the borough roles; adopting the
planner's proposal is for a cluster inspector or above (seed 000 paragraph 51).
"""

from sn.testing.access import (
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    OFFICER_ROLES,
    OTHER_BOROUGH,
    SAME_BOROUGH,
    SAME_CLUSTER,
)

ADOPTERS = frozenset({"inspector", "borough_lead", "central_unit"})

WARD_LEVELS = {
    SAME_CLUSTER: lambda w: {"code": w.wards["a3"].code},
    SAME_BOROUGH: lambda w: {"code": w.wards["a5"].code},
    OTHER_BOROUGH: lambda w: {"code": w.wards["b1"].code},
}
CLUSTER_LEVELS = {SAME_BOROUGH: lambda w: {"code": "C-A2"}, OTHER_BOROUGH: lambda w: {"code": "C-B"}}
BOROUGH_LEVELS = {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}}


def _cluster(w):
    return {"code": "C-A"}


ACCESS_RULES = {
    "rosters:ward_cover": (lambda w: {"code": w.wards["a1"].code}, WARD_LEVELS, OFFICER_ROLES),
    "rosters:cluster_cover": (_cluster, CLUSTER_LEVELS, CLUSTER_ROLES),
    "rosters:cluster_planner": (_cluster, CLUSTER_LEVELS, CLUSTER_ROLES),
    "rosters:cluster_adopt": (_cluster, CLUSTER_LEVELS, ADOPTERS),
    "rosters:borough_cover": (lambda w: {"code": w.boroughs["a"].code}, BOROUGH_LEVELS, BOROUGH_ROLES),
}
DOWNLOADS = {
    "rosters:ward_cover": ("csv", "xlsx"),
    "rosters:cluster_cover": ("csv", "xlsx"),
    "rosters:borough_cover": ("csv", "xlsx"),
}
