"""Roles live in the kernel (sn.core.roles) so that every app can name them; this module keeps the
names accounts code has always used."""

from sn.core.roles import ROLES, Role  # noqa: F401


def group_name(role: Role) -> str:
    return ROLES[Role(role)].group_name
