"""A resource bid: a ward's team asks the borough's tasking group for resources for a case or a
priority (what, why, for how long), and a meeting grants, refuses or defers it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from sn.core.models import AuditedModel


class ResourceBid(AuditedModel):
    class Status(models.TextChoices):
        AWAITING = "awaiting", "Awaiting a decision"
        GRANTED = "granted", "Granted"
        REFUSED = "refused", "Refused"
        DEFERRED = "deferred", "Deferred"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="resource_bids"
    )
    case = models.ForeignKey(
        "problemsolving.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    priority = models.ForeignKey(
        "panels.Priority", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    what = models.CharField(max_length=300, help_text="The resources asked for")
    why = models.TextField(max_length=2000)
    weeks = models.PositiveSmallIntegerField("for how many weeks")
    # Who asked: the officer (a ward's sergeant, or its inspector), and the user who entered it here.
    officer = models.ForeignKey(
        "teams.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    raised_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AWAITING)
    decided_at = models.ForeignKey(
        "tasking.TaskingMeeting", null=True, blank=True, on_delete=models.PROTECT, related_name="bids_decided"
    )
    decision_note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["neighbourhood", "status"])]
        constraints = [
            models.CheckConstraint(
                name="tasking_bid_for_a_case_or_priority",
                condition=Q(case__isnull=False) | Q(priority__isnull=False),
            ),
            models.CheckConstraint(
                name="tasking_bid_decided_at_a_meeting",
                condition=Q(status="awaiting") | Q(decided_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"Bid: {self.what}"

    @property
    def raised_by_label(self) -> str:
        if self.officer_id:
            return f"{self.officer.get_rank_display()} {self.officer.full_name}"
        return str(self.raised_by) if self.raised_by_id else ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_BIDS


OPEN_BIDS = (ResourceBid.Status.AWAITING, ResourceBid.Status.DEFERRED)
