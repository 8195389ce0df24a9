"""Who may open the scorecard pages (collected by sn/core/tests/test_access_matrix.py).

Every officer reads the scorecard of their area; time in the community (which names officers' hours)
is for supervisors and analysts. A ward's page is for those who reach the ward, a borough's for the
borough's roles and the force. The public pages are for everyone."""

from sn.testing.access import OFFICER_ROLES, OTHER_BOROUGH, PUBLIC, SAME_BOROUGH, SAME_CLUSTER

COMMUNITY_ROLES = frozenset({"sergeant", "inspector", "analyst", "borough_lead", "central_unit"})
BOROUGH_READERS = frozenset({"analyst", "borough_lead", "central_unit"})


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _ward_rule(who):
    return (
        _ward("a1"),
        {SAME_CLUSTER: _ward("a3"), SAME_BOROUGH: _ward("a5"), OTHER_BOROUGH: _ward("b1")},
        who,
    )


def _borough_rule(who):
    return (lambda w: {"code": w.boroughs["a"].code}, lambda w: {"code": w.boroughs["b"].code}, who)


ACCESS_RULES = {
    "scorecard:home": (lambda w: {}, None, OFFICER_ROLES),
    "scorecard:borough": _borough_rule(BOROUGH_READERS),
    "scorecard:ward": _ward_rule(OFFICER_ROLES),
    "scorecard:export_csv": (lambda w: {}, None, OFFICER_ROLES),
    "scorecard:export_json": (lambda w: {}, None, OFFICER_ROLES),
    "scorecard:community_force": (lambda w: {}, None, COMMUNITY_ROLES),
    "scorecard:community_borough": _borough_rule(BOROUGH_READERS),
    "scorecard:community_ward": _ward_rule(COMMUNITY_ROLES),
    "scorecard:public_force": (lambda w: {}, None, PUBLIC),
    "scorecard:public_ward": (_ward("a1"), None, PUBLIC),
}
# The return is a download in its own right: its rows must name only areas the reader reaches.
DOWNLOADS = {"scorecard:export_csv": ("csv",)}
