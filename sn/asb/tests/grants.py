"""The permissions asb grants each role (checked by sn/accounts/tests/test_roles_and_scope.py)."""

from sn.core.roles import Role

_CASES = {"view_asb_cases", "record_asb", "view_asb_plan"}

GRANTS: dict[Role, set[str]] = {
    Role.PANEL_MEMBER: set(),
    Role.PARTNER: {"view_asb_plan"},
    Role.TEAM_OFFICER: set(_CASES),
    Role.SERGEANT: set(_CASES),
    Role.INSPECTOR: set(_CASES),
    Role.ANALYST: {"view_asb_plan"},
    Role.BOROUGH_LEAD: _CASES | {"edit_asb_plan"},
    Role.CENTRAL_UNIT: _CASES | {"edit_asb_plan", "set_asb_lead"},
}
