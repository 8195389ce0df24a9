"""A meeting's pack: printable on the page (print CSS), as PDF, and the form that has a job assemble it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.jobs.services import job_enqueue
from sn.tasking.forms import PackForm
from sn.tasking.jobs import KIND as PACK_JOB
from sn.tasking.jobs import pack_job_params
from sn.tasking.models import MeetingPack
from sn.tasking.pdf import pack_pdf, pack_title
from sn.tasking.permissions import PREPARE_PACKS, VIEW_TASKING, get_meeting_for_user
from sn.tasking.views.common import meeting_context


@access(permission=VIEW_TASKING)
def pack_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    pack = MeetingPack.objects.filter(meeting=meeting).select_related("prepared_by").first()
    title = pack_title(meeting)
    if request.GET.get("format") == "pdf" and pack is not None:
        body, name = pack_pdf(meeting, pack)
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(
        request,
        "tasking/pack.html",
        {
            "borough": meeting.borough,
            "meeting": meeting,
            "pack": pack,
            "title": title,
            "can_prepare": has_permission(request.user, PREPARE_PACKS),
        },
    )


@access(permission=PREPARE_PACKS)
def pack_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    """A job assembles the pack (the service checks the requester's role and borough when it runs) and
    makes its PDF; its page shows each step, then links to the pack."""
    meeting = get_meeting_for_user(request.user, pk)
    return form_page(
        request,
        form_class=PackForm,
        template="tasking/form.html",
        save=lambda form: job_enqueue(
            kind=PACK_JOB,
            title=f"Pack for the {meeting.get_kind_display()}, {meeting.borough.name}, {meeting.held_on}",
            actor=request.user,
            borough=meeting.borough,
            params=pack_job_params(meeting),
        ),
        success_url=lambda job: reverse("jobs:detail", args=[job.pk]),
        success_message="The pack is being assembled",
        context=meeting_context(
            meeting,
            "Assemble the meeting's pack",
            button="Assemble the pack",
            intro="The pack is assembled from the records as they stand on the meeting's date (today, for a "
            "meeting still to come), in the background: the next page shows each step, then links to the "
            "pack and offers its PDF. Assembling it again replaces the one there is.",
        ),
    )
