"""A deployment under Approach A (seed 000 paragraphs 33-37): Safer Neighbourhoods officers lent from
their own wards to another ward of the cluster (or borough) for a defined problem and period.

The stored status says what was decided (in force, ended with results, cancelled); whether one in force
is planned, active or past its end on a given day is read from its dates (`state_on`).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from sn.core.models import AuditedModel


class Deployment(AuditedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"
        CANCELLED = "cancelled", "Cancelled"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood",
        on_delete=models.PROTECT,
        related_name="deployments_received",
        verbose_name="receiving ward",
    )
    # The problem the officers are lent for: a problem-solving case or a panel priority, exactly one.
    case = models.ForeignKey(
        "problemsolving.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="deployments"
    )
    priority = models.ForeignKey(
        "panels.Priority", null=True, blank=True, on_delete=models.PROTECT, related_name="deployments"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.TextField(max_length=2000, help_text="What the officers are lent to do")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Ended: the last day the officers were lent (the end date, or earlier when ended early).
    ended_on = models.DateField(null=True, blank=True)
    results = models.TextField(max_length=4000, blank=True)
    cancelled_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["neighbourhood", "starts_on"]),
            models.Index(fields=["status", "ends_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, priority__isnull=True)
                | Q(case__isnull=True, priority__isnull=False),
                name="deployment_for_one_problem",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="deployment_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | Q(ended_on__isnull=False), name="deployment_ended_on"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} to {self.neighbourhood.name}"

    @property
    def reference(self) -> str:
        return f"DEP-{self.pk:05d}" if self.pk else "DEP-(new)"

    @property
    def problem(self):
        return self.case or self.priority

    @property
    def problem_label(self) -> str:
        if self.case_id:
            return f"Case {self.case.reference}: {self.case.title}"
        return f"Priority: {self.priority.wording}"

    @property
    def in_force(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.ACTIVE)

    @property
    def last_day(self) -> date | None:
        """The last day officers are (or were) lent; None for a cancelled deployment."""
        if self.status == self.Status.CANCELLED:
            return None
        return self.ended_on if self.status == self.Status.ENDED else self.ends_on

    def state_on(self, today: date) -> str:
        """planned, active, awaiting_results (past its end, results not recorded), ended or cancelled."""
        if not self.in_force:
            return self.status
        if today < self.starts_on:
            return self.Status.PLANNED
        if today <= self.ends_on:
            return self.Status.ACTIVE
        return "awaiting_results"

    def state_label(self, today: date) -> str:
        state = self.state_on(today)
        return "Past its end: results to record" if state == "awaiting_results" else self.Status(state).label


class LentOfficer(AuditedModel):
    """One officer lent by a deployment, with the team they stay posted to (whose problems they keep)."""

    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="lent")
    officer = models.ForeignKey("teams.Officer", on_delete=models.PROTECT, related_name="deployments")
    home_team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="+")
    # The officer's reach into the receiving ward for the period (none when they have no account).
    access_grant = models.ForeignKey(
        "accounts.AccessGrant", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duties_moved = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["deployment", "officer__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["deployment", "officer"], name="deployment_officer_once")
        ]

    def __str__(self) -> str:
        return f"{self.officer} ({self.deployment.reference})"
