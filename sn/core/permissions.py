"""Permission names, declared by the app that owns what they guard.

Each app's `permissions.py` calls `declare()` for its permissions and keeps the returned name as a
module constant, so views, rules and tests refer to `VIEW_WARD`, never to a bare string. A declaration
says which roles hold the permission; `sn setup-roles` turns the declarations into one group per role
(a user gets permissions only through the group of their role), and `docs/permissions.md` is generated
from the same declarations.

Record types where it matters get two tiers, as data-hub-api does: `..._all` for force-wide roles and
`..._associated` for records in the user's scope (see `sn.geography.rules.RecordRule`).
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sn.core.registry import Registry
from sn.core.roles import Role


@dataclass(frozen=True)
class PermissionSpec:
    codename: str
    description: str
    app: str
    roles: frozenset[Role]


PERMISSIONS: Registry[PermissionSpec] = Registry(
    "permissions", key=lambda spec: spec.codename, order=lambda spec: (spec.app, spec.codename)
)


def declare(codename: str, description: str, *, app: str, roles: Iterable[Role]) -> str:
    PERMISSIONS.register(PermissionSpec(codename, description, app, frozenset(Role(r) for r in roles)))
    return codename


def permissions_of(role: Role) -> frozenset[str]:
    return frozenset(spec.codename for spec in PERMISSIONS if Role(role) in spec.roles)


def roles_holding(codename: str) -> frozenset[Role]:
    spec = PERMISSIONS.get(codename)
    return spec.roles if spec else frozenset()


# The kernel's own: the audit trail is core's, the records it covers belong to every app.
VIEW_AUDIT_HISTORY = declare(
    "view_audit_history",
    "Open the change history of a record in scope",
    app="core",
    roles={Role.SERGEANT, Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
