"""The scorecard's monthly snapshots: each measure's numerator and denominator per ward for a past month.

A past month's records rarely change, and the force scorecard must open in well under half a second
while its measures read tens of thousands of rows each. So a complete month is computed once
(`scorecard_snapshot_build`, run by `sn scorecard-build` and the demo) and read back as a few thousand
rows; the current month, and a measure registered after its month was built, are computed live.
Only wards are stored: a borough's or the force's figure is the sum of its wards' numerators and
denominators, never an average of their ratios.
"""

from django.db import models

from sn.core.models import AuditedModel


class ScorecardMonth(AuditedModel):
    """A month whose snapshots were built, and when: the measures built are those with rows."""

    month = models.DateField(unique=True, help_text="The first day of the month")
    built_at = models.DateTimeField()
    measure_keys = models.JSONField(default=list)

    class Meta:
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"Scorecard {self.month:%B %Y}"


class ScorecardSnapshot(AuditedModel):
    month = models.ForeignKey(ScorecardMonth, on_delete=models.CASCADE, related_name="snapshots")
    measure_key = models.CharField(max_length=60)
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    numerator = models.FloatField()
    denominator = models.FloatField()

    class Meta:
        ordering = ["month", "measure_key", "neighbourhood"]
        constraints = [
            models.UniqueConstraint(
                fields=["month", "measure_key", "neighbourhood"], name="one_scorecard_figure_per_ward"
            )
        ]
        indexes = [models.Index(fields=["neighbourhood", "month"])]

    def __str__(self) -> str:
        return f"{self.measure_key} {self.neighbourhood_id}: {self.numerator}/{self.denominator}"
