"""Who may open the community pages (collected by sn/core/tests/test_access_matrix.py).

Personal data (names, contact details, the map, the gap view, the review list) is for the ward's team
and its supervisors only: the PC or PCSO and the sergeant posted to the ward and the inspector of its
cluster. So a PC or sergeant gets 404 for a ward of their own cluster that is not theirs (the
same-cluster level), the inspector 404 for another cluster of the borough, and analysts, borough leads,
the central unit, panel members and partners 403 everywhere. Compliance figures (counts, no names) are
for whoever oversees the area: the cluster's inspector, the borough, the force.
"""

from sn.community.tests.helpers import ward_records
from sn.testing.access import (
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    FORCE_ROLES,
    OTHER_BOROUGH,
    SAME_BOROUGH,
    SAME_CLUSTER,
)

PERSONAL = frozenset({"team_officer", "sergeant", "inspector"})
TEAM = frozenset({"team_officer", "sergeant"})
SERGEANT = frozenset({"sergeant"})
CENTRAL = FORCE_ROLES


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _record(what: str, key: str):
    return lambda w: {"pk": getattr(ward_records(w, key), what).pk}


def _levels(kwargs):
    return {SAME_CLUSTER: kwargs("a3"), SAME_BOROUGH: kwargs("a5"), OTHER_BOROUGH: kwargs("b1")}


def _ward_rule(who):
    return (_ward("a1"), _levels(_ward), who)


def _record_rule(what: str, who):
    return (_record(what, "a1"), _levels(lambda key: _record(what, key)), who)


CLUSTER_LEVELS = {SAME_BOROUGH: lambda w: {"code": "C-A2"}, OTHER_BOROUGH: lambda w: {"code": "C-B"}}
BOROUGH_LEVELS = {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}}

ACCESS_RULES = {
    "community:kin_ward": _ward_rule(PERSONAL),
    "community:kin_member_new": _ward_rule(TEAM),
    "community:kin_member": _record_rule("member", PERSONAL),
    "community:kin_member_edit": _record_rule("member", TEAM),
    "community:kin_interview_new": _record_rule("member", TEAM),
    "community:kin_member_withdraw": _record_rule("member", TEAM),
    "community:kin_member_review": _record_rule("member", SERGEANT),
    "community:contacts_ward": _ward_rule(PERSONAL),
    "community:contact_new": _ward_rule(TEAM),
    "community:contact": _record_rule("contact", PERSONAL),
    "community:contact_edit": _record_rule("contact", TEAM),
    "community:contact_contacted": _record_rule("contact", TEAM),
    "community:contact_withdraw": _record_rule("contact", TEAM),
    "community:contact_review": _record_rule("contact", SERGEANT),
    "community:gap": _ward_rule(PERSONAL),
    "community:personal_data_review": _ward_rule(PERSONAL),
    "community:compliance_force": (lambda w: {}, None, FORCE_ROLES),
    "community:compliance_borough": (lambda w: {"code": w.boroughs["a"].code}, BOROUGH_LEVELS, BOROUGH_ROLES),
    "community:compliance_cluster": (lambda w: {"code": "C-A"}, CLUSTER_LEVELS, CLUSTER_ROLES),
    "community:consent_wordings": (lambda w: {}, None, CENTRAL),
    "community:consent_wording_new": (lambda w: {}, None, CENTRAL),
}
DOWNLOADS = {
    "community:compliance_force": ("csv", "xlsx"),
    "community:compliance_borough": ("csv", "xlsx"),
    "community:compliance_cluster": ("csv", "xlsx"),
}
