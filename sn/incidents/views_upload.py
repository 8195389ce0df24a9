"""The police.uk upload page: the file goes to a background job (sn.incidents.jobs), whose page shows
its progress and then what the import did."""

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sn.core.access import access
from sn.incidents.jobs import POLICE_UPLOAD
from sn.incidents.kinds import KINDS
from sn.incidents.permissions import IMPORT_POLICE_DATA
from sn.jobs.forms import checked_upload
from sn.jobs.services import job_enqueue

SUFFIXES = {".csv": "a CSV", ".csv.gz": "a gzipped CSV", ".zip": "a zip of CSVs as police.uk downloads them"}


class PoliceUploadForm(forms.Form):
    file = forms.FileField(
        label="police.uk file",
        help_text="A CSV, a .csv.gz, or the .zip police.uk gives you (street, outcomes and stop and search "
        "files for one or more months).",
    )
    kind = forms.ChoiceField(
        label="What the files hold",
        choices=[("", "Tell each file by its header"), *((k.name, k.label) for k in KINDS)],
        required=False,
        help_text="With a kind chosen, files of other kinds in a zip are skipped, as by sn import-crimes.",
    )

    def clean_file(self):
        return checked_upload(
            self.cleaned_data["file"], suffixes=SUFFIXES, max_bytes=settings.SN_POLICE_UPLOAD_MAX_BYTES
        )


@access(permission=IMPORT_POLICE_DATA)
def police_upload(request: HttpRequest) -> HttpResponse:
    form = PoliceUploadForm(data=request.POST or None, files=request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_enqueue(
            kind=POLICE_UPLOAD,
            title=f"Import {upload.name}",
            actor=request.user,
            params={"kind": form.cleaned_data["kind"]},
            upload=upload,
        )
        return redirect("jobs:detail", pk=job.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "incidents/upload.html",
        {"form": form, "max_bytes": settings.SN_POLICE_UPLOAD_MAX_BYTES},
        status=status,
    )
