"""Who may open the supervision pages (collected by sn/core/tests/test_access_matrix.py).

A borough's page, its proposals and running the model are for the borough roles within their borough
(running: analysts, borough leads, central unit); a cluster's page also for its inspector; adoption
only for borough leads and the central unit; the force's pages for the central unit. Each borough of
the world gets one proposal, made once per world.
"""

from sn.supervision.services import proposal_create
from sn.testing.access import BOROUGH_ROLES, CLUSTER_ROLES, FORCE_ROLES, OTHER_BOROUGH, SAME_BOROUGH

ADOPTERS = frozenset({"borough_lead", "central_unit"})


def _proposal(letter: str):
    def kwargs(world):
        made = world.__dict__.setdefault("supervision_proposals", {})
        if letter not in made:
            borough = world.boroughs[letter]
            made[letter] = proposal_create(borough=borough, target=borough.neighbourhoods.count())
        return {"pk": made[letter].pk}

    return kwargs


def _borough(letter: str):
    return lambda w: {"code": w.boroughs[letter].code}


ACCESS_RULES = {
    "supervision:borough": (_borough("a"), {OTHER_BOROUGH: _borough("b")}, BOROUGH_ROLES),
    "supervision:borough_propose": (_borough("a"), {OTHER_BOROUGH: _borough("b")}, BOROUGH_ROLES),
    "supervision:cluster": (
        lambda w: {"code": "C-A"},
        {SAME_BOROUGH: lambda w: {"code": "C-A2"}, OTHER_BOROUGH: lambda w: {"code": "C-B"}},
        CLUSTER_ROLES,
    ),
    "supervision:proposal": (_proposal("a"), {OTHER_BOROUGH: _proposal("b")}, BOROUGH_ROLES),
    "supervision:proposal_adopt": (_proposal("a"), {OTHER_BOROUGH: _proposal("b")}, ADOPTERS),
    "supervision:force": (lambda w: {}, None, FORCE_ROLES),
    "supervision:force_propose": (lambda w: {}, None, FORCE_ROLES),
}
