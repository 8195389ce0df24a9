"""Who may open the deployment pages (collected by sn/core/tests/test_access_matrix.py).

Staff read the deployments to and from the wards in their scope; the deployers (inspector, borough lead,
central unit) lend, end and cancel within their reach. The world's deployments (tests/factories.py):
here, a1's PC lent to a2; another ward of the cluster, a3's PC lent to a4; another cluster, a
deployment to a5; another borough, b1's PC lent to b2.

The list is not in LISTS: a deployment from a ward names the ward it lends to, which the home team
reads of even when that ward is not theirs (their own officer works there).
"""

from sn.deployments.tests.factories import world_deployments
from sn.testing.access import OFFICER_ROLES, OTHER_BOROUGH, SAME_BOROUGH, SAME_CLUSTER

DEPLOYERS = frozenset({"inspector", "borough_lead", "central_unit"})


def _deployment(key: str):
    return lambda w: {"pk": world_deployments(w)[key].pk}


def _rule(who):
    return (
        _deployment("here"),
        {
            SAME_CLUSTER: _deployment("cluster"),
            SAME_BOROUGH: _deployment("borough"),
            OTHER_BOROUGH: _deployment("other"),
        },
        who,
    )


def _list(w):
    world_deployments(w)
    return {}


ACCESS_RULES = {
    "deployments:list": (_list, None, OFFICER_ROLES),
    "deployments:new": (lambda w: {}, None, DEPLOYERS),
    "deployments:detail": _rule(OFFICER_ROLES),
    "deployments:end": _rule(DEPLOYERS),
    "deployments:cancel": _rule(DEPLOYERS),
}
