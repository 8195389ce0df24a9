"""Who-may-open-what vocabulary shared by the access matrix and each app's tests/access_rules.py.

A rule is (kwargs in scope, kwargs out of scope or None, who): the kwargs are functions of the test
world (sn/testing/world.py: borough A in scope, borough B out of scope); `who` is one of the names
below or a set of Role values.
"""

from sn.core.roles import Role

ALL_ROLES = frozenset(r.value for r in Role)
SUPERVISORS = frozenset({"sergeant", "inspector", "borough_lead", "central_unit"})
WARD_ROLES = frozenset(
    {"panel_member", "team_officer", "sergeant", "inspector", "analyst", "borough_lead", "central_unit"}
)
OFFICER_ROLES = frozenset(
    {"team_officer", "sergeant", "inspector", "analyst", "borough_lead", "central_unit"}
)
CLUSTER_ROLES = frozenset({"inspector", "analyst", "borough_lead", "central_unit"})
BOROUGH_ROLES = frozenset({"analyst", "borough_lead", "central_unit"})
FORCE_ROLES = frozenset({"central_unit"})
PUBLIC = "public"
SIGNED_IN = "signed_in"
NOTHING_HERE = "nothing_here"  # a route that exists but serves nothing (404 for everyone)
