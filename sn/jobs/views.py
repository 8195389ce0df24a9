"""The job pages: the list of one's jobs, a job's page whose progress updates in place (HTMX polls a
fragment every second until the job has finished), and the download of the document it made."""

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from sn.core.access import access, has_permission
from sn.core.parameters import bad_parameter
from sn.jobs.models import JobStatus
from sn.jobs.permissions import VIEW_ALL_JOBS, VIEW_JOBS
from sn.jobs.registry import JOB_KINDS
from sn.jobs.selectors import get_job_for_user, job_state, jobs_for_user

LISTED = 100


def _start_links(user) -> list[tuple[str, str]]:
    links = []
    for kind in JOB_KINDS:
        if kind.start_url_name and has_permission(user, kind.permission):
            try:
                links.append((kind.label, reverse(kind.start_url_name)))
            except NoReverseMatch:  # a kind whose page takes arguments is started from that page
                continue
    return sorted(set(links))


@access(permission=VIEW_JOBS)
def index(request: HttpRequest) -> HttpResponse:
    jobs = jobs_for_user(request.user).select_related("requested_by")[:LISTED]
    return render(
        request,
        "jobs/index.html",
        {
            "states": [job_state(job) for job in jobs],
            "starts": _start_links(request.user),
            "all_jobs": has_permission(request.user, VIEW_ALL_JOBS),
            "listed": LISTED,
        },
    )


@access(permission=VIEW_JOBS)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk)
    return render(request, "jobs/detail.html", {"state": job_state(job), "job": job})


@access(permission=VIEW_JOBS)
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The part of the job's page that changes, polled while the job is queued or running."""
    job = get_job_for_user(request.user, pk)
    return render(request, "jobs/_progress.html", {"state": job_state(job), "job": job})


@access(permission=VIEW_JOBS)
def download(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_job_for_user(request.user, pk)
    if "format" in request.GET:
        # The document is what the job made; it has no table to give in another format.
        return bad_parameter(
            request, name="format", value=request.GET["format"], error="A job's document has one format"
        )
    if job.status != JobStatus.SUCCEEDED or not job.output_path:
        raise Http404("This job made no document")
    path = Path(job.output_path)
    # Only a file under the jobs directory is served, whatever the record says.
    if not path.resolve().is_relative_to(Path(settings.SN_JOB_FILES_DIR).resolve()) or not path.exists():
        raise Http404("The document is no longer kept")
    return FileResponse(path.open("rb"), as_attachment=True, filename=job.output_name or path.name)
