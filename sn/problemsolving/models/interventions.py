"""Interventions: the chosen response, split into pieces of work each with an owner, a due date, a
status and dated updates. Police interventions are owned by an officer, partner ones by a named user of
the partner organisation, public ones (a residents' association's clean-up, say) by a named group or
person whose progress the case's owner records."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from sn.core.models import AuditedModel
from sn.problemsolving.models.cases import Case


class Intervention(AuditedModel):
    class DeliveredBy(models.TextChoices):
        POLICE = "police", "Police"
        PARTNER = "partner", "Partner organisation"
        PUBLIC = "public", "The public"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="interventions")
    description = models.CharField(max_length=300)
    delivered_by = models.CharField(max_length=10, choices=DeliveredBy.choices)
    organisation = models.ForeignKey(
        "accounts.PartnerOrganisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_officer = models.ForeignKey(
        "teams.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="interventions"
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interventions",
    )
    # For the public: who does it ("Elm Estate residents' association").
    owner_name = models.CharField(max_length=200, blank=True)
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    completed_on = models.DateField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome_note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"]), models.Index(fields=["owner_user", "status"])]
        constraints = [
            models.CheckConstraint(
                name="problemsolving_intervention_owner_fits",
                condition=Q(delivered_by="police", owner_officer__isnull=False)
                | Q(delivered_by="partner", organisation__isnull=False, owner_user__isnull=False)
                | Q(delivered_by="public") & ~Q(owner_name=""),
            ),
            models.CheckConstraint(
                name="problemsolving_intervention_done_when_completed",
                condition=~Q(status="done") | Q(completed_on__isnull=False, completed_by__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def owner_label(self) -> str:
        if self.delivered_by == self.DeliveredBy.POLICE:
            return str(self.owner_officer)
        if self.delivered_by == self.DeliveredBy.PARTNER:
            return f"{self.owner_user} ({self.organisation})"
        return self.owner_name

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS)


class InterventionUpdate(AuditedModel):
    intervention = models.ForeignKey(Intervention, on_delete=models.PROTECT, related_name="updates")
    on = models.DateField("date")
    text = models.TextField("update", max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"Update on {self.intervention}"
