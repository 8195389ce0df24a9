"""Every monthly report PDF of a borough as one zip ("reports.borough_pdfs"): the borough's, each of its
clusters' and each of its wards', for a month. A borough's thirty-odd reports take too long for a
request, so a job makes them, saying which report it is on.

Each report is made as the person who asked may see it (the sections behind a permission they lack
are left out, as on the page), and only while they may still see the borough."""

import io
import zipfile
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from sn.core.access import has_permission
from sn.geography.models import Borough, Neighbourhood
from sn.geography.permissions import VIEW_BOROUGH_OVERVIEW
from sn.geography.scope import scope_of
from sn.jobs.registry import JobOutcome, JobRefused, Progress
from sn.reports.documents import report_filename, report_pdf
from sn.reports.sections import report_date

KIND = "reports.borough_pdfs"


def borough_pdfs_params(borough: Borough, month: date) -> dict:
    return {"borough": borough.pk, "month": f"{month:%Y-%m}"}


def zip_name(borough: Borough, month: date) -> str:
    return f"{slugify(borough.name)}-{month:%Y-%m}-reports.zip"


def _areas(borough: Borough) -> list[tuple[str, object, str]]:
    """(folder, area, kind) for the borough, its clusters, then its wards, each by name."""
    wards = Neighbourhood.objects.filter(borough=borough, kind=Neighbourhood.Kind.WARD).order_by("name")
    return (
        [("", borough, "Borough")]
        + [("clusters/", cluster, "Cluster") for cluster in borough.clusters.order_by("name")]
        + [("wards/", ward, ward.get_kind_display()) for ward in wards]
    )


def run_borough_pdfs(job, progress: Progress) -> JobOutcome:
    user = job.requested_by
    borough = Borough.objects.filter(pk=job.params.get("borough")).first()
    if borough is None:
        raise JobRefused("The borough of this job no longer exists.", ["borough: not found"])
    # The borough report page's own rule (sn.geography.permissions.get_borough_for_user).
    if (
        not has_permission(user, VIEW_BOROUGH_OVERVIEW)
        or not scope_of(user).boroughs().filter(pk=borough.pk).exists()
    ):
        raise JobRefused(
            f"You cannot see the reports of {borough.name}, so none were made.",
            [f"borough: {borough.name} is outside your area"],
        )
    year, number = (int(part) for part in job.params["month"].split("-"))
    month = date(year, number, 1)
    day = report_date(month, today=timezone.localdate())
    areas = _areas(borough)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for done, (folder, area, kind) in enumerate(areas):
            progress(done, len(areas), f"Making the report of {area.name}")
            pdf = report_pdf(user, area, kind, month, day)
            archive.writestr(f"{folder}{report_filename(area.code, month)}.pdf", pdf)
        progress(len(areas), len(areas), f"Made {len(areas)} reports")
    clusters = sum(1 for folder, _, _ in areas if folder == "clusters/")
    wards = len(areas) - clusters - 1
    return JobOutcome(
        summary=f"{len(areas)} reports for {borough.name}, {month:%B %Y}: the borough's, "
        f"{clusters} clusters' and {wards} wards'.",
        result_url=f"{reverse('reports:borough', args=[borough.code])}?month={month:%Y-%m}",
        output_name=zip_name(borough, month),
        output_bytes=buffer.getvalue(),
    )
