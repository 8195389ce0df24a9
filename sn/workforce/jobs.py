"""The duty system's file uploaded in the browser, as a background job: the code of `sn import-duties`.

A sergeant's upload is held to their own teams (the officers posted to them on each line's day); the
central unit's covers the force, as the command does.
"""

from sn.core.access import has_permission
from sn.geography.scope import scope_of
from sn.jobs.files import staged_input
from sn.jobs.registry import JOB_KINDS, JobKind, JobOutcome, JobRefused, Progress
from sn.teams.models import Team
from sn.workforce.importing.duties import DutyFileRejected, duties_import
from sn.workforce.permissions import IMPORT_DUTIES, MANAGE_ABSTRACTION_POLICY

DUTIES_UPLOAD = "workforce.duties_upload"
STAGES = 3  # read, checked, written: the importer reads the file whole, so it reports by stage


def _team_ids(user) -> frozenset[int] | None:
    """The teams a user's upload may touch; None for the whole force (the central unit)."""
    if user is None or has_permission(user, MANAGE_ABSTRACTION_POLICY) or scope_of(user).everything:
        return None
    wards = scope_of(user).neighbourhoods()
    return frozenset(Team.objects.filter(neighbourhood__in=wards).values_list("id", flat=True))


def duties_upload_run(job, progress: Progress) -> JobOutcome:
    path = staged_input(job)
    stage = iter(range(1, STAGES))
    progress(0, STAGES, f"Reading {job.input_name}")
    try:
        run = duties_import(
            path,
            actor=job.requested_by,
            progress=lambda text: progress(next(stage, STAGES - 1), STAGES, text),
            team_ids=_team_ids(job.requested_by),
        )
    except DutyFileRejected as rejected:
        first, *lines = rejected.run.message.splitlines()
        raise JobRefused(first, lines) from rejected
    progress(STAGES, STAGES, "Imported")
    return JobOutcome(summary=run.message, rows=run.rows_read)


JOB_KINDS.register(
    JobKind(
        key=DUTIES_UPLOAD,
        label="Upload a duty file",
        run=duties_upload_run,
        permission=IMPORT_DUTIES,
        takes_file=True,
        start_url_name="workforce:duties_upload",
    )
)
