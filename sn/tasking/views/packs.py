"""A meeting's pack: printable on the page (print CSS), as PDF, and the form that assembles it."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from sn.core.access import access, has_permission
from sn.core.form_pages import form_page
from sn.tasking import services
from sn.tasking.forms import PackForm
from sn.tasking.models import MeetingPack
from sn.tasking.pack.serial import long_date
from sn.tasking.pdf import render_pack_pdf
from sn.tasking.permissions import PREPARE_PACKS, VIEW_TASKING, get_meeting_for_user
from sn.tasking.views.common import meeting_context


@access(permission=VIEW_TASKING)
def pack_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    pack = MeetingPack.objects.filter(meeting=meeting).select_related("prepared_by").first()
    title = f"Pack: {meeting.get_kind_display()}, {meeting.borough.name}, {long_date(meeting.held_on)}"
    if request.GET.get("format") == "pdf" and pack is not None:
        prepared = f"As at {long_date(pack.as_at)}; prepared {long_date(pack.prepared_on)}"
        body = render_pack_pdf(title, prepared, pack.sections)
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="tasking-pack-{meeting.borough.code}-{meeting.held_on}.pdf"'
        )
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
    meeting = get_meeting_for_user(request.user, pk)
    return form_page(
        request,
        form_class=PackForm,
        template="tasking/form.html",
        save=lambda form: services.pack_assemble(
            meeting=meeting, today=timezone.localdate(), actor=request.user
        ),
        success_url=reverse("tasking:pack", args=[meeting.pk]),
        success_message="Pack assembled",
        context=meeting_context(
            meeting,
            "Assemble the meeting's pack",
            button="Assemble the pack",
            intro="The pack is assembled from the records as they stand on the meeting's date (today, for a "
            "meeting still to come). Assembling it again replaces the one there is.",
        ),
    )
