"""Who may open the crime pages (collected by sn/core/tests/test_access_matrix.py)."""

from sn.testing.access import BOROUGH_ROLES, FORCE_ROLES, WARD_ROLES

ACCESS_RULES = {
    "crime:force_demand": (lambda w: {}, None, FORCE_ROLES),
    "crime:force_demand_map": (lambda w: {}, None, FORCE_ROLES),
    "crime:force_demand_table": (lambda w: {}, None, FORCE_ROLES),
    "crime:borough_demand": (
        lambda w: {"code": w.boroughs["a"].code},
        lambda w: {"code": w.boroughs["b"].code},
        BOROUGH_ROLES,
    ),
    "crime:ward_profile": (
        lambda w: {"code": w.wards["a1"].code},
        lambda w: {"code": w.wards["b1"].code},
        WARD_ROLES,
    ),
    "crime:borough_profile": (
        lambda w: {"code": w.boroughs["a"].code},
        lambda w: {"code": w.boroughs["b"].code},
        BOROUGH_ROLES,
    ),
}
