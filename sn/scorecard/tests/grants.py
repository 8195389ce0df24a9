"""The permissions scorecard grants each role (checked by sn/accounts/tests/test_roles_and_scope.py)."""

from sn.core.roles import Role

GRANTS: dict[Role, set[str]] = {role: set() for role in Role}
for _role in (
    Role.TEAM_OFFICER,
    Role.SERGEANT,
    Role.INSPECTOR,
    Role.ANALYST,
    Role.BOROUGH_LEAD,
    Role.CENTRAL_UNIT,
):
    GRANTS[_role].add("view_scorecard")
for _role in (Role.SERGEANT, Role.INSPECTOR, Role.ANALYST, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT):
    GRANTS[_role].add("view_community_time")
