"""What the retention review found and what came of it, and the erasure requests of named people.

A review item names a record by its kind and id, never by its person: the list of what is due is kept
by the daily review (so the home pages read one small table), and an item decided stays as the anonymous
count of what was erased or kept, where and when. An erasure request holds the name, email or phone
searched for only until it is completed or cancelled; its record then keeps what kinds were searched,
what was found and what was erased, by kind, area and id.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from sn.core.models import AuditedModel
from sn.privacy.retention import RecordKind


class ReviewItem(AuditedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a decision"
        ERASED = "erased", "Erased"
        KEPT = "kept", "Kept"
        LAPSED = "lapsed", "No longer due (used again, or erased otherwise)"

    kind = models.CharField(max_length=20, choices=RecordKind.choices)
    record_id = models.PositiveBigIntegerField()
    borough = models.ForeignKey("geography.Borough", on_delete=models.PROTECT, related_name="+")
    # Empty for feedback about a whole borough.
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    last_active_on = models.DateField()
    found_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why a record still in use is kept: the officer's words, which may name someone.
    keep_reason = models.TextField(max_length=1000, blank=True)

    audit_summarised_fields = frozenset({"keep_reason"})

    class Meta:
        ordering = ["last_active_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_id"],
                condition=Q(status="open"),
                name="privacy_one_open_item_per_record",
            )
        ]
        indexes = [
            models.Index(fields=["status", "kind", "neighbourhood"], name="privacy_item_status_idx"),
            models.Index(fields=["kind", "record_id"], name="privacy_item_record_idx"),
        ]

    def __str__(self) -> str:
        return f"Retention review of {self.get_kind_display().lower()} {self.record_id}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class ErasureRequest(AuditedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Matches waiting for confirmation"
        DONE = "done", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    reference = models.CharField(
        max_length=100, blank=True, help_text="The data-protection office's reference for the request"
    )
    # The search, held only while the request is open.
    name = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=254, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    searched_by = models.JSONField(default=list, blank=True)  # ["name", "email", "phone"]
    kinds_searched = models.JSONField(default=list, blank=True)  # labels of what was searched
    # One entry per record found: {"key", "kind", "record_id", "area", "erasable", "note"}; no values.
    found = models.JSONField(default=list, blank=True)
    erased = models.JSONField(default=list, blank=True)  # keys of the found records erased
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    audit_summarised_fields = frozenset({"name", "email", "phone"})

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Erasure request {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
