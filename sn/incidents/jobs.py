"""The police.uk upload as a background job: the code of `sn import-police-data`, on the uploaded file.

Unlike the command, which keeps each good file of a directory when another is refused, an upload is one
thing to the person who sent it: every CSV of a .zip is imported in the job's one transaction, and a
refused file writes nothing from any of them (its line numbers are the job's errors).
"""

from pathlib import Path

from sn.incidents.importing import police_files_import
from sn.incidents.kinds import KINDS
from sn.incidents.permissions import IMPORT_POLICE_DATA
from sn.jobs.files import staged_input
from sn.jobs.registry import JOB_KINDS, JobKind, JobOutcome, JobRefused, Progress

POLICE_UPLOAD = "incidents.police_upload"
# Problems listed on the job's page; all of them are counted.
ERRORS_LISTED = 200


def _errors(results, staged_dir: str) -> list[str]:
    errors: list[str] = []
    for result in results:
        if result.status != "rejected":
            continue
        name = Path(result.name.replace(staged_dir, "").rsplit(":", 1)[-1]).name
        if not result.problems:
            errors.append(result.message.replace(staged_dir, ""))
        for problem in result.problems:
            errors.append(f"{name}, line {problem.line}: {problem.reason}")
    if len(errors) > ERRORS_LISTED:
        errors = [*errors[:ERRORS_LISTED], f"... and {len(errors) - ERRORS_LISTED:,} more"]
    return errors


def police_upload_run(job, progress: Progress) -> JobOutcome:
    path = staged_input(job)
    staged_dir = f"{path.parent}/"
    kind = next((k for k in KINDS if k.name == job.params.get("kind")), None)
    lines: list[str] = []
    results = police_files_import(
        paths=[path],
        kind=kind,
        actor=job.requested_by,
        out=lambda line: lines.append(line.replace(staged_dir, "")),
        progress=progress,
    )
    summary = "\n".join(lines)
    rows = sum(result.rows_read for result in results)
    refused = [result for result in results if result.status == "rejected"]
    if refused:
        raise JobRefused(
            f"{len(refused)} of {len(results)} files refused, so nothing was imported from any of them.\n"
            f"{summary}",
            _errors(results, staged_dir),
        )
    if not results:
        raise JobRefused(f"{job.input_name}: no police.uk street, outcomes or stop-and-search file in it.")
    return JobOutcome(summary=summary, rows=rows)


JOB_KINDS.register(
    JobKind(
        key=POLICE_UPLOAD,
        label="Upload police.uk files",
        run=police_upload_run,
        permission=IMPORT_POLICE_DATA,
        takes_file=True,
        start_url_name="incidents:upload",
    )
)
