"""The duty file upload page: the file goes to a background job (sn.workforce.jobs), whose page shows
its progress and then what the import did, with every refused line."""

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sn.core.access import access
from sn.jobs.forms import checked_upload
from sn.jobs.services import job_enqueue
from sn.workforce.jobs import DUTIES_UPLOAD
from sn.workforce.permissions import IMPORT_DUTIES

SUFFIXES = {".csv": "a CSV", ".csv.gz": "a gzipped CSV"}


class DutyUploadForm(forms.Form):
    file = forms.FileField(
        label="Duty file",
        help_text="The duty system's export: a CSV (or .csv.gz) with columns collar number, date, start, "
        "end, duty code and an optional ward code.",
    )

    def clean_file(self):
        return checked_upload(
            self.cleaned_data["file"], suffixes=SUFFIXES, max_bytes=settings.SN_DUTY_UPLOAD_MAX_BYTES
        )


@access(permission=IMPORT_DUTIES)
def duties_upload(request: HttpRequest) -> HttpResponse:
    form = DutyUploadForm(data=request.POST or None, files=request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_enqueue(
            kind=DUTIES_UPLOAD, title=f"Import duties from {upload.name}", actor=request.user, upload=upload
        )
        return redirect("jobs:detail", pk=job.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "workforce/upload.html",
        {"form": form, "max_bytes": settings.SN_DUTY_UPLOAD_MAX_BYTES},
        status=status,
    )
