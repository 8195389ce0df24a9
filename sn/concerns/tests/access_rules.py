"""Who may open the concerns pages (collected by sn/core/tests/test_access_matrix.py).

A ward's concerns are read by everyone over the ward, its panel members included (concerns hold no
personal data); recorded and archived by its team."""

from sn.concerns.tests.factories import ConcernFactory
from sn.testing.access import OTHER_BOROUGH, SAME_BOROUGH, SAME_CLUSTER, WARD_ROLES

TEAM = frozenset({"team_officer", "sergeant"})


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _concern(key: str):
    return lambda w: {"pk": ConcernFactory(neighbourhood=w.wards[key]).pk}


WARD_LEVELS = {SAME_CLUSTER: _ward("a3"), SAME_BOROUGH: _ward("a5"), OTHER_BOROUGH: _ward("b1")}
CONCERN_LEVELS = {SAME_CLUSTER: _concern("a3"), SAME_BOROUGH: _concern("a5"), OTHER_BOROUGH: _concern("b1")}

ACCESS_RULES = {
    "concerns:ward_concerns": (_ward("a1"), WARD_LEVELS, WARD_ROLES),
    "concerns:concern_new": (_ward("a1"), WARD_LEVELS, TEAM),
    "concerns:analysis": (_ward("a1"), WARD_LEVELS, WARD_ROLES),
    "concerns:concern": (_concern("a1"), CONCERN_LEVELS, WARD_ROLES),
    "concerns:concern_archive": (_concern("a1"), CONCERN_LEVELS, TEAM),
}
DOWNLOADS = {
    "concerns:ward_concerns": ("csv", "xlsx"),
    "concerns:analysis": ("csv", "xlsx"),
}
