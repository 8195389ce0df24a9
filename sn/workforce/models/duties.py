"""Duties: where an officer was for a span of time, as the force's duty management system records it.

A duty is on the officer's own ward, on another ward (lent under a deployment), or an abstraction with
a reason. The duty code (SN, AL, TRG, ...) is the duty system's; the table of codes, kept by the central
unit, says what each means here. The reason is copied onto the duty when it is written, so a later
change to the table does not rewrite the history.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from sn.core.models import AuditedModel


class AbstractionReason(AuditedModel):
    """One reason an officer is taken away from their ward (leave, mandatory training, public order,
    other abstraction ...). Whether it counts against the abstraction target is the policy's call."""

    key = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=100)
    description = models.CharField(max_length=255, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "label"]

    def __str__(self) -> str:
        return self.label


class DutyCode(AuditedModel):
    class Kind(models.TextChoices):
        ON_DUTY = "on_duty", "On duty in the neighbourhood"
        ABSTRACTED = "abstracted", "Abstracted"

    code = models.CharField(max_length=10, unique=True)
    label = models.CharField(max_length=100)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    reason = models.ForeignKey(
        AbstractionReason, null=True, blank=True, on_delete=models.PROTECT, related_name="duty_codes"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="on_duty", reason__isnull=True) | Q(kind="abstracted", reason__isnull=False),
                name="duty_code_abstraction_has_a_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.label}"


class DutySource(models.TextChoices):
    IMPORT = "import", "Duty system file"
    SERVICE = "service", "Recorded in the service"
    DEMO = "demo", "Demo data"


class DutyImport(models.Model):
    """One duty or calls file imported (or refused): the audit record of a bulk import."""

    class Status(models.TextChoices):
        IMPORTED = "imported", "Imported"
        REJECTED = "rejected", "Rejected (nothing written)"

    kind = models.CharField(max_length=20, default="duties")  # "duties" or "calls"
    started_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=150, blank=True)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices)
    rows_read = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class Duty(AuditedModel):
    # The officer, team and ward lead composite indexes below; their own single-column indexes would
    # only slow the bulk writes of a million rows.
    officer = models.ForeignKey(
        "teams.Officer", on_delete=models.PROTECT, related_name="duties", db_index=False
    )
    # The team the officer was posted to that day: whose rostered hours the duty counts in.
    team = models.ForeignKey("teams.Team", on_delete=models.PROTECT, related_name="duties", db_index=False)
    # Where the officer worked: the team's own ward, another ward (lent under a deployment), or none
    # when abstracted.
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duties",
        db_index=False,
    )
    date = models.DateField(help_text="The day the duty starts")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    minutes = models.PositiveIntegerField(help_text="Length, kept for sums over a million rows")
    code = models.ForeignKey(DutyCode, on_delete=models.PROTECT, related_name="duties")
    # Copied from the code when written (None when on duty), so the history keeps its meaning.
    reason = models.ForeignKey(
        AbstractionReason, null=True, blank=True, on_delete=models.PROTECT, related_name="duties"
    )
    source = models.CharField(max_length=10, choices=DutySource.choices, default=DutySource.SERVICE)
    import_run = models.ForeignKey(
        DutyImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="duties"
    )
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["officer", "starts_at"]
        verbose_name_plural = "duties"
        indexes = [
            # Covering for the abstraction sums (a month's minutes by team and reason), which then never
            # read the table itself: 3-4 times faster for a force's month on a cold cache.
            models.Index(fields=["date", "team", "reason", "minutes"], name="duty_month_sums"),
            models.Index(fields=["team", "date"]),
            models.Index(fields=["neighbourhood", "date"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["officer", "starts_at"], name="one_duty_per_officer_start"),
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="duty_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.code.code} {self.starts_at:%Y-%m-%d %H:%M}"
