"""Models of supervision: a proposal of which wards share a sergeant, and its groups."""

from django.conf import settings
from django.db import models

from sn.core.models import AuditedModel


class SupervisionProposal(AuditedModel):
    """The supervision model's answer for a borough (or the force, with no borough) and a target number
    of sergeants, with the figures it was judged on. Adopting it changes the postings; a proposal made
    on postings that have changed since is stale and cannot be adopted."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ADOPTED = "adopted", "Adopted"
        SUPERSEDED = "superseded", "Superseded"

    borough = models.ForeignKey(
        "geography.Borough",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_proposals",
        help_text="Empty for a proposal for the whole force",
    )
    target = models.PositiveIntegerField(help_text="Sergeants wanted: one per group of wards")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PROPOSED)
    as_at = models.DateField(help_text="The day whose postings the proposal was made from")
    demand_start = models.DateField(help_text="First month of the demand the groups were balanced on")
    demand_end = models.DateField(help_text="Last month of that demand")
    max_wards_per_sergeant = models.PositiveSmallIntegerField()
    busiest_share = models.FloatField(help_text="Share of the busiest wards kept with their own sergeant")
    objective = models.BigIntegerField(help_text="Sum over groups of squared demand and staff shares")
    baseline_objective = models.BigIntegerField(
        null=True, blank=True, help_text="The same for the greedy baseline, when it reaches the target"
    )
    solver_status = models.CharField(max_length=20)
    solve_seconds = models.FloatField()
    # {"before": {...}, "after": {...}}: sergeants, officers and demand per sergeant (sn.supervision.figures).
    figures = models.JSONField(default=dict)
    # What adoption does, worked out with the proposal: {"post": [[officer, team], ...], "end": [posting
    # ids], "released": [officer ids]}; kept so that adoption does exactly what the page showed.
    plan = models.JSONField(default=dict)
    postings_fingerprint = models.CharField(max_length=64)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["borough", "status"])]

    def __str__(self) -> str:
        return f"Supervision proposal {self.pk}: {self.area_name}, {self.target} sergeants"

    @property
    def area_name(self) -> str:
        return self.borough.name if self.borough_id else "The force"


class SupervisionGroup(AuditedModel):
    """Wards one sergeant supervises in a proposal, and the sergeant kept for them (none: a post to
    fill)."""

    proposal = models.ForeignKey(SupervisionProposal, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveIntegerField(help_text="1, 2, ... within the proposal, busiest first")
    cluster = models.ForeignKey("geography.Cluster", null=True, blank=True, on_delete=models.PROTECT)
    wards = models.ManyToManyField(
        "geography.Neighbourhood", through="SupervisionGroupWard", related_name="+"
    )
    kept_sergeant = models.ForeignKey(
        "teams.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    demand = models.FloatField()
    staff = models.PositiveIntegerField(help_text="PCs and PCSOs posted to the group's teams")

    class Meta:
        ordering = ["proposal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="supervision_group_number")
        ]

    def __str__(self) -> str:
        return f"Group {self.number} of proposal {self.proposal_id}"


class SupervisionGroupWard(models.Model):
    group = models.ForeignKey(SupervisionGroup, on_delete=models.CASCADE, related_name="members")
    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "neighbourhood"], name="supervision_group_ward_once")
        ]

    def __str__(self) -> str:
        return f"Ward {self.neighbourhood_id} in group {self.group_id}"
