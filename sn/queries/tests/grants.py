"""The permissions queries grants each role (checked by sn/accounts/tests/test_roles_and_scope.py)."""

from sn.core.roles import Role

HANDLE = "handle_community_queries"
COMPLIANCE = "view_query_compliance"

GRANTS: dict[Role, set[str]] = {role: set() for role in Role}
for _role in (Role.TEAM_OFFICER, Role.SERGEANT, Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT):
    GRANTS[_role] = {HANDLE, COMPLIANCE}
GRANTS[Role.ANALYST] = {COMPLIANCE}
