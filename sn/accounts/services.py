"""Writes to accounts: roles become groups; users get permissions only through their role's group."""

from collections.abc import Mapping
from datetime import date

from axes.utils import reset as axes_reset
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.accounts.lockout import locked_usernames
from sn.accounts.models import AccessGrant, AccessPolicy, User
from sn.accounts.security_log import log as security_log
from sn.core.audit import audit_actor, record_change
from sn.core.permissions import PERMISSIONS, permissions_of
from sn.core.roles import ROLES, Role


def _declared_permissions() -> dict[str, Permission]:
    """Every declared permission as a Permission row of accounts.AccessPolicy, created when missing
    and described as declared."""
    content_type = ContentType.objects.get_for_model(AccessPolicy, for_concrete_model=False)
    existing = {p.codename: p for p in Permission.objects.filter(content_type=content_type)}
    for spec in PERMISSIONS:
        permission = existing.get(spec.codename)
        if permission is None:
            existing[spec.codename] = Permission.objects.create(
                content_type=content_type, codename=spec.codename, name=spec.description[:255]
            )
        elif permission.name != spec.description[:255]:
            permission.name = spec.description[:255]
            permission.save(update_fields=["name"])
    return existing


def roles_sync() -> dict[str, int]:
    """Create or update one group per role with exactly the permissions declared for it, plus the
    Django model permissions of the apps the role administers."""
    result = {}
    with transaction.atomic():
        declared = _declared_permissions()
        for role, spec in ROLES.items():
            group, _ = Group.objects.get_or_create(name=spec.group_name)
            granted = [declared[c] for c in sorted(permissions_of(role))]
            granted += Permission.objects.filter(content_type__app_label__in=spec.admin_apps).exclude(
                codename__in=list(declared)
            )
            group.permissions.set(granted)
            result[role.value] = len(granted)
    return result


# The user fields that can anchor a role's scope (sn.core.roles.RoleSpec.anchor).
ANCHOR_FIELDS = ("officer", "borough", "neighbourhood", "partner_organisation")


def role_anchor_check(*, role: Role, anchors: Mapping[str, object]) -> None:
    """Refuse a role whose anchor is missing from `anchors`, naming the field, before anything is written
    (forms call this from their clean() so the message lands beside the field)."""
    role = Role(role)
    required = ROLES[role].anchor
    if required and anchors.get(required) is None:
        raise ValidationError({required: f"A {role.label} needs a {required.replace('_', ' ')}."})


def user_set_role(*, user: User, role: Role, actor: User | None = None, **anchors: object) -> User:
    """Give a user a role and its geographic anchor (borough, neighbourhood, officer, organisation).

    The only way a role changes: scope is read from the role and permissions from the group, so the
    two are set together here. The group of the role is the user's only source of permissions, so a
    superuser flag or a permission granted directly is dropped."""
    role = Role(role)
    unknown = set(anchors) - set(ANCHOR_FIELDS)
    if unknown:
        raise TypeError(f"Not anchors of a role: {sorted(unknown)}")
    current = {name: getattr(user, f"{name}_id") for name in ANCHOR_FIELDS}
    role_anchor_check(role=role, anchors={**current, **anchors})
    with transaction.atomic(), audit_actor(actor):
        user.role = role
        for name, value in anchors.items():
            setattr(user, name, value)
        user.is_staff = role == Role.CENTRAL_UNIT
        user.is_superuser = False
        user.save()
        user.groups.set([Group.objects.get(name=ROLES[role].group_name)])
        if user.user_permissions.exists():
            user.user_permissions.clear()
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


def access_grant_create(
    *,
    user: User,
    reason: str,
    starts_on: date | None = None,
    ends_on: date | None = None,
    neighbourhood=None,
    record=None,
    actor=None,
) -> AccessGrant:
    """Let a user reach one neighbourhood for a period (an officer lent to another ward) or one record
    (a partner invited to a case), beyond what their role gives them."""
    if (neighbourhood is None) == (record is None):
        raise ValidationError("A grant names either a neighbourhood or a record.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the grant is needed."})
    starts_on = starts_on or timezone.localdate()
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": "The grant must end on or after the day it starts."})
    with transaction.atomic(), audit_actor(actor):
        grant = AccessGrant.objects.create(
            user=user,
            neighbourhood=neighbourhood,
            record_label=record._meta.label_lower if record is not None else "",
            record_id=record.pk if record is not None else None,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=reason.strip(),
        )
    return grant


def access_grant_revoke(*, grant: AccessGrant, actor=None) -> AccessGrant:
    with transaction.atomic(), audit_actor(actor):
        grant.revoked_at = timezone.now()
        grant.save(update_fields=["revoked_at", "modified_at"])
    return grant


def account_unlock(*, user: User, actor: User | None = None, address: str = "") -> User:
    """End a user's lockout after failed sign-ins before its cool-off runs out (they called their borough
    lead). Refused when the account is not locked, so the trail records only real unlocks."""
    if user.get_username() not in locked_usernames():
        raise ValidationError({"user": f"{user.get_username()} is not locked out."})
    with transaction.atomic(), audit_actor(actor):
        axes_reset(username=user.get_username())
        record_change(user, {"sign_in_lockout": ["locked", "unlocked"]})
    security_log.info(
        "account unlocked user=%s username=%r by=%s address=%s",
        user.pk,
        user.get_username(),
        getattr(actor, "pk", None),
        address,
    )
    return user
