"""Who may open the panel pages (collected by sn/core/tests/test_access_matrix.py).

Ward panel pages are for everyone who may open the ward page, within their scope (a PC's and a panel
member's ward, a sergeant's teams, an inspector's cluster, a borough role's borough); writing pages are
the team's, deciding pages the team's and the chair's, endorsing and approving the sergeant's. The
objects are built in each ward on first use (sn.panels.tests.helpers).
"""

from sn.panels.tests.helpers import ward_panel_setup
from sn.testing.access import (
    BOROUGH_ROLES,
    CLUSTER_ROLES,
    FORCE_ROLES,
    OTHER_BOROUGH,
    SAME_BOROUGH,
    SAME_CLUSTER,
    WARD_ROLES,
)

TEAM = frozenset({"team_officer", "sergeant"})
DECIDERS = frozenset({"panel_member", "team_officer", "sergeant"})
SERGEANT = frozenset({"sergeant"})


def _ward(key: str):
    return lambda w: {"code": w.wards[key].code}


def _of(what: str, key: str, arg: str = "pk"):
    return lambda w: {arg: getattr(ward_panel_setup(w, key), what).pk}


def _levels(kwargs):
    return {SAME_CLUSTER: kwargs("a3"), SAME_BOROUGH: kwargs("a5"), OTHER_BOROUGH: kwargs("b1")}


def _object_rule(what: str, who):
    return (_of(what, "a1"), _levels(lambda key: _of(what, key)), who)


def _ward_rule(who):
    return (_ward("a1"), _levels(_ward), who)


def _review(key: str):
    return lambda w: {
        "pk": ward_panel_setup(w, key).meeting.pk,
        "priority_pk": ward_panel_setup(w, key).priority.pk,
    }


def _panel_ward(key: str):
    """A ward with a panel: the pages about a panel 404 where there is none."""

    def kwargs(w):
        ward_panel_setup(w, key)
        return {"code": w.wards[key].code}

    return kwargs


ACCESS_RULES = {
    "panels:ward_panel": _ward_rule(WARD_ROLES),
    "panels:panel_new": _ward_rule(TEAM),
    "panels:panel_edit": (_panel_ward("a1"), _levels(_panel_ward), TEAM),
    "panels:member_new": (_panel_ward("a1"), _levels(_panel_ward), TEAM),
    "panels:member_edit": _object_rule("member", TEAM),
    "panels:member_leave": _object_rule("member", TEAM),
    "panels:member_diversity": _object_rule("member", TEAM),
    "panels:meeting_new": (_panel_ward("a1"), _levels(_panel_ward), TEAM),
    "panels:meeting": _object_rule("meeting", WARD_ROLES),
    "panels:meeting_edit": _object_rule("meeting", TEAM),
    "panels:meeting_record": _object_rule("meeting", TEAM),
    "panels:meeting_cancel": _object_rule("meeting", TEAM),
    "panels:paper_new": _object_rule("meeting", TEAM),
    "panels:priority_select": _object_rule("meeting", DECIDERS),
    "panels:priority_review": (_review("a1"), _levels(_review), DECIDERS),
    "panels:ward_priorities": _ward_rule(WARD_ROLES),
    "panels:priority": _object_rule("priority", WARD_ROLES),
    "panels:priority_edit": _object_rule("priority", TEAM),
    "panels:update_new": _object_rule("priority", TEAM),
    "panels:milestone_new": _object_rule("priority", TEAM),
    "panels:milestone_achieved": _object_rule("milestone", TEAM),
    "panels:priority_endorse": _object_rule("priority", SERGEANT),
    "panels:statement_edit": _object_rule("priority", TEAM),
    "panels:statement_approve": _object_rule("priority", SERGEANT),
    "panels:statement_publish": _object_rule("priority", TEAM),
    "panels:cluster_overview": (
        lambda w: {"code": "C-A"},
        {SAME_BOROUGH: lambda w: {"code": "C-A2"}, OTHER_BOROUGH: lambda w: {"code": "C-B"}},
        CLUSTER_ROLES,
    ),
    "panels:borough_overview": (
        lambda w: {"code": w.boroughs["a"].code},
        {OTHER_BOROUGH: lambda w: {"code": w.boroughs["b"].code}},
        BOROUGH_ROLES,
    ),
    "panels:force_overview": (lambda w: {}, None, FORCE_ROLES),
}
DOWNLOADS = {
    "panels:ward_panel": ("csv", "xlsx"),
    "panels:ward_priorities": ("csv", "xlsx"),
    "panels:cluster_overview": ("csv", "xlsx"),
    "panels:borough_overview": ("csv", "xlsx"),
    "panels:force_overview": ("csv", "xlsx"),
}
