"""Writes to accounts: roles become groups; users get permissions only through their role's group."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction

from sn.accounts.models import User
from sn.accounts.roles import PERMISSIONS, ROLE_MODEL_PERMISSION_APPS, ROLE_PERMISSIONS, Role, group_name
from sn.core.audit import audit_actor

PERMISSION_NAMES = list(PERMISSIONS)


def roles_sync() -> dict[str, int]:
    """Create or update one group per role with exactly the registry's permissions."""
    permissions = {p.codename: p for p in Permission.objects.filter(content_type__app_label="accounts")}
    result = {}
    with transaction.atomic():
        for role, codenames in ROLE_PERMISSIONS.items():
            group, _ = Group.objects.get_or_create(name=group_name(role))
            missing = codenames - permissions.keys()
            if missing:
                raise ValidationError(f"Permissions not migrated yet: {sorted(missing)}")
            granted = [permissions[c] for c in sorted(codenames)]
            granted += Permission.objects.filter(
                content_type__app_label__in=ROLE_MODEL_PERMISSION_APPS.get(role, ())
            ).exclude(codename__in=PERMISSION_NAMES)
            group.permissions.set(granted)
            result[role.value] = len(granted)
    return result


def user_set_role(*, user: User, role: Role, actor=None, **anchors) -> User:
    """Give a user a role and its geographic anchor (borough, neighbourhood, officer, organisation)."""
    role = Role(role)
    required = {
        Role.ANALYST: "borough",
        Role.BOROUGH_LEAD: "borough",
        Role.PANEL_MEMBER: "neighbourhood",
        Role.PARTNER: "partner_organisation",
        Role.SERGEANT: "officer",
        Role.TEAM_OFFICER: "officer",
        Role.INSPECTOR: "officer",
    }.get(role)
    if required and anchors.get(required) is None and getattr(user, f"{required}_id") is None:
        raise ValidationError({required: f"A {role.label} needs a {required.replace('_', ' ')}."})
    with transaction.atomic(), audit_actor(actor):
        user.role = role
        for name, value in anchors.items():
            setattr(user, name, value)
        user.is_staff = role == Role.CENTRAL_UNIT
        user.save()
        user.groups.set([Group.objects.get(name=group_name(role))])
    return user


def user_create(
    *,
    username: str,
    password: str,
    role: Role,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    actor=None,
    **anchors,
) -> User:
    with transaction.atomic(), audit_actor(actor):
        user = User(username=username, first_name=first_name, last_name=last_name, email=email)
        user.set_password(password)
        user.save()
        return user_set_role(user=user, role=role, actor=actor, **anchors)
