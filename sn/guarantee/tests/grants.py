"""The permissions guarantee grants each role (checked by sn/accounts/tests/test_roles_and_scope.py)."""

from sn.core.roles import Role

VIEW = "view_named_officers"
HEAR = "hear_of_named_officer_lapses"
SWEEP = "run_named_officer_sweep"

GRANTS: dict[Role, set[str]] = {
    Role.PANEL_MEMBER: set(),
    Role.PARTNER: set(),
    Role.TEAM_OFFICER: {VIEW},
    Role.SERGEANT: {VIEW, HEAR},
    Role.INSPECTOR: {VIEW},
    Role.ANALYST: {VIEW},
    Role.BOROUGH_LEAD: {VIEW, HEAR},
    Role.CENTRAL_UNIT: {VIEW, SWEEP},
}
