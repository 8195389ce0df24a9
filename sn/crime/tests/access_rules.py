"""Who may open the crime pages (collected by sn/core/tests/test_access_matrix.py)."""

from sn.testing.access import (
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    FORCE_ROLES,
    OTHER_BOROUGH,
    SAME_BOROUGH,
    SAME_CLUSTER,
    WARD_ROLES,
)


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _borough(key: str):
    return lambda w: {"code": w.boroughs[key].code}


WARD_LEVELS = {SAME_CLUSTER: _ward("a3"), SAME_BOROUGH: _ward("a5"), OTHER_BOROUGH: _ward("b1")}
CLUSTER_LEVELS = {SAME_BOROUGH: lambda w: {"code": "C-A2"}, OTHER_BOROUGH: lambda w: {"code": "C-B"}}
BOROUGH_LEVELS = {OTHER_BOROUGH: _borough("b")}

ACCESS_RULES = {
    "crime:force_demand": (lambda w: {}, None, FORCE_ROLES),
    "crime:force_demand_map": (lambda w: {}, None, FORCE_ROLES),
    "crime:force_demand_table": (lambda w: {}, None, FORCE_ROLES),
    "crime:borough_demand": (_borough("a"), BOROUGH_LEVELS, BOROUGH_ROLES),
    "crime:cluster_demand": (lambda w: {"code": "C-A"}, CLUSTER_LEVELS, CLUSTER_ROLES),
    "crime:ward_profile": (_ward("a1"), WARD_LEVELS, WARD_ROLES),
    "crime:borough_profile": (_borough("a"), BOROUGH_LEVELS, BOROUGH_ROLES),
    "crime:cluster_profile": (lambda w: {"code": "C-A"}, CLUSTER_LEVELS, CLUSTER_ROLES),
}
DOWNLOADS = {
    "crime:force_demand_table": ("csv", "xlsx"),
    "crime:borough_demand": ("csv", "xlsx"),
    "crime:ward_profile": ("csv", "xlsx"),
    "crime:borough_profile": ("csv", "xlsx"),
    "crime:cluster_demand": ("csv", "xlsx"),
    "crime:cluster_profile": ("csv", "xlsx"),
}
