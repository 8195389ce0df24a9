"""The abstraction policy: which reasons are exempt and the target rate, from a date.

Seed 000: leave and time off, defined mandatory training and public order for New Year's Eve and
Notting Hill Carnival are exempt; everything else counts. Like the establishment policy, a change is a
new row, never an edit of one in force, so the table is the policy's history.
"""

from decimal import Decimal

from django.db import models

from sn.core.models import AuditedModel
from sn.workforce.models.duties import AbstractionReason


class AbstractionPolicy(AuditedModel):
    effective_from = models.DateField(unique=True)
    target_rate = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("2.00"), help_text="Per cent of rostered hours"
    )
    exempt_reasons = models.ManyToManyField(AbstractionReason, related_name="exempt_in", blank=True)
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name_plural = "abstraction policies"

    def __str__(self) -> str:
        return f"Target {self.target_rate}% from {self.effective_from}"
