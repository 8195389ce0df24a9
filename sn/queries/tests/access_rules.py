"""Who may open the community query pages (collected by sn/core/tests/test_access_matrix.py).

Handlers (team officers, sergeants, inspectors, borough leads, the central unit) read and answer the
queries of their area; analysts read compliance only; panel members and partners nothing. The world's
queries (tests/factories.py): one in a1 (here), a3 (same cluster), a5 (another cluster), b1 (other borough).
"""

from sn.queries.tests.factories import world_queries
from sn.testing.access import OFFICER_ROLES, OTHER_BOROUGH, PUBLIC, SAME_BOROUGH, SAME_CLUSTER

HANDLERS = OFFICER_ROLES - {"analyst"}


def _query(key: str):
    return lambda w: {"reference": world_queries(w)[key].reference}


def _list(w):
    world_queries(w)
    return {}


ACCESS_RULES = {
    "queries:queue": (_list, None, HANDLERS),
    "queries:new": (lambda w: {}, None, HANDLERS),
    "queries:compliance": (_list, None, OFFICER_ROLES),
    "queries:detail": (
        _query("here"),
        {SAME_CLUSTER: _query("cluster"), SAME_BOROUGH: _query("borough"), OTHER_BOROUGH: _query("other")},
        HANDLERS,
    ),
    "queries:ask": (lambda w: {"code": w.wards["a1"].code}, None, PUBLIC),
    "queries:sent": (lambda w: {}, None, PUBLIC),
}
DOWNLOADS = {"queries:compliance": ("csv",)}
