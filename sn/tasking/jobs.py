"""Assembling a meeting's pack as a background job ("tasking.pack"): the pack reads a whole borough's
cases, themes, demand and activity, too long for a request. The job assembles it through the same
service as the form did (the requester's permission and borough checked when it runs), then makes its
PDF as the job's document; the job's page links to the pack."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from sn.jobs.registry import JobOutcome, JobRefused, Progress
from sn.tasking.models import TaskingMeeting
from sn.tasking.pack import STEPS
from sn.tasking.pack.serial import long_date
from sn.tasking.pdf import pack_pdf
from sn.tasking.services import pack_assemble

KIND = "tasking.pack"


def pack_job_params(meeting: TaskingMeeting) -> dict:
    return {"meeting": meeting.pk}


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [
            f"{field}: {message}" for field, messages in error.message_dict.items() for message in messages
        ]
    return list(error.messages)


def run_pack(job, progress: Progress) -> JobOutcome:
    meeting = TaskingMeeting.objects.select_related("borough").filter(pk=job.params.get("meeting")).first()
    if meeting is None:
        raise JobRefused(
            "The meeting of this pack no longer exists; nothing was assembled.", ["meeting: not found"]
        )
    try:
        pack = pack_assemble(
            meeting=meeting, today=timezone.localdate(), actor=job.requested_by, progress=progress
        )
    except ValidationError as refused:
        raise JobRefused("The pack was not assembled; nothing was written.", _messages(refused)) from refused
    progress(len(STEPS), len(STEPS) + 1, "Making the PDF")
    body, name = pack_pdf(meeting, pack)
    progress(len(STEPS) + 1, len(STEPS) + 1, "Pack assembled")
    return JobOutcome(
        summary=f"Pack assembled for the {meeting.get_kind_display()} of {meeting.borough.name} on "
        f"{long_date(meeting.held_on)}, as at {long_date(pack.as_at)}: {len(pack.sections)} sections.",
        result_url=reverse("tasking:pack", args=[meeting.pk]),
        output_name=name,
        output_bytes=body,
    )
