"""The record of a ward's lapses in named, contactable officers (issue 14, part 1)."""

from django.db import models

from sn.core.models import AuditedModel


class NamedOfficerLapse(AuditedModel):
    """A span in which a ward has no named officer contactable online, as the sweep found it: open
    (`ends_on` empty) until a named officer is back. A lapse in sight (a posting ending within the
    look-ahead) is recorded when first seen, with its future start date."""

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="named_officer_lapses"
    )
    starts_on = models.DateField("from")
    ends_on = models.DateField("to", null=True, blank=True)
    reason = models.CharField(max_length=255)
    noticed_at = models.DateTimeField()

    class Meta:
        ordering = ["-starts_on", "neighbourhood"]
        indexes = [models.Index(fields=["neighbourhood", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="named_officer_lapse_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.neighbourhood} without a named officer from {self.starts_on}"
