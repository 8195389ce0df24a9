"""The permissions of the incidents app (docs/permissions.md is generated from these declarations).

Importing police.uk data was the command line's alone; the upload page opens it to the analysts, who
load each month's files for their force, and the central unit.
"""

from sn.core.permissions import declare
from sn.core.roles import Role

IMPORT_POLICE_DATA = declare(
    "import_police_data",
    "Upload police.uk crime, outcome and stop-and-search files for the force",
    app="incidents",
    roles={Role.ANALYST, Role.CENTRAL_UNIT},
)
