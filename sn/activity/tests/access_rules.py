"""Who may open the EPIC activity pages (collected by sn/core/tests/test_access_matrix.py).

The ward's records and its EPIC report are for the police roles within their scope; recording and
correcting are the team's. A case's activity is also the invited partner's: the world's partner
organisation is invited to a1's case only, so a partner reaches that one and no other. Cluster,
borough and force reports are for the roles that oversee them.
"""

from sn.activity.tests.helpers import ward_activity_setup
from sn.testing.access import (
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    FORCE_ROLES,
    OFFICER_ROLES,
    OTHER_BOROUGH,
    SAME_BOROUGH,
    SAME_CLUSTER,
)

TEAM = frozenset({"team_officer", "sergeant"})
CASE_READERS = OFFICER_ROLES | {"partner"}
CASE_RECORDERS = TEAM | {"partner"}


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _of(what: str, key: str):
    return lambda w: {"pk": getattr(ward_activity_setup(w, key), what).pk}


def _levels(kwargs):
    return {SAME_CLUSTER: kwargs("a3"), SAME_BOROUGH: kwargs("a5"), OTHER_BOROUGH: kwargs("b1")}


def _object_rule(what: str, who):
    return (_of(what, "a1"), _levels(lambda key: _of(what, key)), who)


def _ward_rule(who):
    return (_ward("a1"), _levels(_ward), who)


ACCESS_RULES = {
    "activity:ward": _ward_rule(OFFICER_ROLES),
    "activity:record_new": _ward_rule(TEAM),
    "activity:record": _object_rule("record", OFFICER_ROLES),
    "activity:record_edit": _object_rule("record", TEAM),
    "activity:case": _object_rule("case", CASE_READERS),
    "activity:case_record_new": _object_rule("case", CASE_RECORDERS),
    "activity:ward_report": _ward_rule(OFFICER_ROLES),
    "activity:cluster_report": (
        lambda w: {"code": "C-A"},
        {SAME_BOROUGH: lambda w: {"code": "C-A2"}, OTHER_BOROUGH: lambda w: {"code": "C-B"}},
        CLUSTER_ROLES,
    ),
    "activity:borough_report": (
        lambda w: {"code": w.boroughs["a"].code},
        {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}},
        BOROUGH_ROLES,
    ),
    "activity:force_report": (lambda w: {}, None, FORCE_ROLES),
}
DOWNLOADS = {
    "activity:ward": ("csv", "xlsx"),
    "activity:ward_report": ("csv", "xlsx"),
    "activity:cluster_report": ("csv", "xlsx"),
    "activity:borough_report": ("csv", "xlsx"),
    "activity:force_report": ("csv", "xlsx"),
}
