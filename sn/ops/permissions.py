"""The permissions of ops (docs/permissions.md is generated from these declarations).

- Backups: the central unit sees the scheduled backup jobs (the commands run on the server, by whoever
  may log in to it; no page starts a backup or a restore).
"""

from sn.core.permissions import declare
from sn.core.roles import Role

RUN_BACKUPS = declare(
    "run_backups",
    "See the scheduled database backups and their outcome",
    app="ops",
    roles={Role.CENTRAL_UNIT},
)
