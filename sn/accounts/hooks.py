"""What accounts adds to registries that lower apps own; imported once, from AccountsConfig.ready()."""

from django.urls import reverse

from sn.accounts.permissions import RESET_SECOND_FACTOR, UNLOCK_ACCOUNTS, USE_ADMIN
from sn.accounts.scope import scope_for
from sn.core.access import has_permission
from sn.core.registries import NAVIGATION, NavItem
from sn.geography.scope import register_scope_resolver

register_scope_resolver(scope_for)

NAVIGATION.register(
    NavItem(
        key="admin",
        label="Admin",
        order=800,
        href=lambda user: reverse("admin:index") if has_permission(user, USE_ADMIN) else None,
    )
)
NAVIGATION.register(
    NavItem(
        key="locked_accounts",
        label="Locked accounts",
        order=850,
        href=lambda user: reverse("accounts:locked") if has_permission(user, UNLOCK_ACCOUNTS) else None,
    )
)
NAVIGATION.register(
    NavItem(
        key="second_factors",
        label="Second factors",
        order=860,
        href=lambda user: (
            reverse("accounts:second_factor_people") if has_permission(user, RESET_SECOND_FACTOR) else None
        ),
    )
)
NAVIGATION.register(
    NavItem(
        key="second_factor",
        label="Second factor",
        order=890,
        href=lambda user: reverse("accounts:second_factor"),
    )
)
NAVIGATION.register(
    NavItem(key="api_tokens", label="API tokens", order=880, href=lambda user: reverse("accounts:api_tokens"))
)
NAVIGATION.register(
    NavItem(
        key="change_password",
        label="Change password",
        order=900,
        href=lambda user: reverse("accounts:password_change"),
    )
)
