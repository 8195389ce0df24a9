"""What accounts guards: the admin, unlocking accounts and resetting second factors. Users' own records
are the central unit's, through the admin."""

from sn.core.permissions import declare
from sn.core.roles import Role

USE_ADMIN = declare("use_admin", "Use the Django admin", app="accounts", roles={Role.CENTRAL_UNIT})
UNLOCK_ACCOUNTS = declare(
    "unlock_accounts",
    "Unlock the accounts of users in scope locked out after failed sign-ins",
    app="accounts",
    roles={Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
MANAGE_API_TOKENS = declare(
    "manage_api_tokens",
    "See and revoke every user's API tokens (everyone lists and revokes their own)",
    app="accounts",
    roles={Role.CENTRAL_UNIT},
)
RESET_SECOND_FACTOR = declare(
    "reset_second_factor",
    "See who has set up a second factor, and remove a user's so that they set up a new one",
    app="accounts",
    roles={Role.CENTRAL_UNIT},
)
