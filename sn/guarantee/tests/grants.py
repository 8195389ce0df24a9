"""The permissions guarantee grants each role (checked by sn/accounts/tests/test_roles_and_scope.py)."""

from sn.core.roles import Role

GRANTS: dict[Role, set[str]] = {role: set() for role in Role}
