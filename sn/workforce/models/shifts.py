"""A team's shift pattern from a date: when in each day of the week its officers start, and for how
long. A cluster's teams are offset (earlies and lates) so that together they give 16-hour cover
(seed 000 paragraph 52). A change is a new row adopted by a cluster inspector or above (paragraph 51)."""

from django.conf import settings
from django.db import models

from sn.core.models import AuditedModel


class ShiftPattern(AuditedModel):
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="shift_patterns")
    effective_from = models.DateField()
    # Seven entries, Monday first: {"start": "HH:MM", "hours": float} for a working day, null for a
    # rest day.
    days = models.JSONField()
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["team", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["team", "effective_from"], name="one_shift_pattern_per_team_date")
        ]

    def __str__(self) -> str:
        return f"{self.team} from {self.effective_from}"
