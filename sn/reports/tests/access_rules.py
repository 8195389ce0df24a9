"""Who may open the monthly reports (collected by sn/core/tests/test_access_matrix.py)."""

from sn.testing.access import (
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    OTHER_BOROUGH,
    SAME_BOROUGH,
    SAME_CLUSTER,
    WARD_ROLES,
)


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


ACCESS_RULES = {
    "reports:ward": (
        _ward("a1"),
        {SAME_CLUSTER: _ward("a3"), SAME_BOROUGH: _ward("a5"), OTHER_BOROUGH: _ward("b1")},
        WARD_ROLES,
    ),
    "reports:cluster": (
        lambda w: {"code": "C-A"},
        {SAME_BOROUGH: lambda w: {"code": "C-A2"}, OTHER_BOROUGH: lambda w: {"code": "C-B"}},
        CLUSTER_ROLES,
    ),
    "reports:borough": (
        lambda w: {"code": w.boroughs["a"].code},
        {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}},
        BOROUGH_ROLES,
    ),
    "reports:borough_pdfs": (
        lambda w: {"code": w.boroughs["a"].code},
        {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}},
        BOROUGH_ROLES,
    ),
    "reports:strategic_profile": (
        _ward("a1"),
        {SAME_CLUSTER: _ward("a3"), SAME_BOROUGH: _ward("a5"), OTHER_BOROUGH: _ward("b1")},
        WARD_ROLES,
    ),
}
DOWNLOADS = {
    "reports:ward": ("xlsx", "pdf"),
    "reports:cluster": ("xlsx", "pdf"),
    "reports:borough": ("xlsx", "pdf"),
    "reports:strategic_profile": ("pdf",),
}
