"""The demographic tables upload as a background job ("profiles.demographics"): the same importer and
the same all-or-nothing rules as `sn import-demographics`, with the uploader's scope as the upload page
had it, read when the job runs."""

from pathlib import Path

from django.conf import settings
from django.urls import reverse

from sn.geography.scope import scope_of
from sn.jobs.registry import JobOutcome, JobRefused, Progress
from sn.profiles.importing import DemographicFileError
from sn.profiles.services import demographic_figures_import

KIND = "profiles.demographics"


def run_demographics_upload(job, progress: Progress) -> JobOutcome:
    # One byte over the limit is enough for the importer to refuse a file too large.
    with Path(job.input_path).open("rb") as handle:
        data = handle.read(settings.SN_DEMOGRAPHICS_MAX_BYTES + 1)
    try:
        result = demographic_figures_import(
            data=data,
            source=f"upload {job.input_name}",
            within=scope_of(job.requested_by),
            actor=job.requested_by,
            progress=progress,
        )
    except DemographicFileError as refused:
        raise JobRefused(
            f"{len(refused.problems)} problem(s) in {job.input_name}; nothing was written.", refused.shown()
        ) from refused
    rows = result.created + result.updated + result.unchanged
    return JobOutcome(
        summary=f"{job.input_name}: {result}.", rows=rows, result_url=reverse("profiles:demographics_upload")
    )
