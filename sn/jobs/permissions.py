"""The permissions of jobs (docs/permissions.md is generated from these declarations).

Seeing a job is decided per record (sn.jobs.selectors): the requester, the force-wide roles, and
whoever holds the kind's own permission with the job's borough in scope. VIEW_JOBS only opens the
pages to the staff roles that can ask for jobs at all.
"""

from sn.core.permissions import declare
from sn.core.roles import Role

VIEW_JOBS = declare(
    "view_jobs",
    "See the background jobs they asked for, and those of their area that their role may run",
    app="jobs",
    roles={
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
VIEW_ALL_JOBS = declare(
    "view_all_jobs",
    "See every background job of the force, whoever asked for it",
    app="jobs",
    roles={Role.CENTRAL_UNIT},
)
