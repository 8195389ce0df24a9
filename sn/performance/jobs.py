"""The survey results upload as a background job ("performance.survey"): the same importer and the same
all-or-nothing rules as `sn import-survey`."""

from pathlib import Path

from django.urls import reverse

from sn.jobs.registry import JobOutcome, JobRefused, Progress
from sn.performance.importing import MAX_SURVEY_BYTES, SurveyFileError
from sn.performance.services import survey_results_import

KIND = "performance.survey"


def run_survey_upload(job, progress: Progress) -> JobOutcome:
    # One byte over the limit is enough for the importer to refuse a file too large.
    with Path(job.input_path).open("rb") as handle:
        data = handle.read(MAX_SURVEY_BYTES + 1)
    try:
        result = survey_results_import(data=data, source=f"upload {job.input_name}", progress=progress)
    except SurveyFileError as refused:
        raise JobRefused(
            f"{len(refused.problems)} problem(s) in {job.input_name}; nothing was written.", refused.shown()
        ) from refused
    return JobOutcome(
        summary=f"{job.input_name}: {result}.",
        rows=result.created + result.updated + result.unchanged,
        result_url=reverse("performance:force"),
    )
