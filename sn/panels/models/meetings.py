"""A panel's meetings: planned, then held (with attendance and minutes) or cancelled."""

from django.db import models
from django.utils import timezone

from sn.core.models import AuditedModel
from sn.panels.dates import long_date


class Meeting(AuditedModel):
    """One meeting of a ward panel. The panel's decisions (priorities selected, reviewed, decided
    resolved or withdrawn) are recorded at a held meeting and point back to it."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    panel = models.ForeignKey("panels.Panel", on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField("date and time")
    place = models.CharField(max_length=255)
    agenda = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    minutes = models.TextField(blank=True)
    public_count = models.PositiveIntegerField("members of the public present", null=True, blank=True)
    members_present = models.ManyToManyField(
        "panels.PanelMember", blank=True, related_name="meetings_attended"
    )
    officers_present = models.ManyToManyField("teams.Officer", blank=True, related_name="+")
    cancelled_reason = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["panel", "status", "starts_at"])]

    def __str__(self) -> str:
        when = timezone.localtime(self.starts_at)
        return f"{self.panel.name} meeting, {long_date(when)}"

    @property
    def held_on(self):
        return timezone.localdate(self.starts_at)

    @property
    def is_held(self) -> bool:
        return self.status == self.Status.HELD


class MeetingPaper(AuditedModel):
    """A paper for a meeting (agenda pack, analysis of concerns, progress report), as a link: the papers
    themselves live wherever the force keeps documents."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    url = models.URLField("link", max_length=500)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title
