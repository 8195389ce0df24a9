"""What the performance framework guards beyond the area pages: the survey results themselves."""

from sn.core.permissions import declare
from sn.core.roles import Role

MANAGE_SURVEY_DATA = declare(
    "manage_survey_data",
    "Upload and correct public attitude survey results",
    app="performance",
    roles={Role.CENTRAL_UNIT},
)
