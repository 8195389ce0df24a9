"""The force's ASB lead and its ASB action plan, held as structured actions linked to local problems."""

from django.conf import settings
from django.db import models

from sn.core.models import AuditedModel


class AsbLead(AuditedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    role_title = models.CharField(max_length=200)
    email = models.EmailField()
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = "ASB lead"

    def __str__(self) -> str:
        return f"{self.name}, {self.role_title}"


class AsbAction(AuditedModel):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        DONE = "done", "Done"

    title = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner_agency = models.CharField(max_length=200, blank=True)
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    borough = models.ForeignKey(
        "geography.Borough", null=True, blank=True, on_delete=models.PROTECT, related_name="asb_actions"
    )
    problems = models.ManyToManyField("problemsolving.Case", blank=True, related_name="asb_actions")

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "ASB action"

    def __str__(self) -> str:
        return self.title


class ActionProgress(AuditedModel):
    action = models.ForeignKey(AsbAction, on_delete=models.CASCADE, related_name="progress")
    noted_on = models.DateField()
    note = models.TextField(max_length=2000)

    class Meta:
        ordering = ["-noted_on", "-id"]
