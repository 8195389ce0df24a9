"""The permissions asb grants each role (checked by sn/accounts/tests/test_roles_and_scope.py)."""

from sn.core.roles import Role

_CASES = {"view_asb_cases", "record_asb", "view_asb_plan"}

GRANTS: dict[Role, set[str]] = {
    Role.PANEL_MEMBER: set(),
    Role.PARTNER: {"view_asb_plan"},
    Role.TEAM_OFFICER: set(_CASES),
    Role.SERGEANT: _CASES | {"close_asb_cases"},
    Role.INSPECTOR: _CASES | {"close_asb_cases"},
    Role.ANALYST: {"view_asb_plan"},
    Role.BOROUGH_LEAD: _CASES | {"edit_asb_plan", "close_asb_cases"},
    Role.CENTRAL_UNIT: _CASES | {"edit_asb_plan", "set_asb_lead", "close_asb_cases"},
}
