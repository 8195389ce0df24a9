"""Who may open the performance pages (collected by sn/core/tests/test_access_matrix.py)."""

from sn.testing.access import BOROUGH_ROLES, FORCE_ROLES, OTHER_BOROUGH

ACCESS_RULES = {
    "performance:force": (lambda w: {}, None, FORCE_ROLES),
    "performance:borough": (
        lambda w: {"code": w.boroughs["a"].code},
        {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}},
        BOROUGH_ROLES,
    ),
    "performance:upload": (lambda w: {}, None, FORCE_ROLES),
}
DOWNLOADS = {
    "performance:force": ("csv", "xlsx"),
    "performance:borough": ("csv", "xlsx"),
}
