from sn.testing.access import BOROUGH_ROLES, WARD_ROLES

ACCESS_RULES = {
    "reports:ward": (
        lambda w: {"code": w.wards["a1"].code},
        lambda w: {"code": w.wards["b1"].code},
        WARD_ROLES,
    ),
    "reports:borough": (
        lambda w: {"code": w.boroughs["a"].code},
        lambda w: {"code": w.boroughs["b"].code},
        BOROUGH_ROLES,
    ),
}
