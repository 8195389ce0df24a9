"""What accounts guards: the admin. Users' own records are the central unit's, through the admin."""

from sn.core.permissions import declare
from sn.core.roles import Role

USE_ADMIN = declare("use_admin", "Use the Django admin", app="accounts", roles={Role.CENTRAL_UNIT})
