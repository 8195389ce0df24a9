"""The permissions patrols grants each role (checked by sn/accounts/tests/test_roles_and_scope.py)."""

from sn.core.roles import Role

GRANTS: dict[Role, set[str]] = {role: set() for role in Role}
GRANTS[Role.TEAM_OFFICER] = {"view_patrols", "record_patrols"}
GRANTS[Role.SERGEANT] = {"view_patrols", "record_patrols", "plan_patrols"}
GRANTS[Role.INSPECTOR] = {"view_patrols", "record_patrols", "plan_patrols", "configure_patrol_areas"}
GRANTS[Role.ANALYST] = {"view_patrols"}
GRANTS[Role.BOROUGH_LEAD] = {"view_patrols", "record_patrols", "plan_patrols", "configure_patrol_areas"}
GRANTS[Role.CENTRAL_UNIT] = {"view_patrols", "record_patrols", "plan_patrols", "configure_patrol_areas"}
