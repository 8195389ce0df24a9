"""Calls for service: the demand on the police by time of day, which police.uk's monthly crime counts
do not give. Each call is a row with when it came in, the ward it came from and its type; they come from
the force's command-and-control system as a file (`sn import-calls`), the demo's from a documented
profile (sn.rosters.demo)."""

from django.db import models


class CallForService(models.Model):
    """One call. Not an AuditedModel: a year of calls for a force is a quarter of a million rows,
    written in bulk; the import run (a DutyImport of kind "calls") is the audit record of who loaded
    which file, and its bulk-create event names the rows."""

    received_at = models.DateTimeField()
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="calls_for_service",
        db_index=False,  # the (neighbourhood, received_at) index serves; one index fewer to write
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    call_type = models.CharField(max_length=60)
    # The command-and-control system's reference (or, when a file has none, a digest of the row and
    # its occurrence in the file): what makes importing the same file again change nothing.
    source_reference = models.CharField(max_length=64, unique=True)
    import_run = models.ForeignKey(
        "workforce.DutyImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="calls"
    )

    class Meta:
        ordering = ["received_at"]
        verbose_name = "call for service"
        verbose_name_plural = "calls for service"
        indexes = [models.Index(fields=["neighbourhood", "received_at"])]

    def __str__(self) -> str:
        return f"{self.call_type} at {self.received_at:%Y-%m-%d %H:%M}"
