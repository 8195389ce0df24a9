"""EPIC activity records. A record is one piece of the team's (or a partner's, or the public's) work on
a day in a ward: a patrol, an operation day, a month's school visits. It carries one or more typed counts
(`ActivityCount`: two arrests and forty leaflets on one operation day), the stage of the seven-stage
model it served, who delivered it, and optionally the priority or problem-solving case it worked.

The family of a count is its kind's (sn.activity.kinds), so a record can span families; the report adds
counts up by kind, family, stage and deliverer with GROUP BY queries (sn.activity.selectors).
"""

from django.db import models
from django.db.models import Q

from sn.activity.kinds import FAMILY_OF, KIND_BY_KEY, KIND_CHOICES, DeliveredBy, Stage
from sn.core.models import AuditedModel


class ActivityRecord(AuditedModel):
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="epic_activity"
    )
    on = models.DateField("date")
    # The first day of the month of `on`, kept by the services so that the report groups by month with
    # a plain column on every database (no date truncation per row).
    month = models.DateField(editable=False)
    summary = models.CharField(max_length=300, help_text="What was done, in a line")
    stage = models.PositiveSmallIntegerField(choices=Stage.choices, default=Stage.ACT)
    delivered_by = models.CharField(max_length=10, choices=DeliveredBy.choices, default=DeliveredBy.POLICE)
    organisation = models.ForeignKey(
        "accounts.PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="epic_activity",
    )
    priority = models.ForeignKey(
        "panels.Priority", null=True, blank=True, on_delete=models.PROTECT, related_name="epic_activity"
    )
    case = models.ForeignKey(
        "problemsolving.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="epic_activity"
    )

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [
            models.Index(fields=["month", "neighbourhood"]),
            models.Index(fields=["neighbourhood", "on"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="activity_record_stage_of_seven", condition=Q(stage__gte=1) & Q(stage__lte=7)
            ),
            # Whatever writes the row, an organisation is named exactly when a partner delivered it.
            models.CheckConstraint(
                name="activity_record_organisation_iff_partner",
                condition=Q(delivered_by="partner", organisation__isnull=False)
                | (~Q(delivered_by="partner") & Q(organisation__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.summary} ({self.on:%d %b %Y})"


class ActivityCount(AuditedModel):
    record = models.ForeignKey(ActivityRecord, on_delete=models.CASCADE, related_name="counts")
    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    count = models.PositiveIntegerField()
    # The record's ward, month, stage and deliverer, copied by the services (and the demo) so that the
    # force's report adds up its counts from this one table, without a join per count (the join to the
    # records was most of the force report's time: benchmarks/epic_report.py).
    # No index of its own: the covering indexes below start with the month.
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )
    month = models.DateField(editable=False)
    stage = models.PositiveSmallIntegerField(choices=Stage.choices, editable=False)
    delivered_by = models.CharField(max_length=10, choices=DeliveredBy.choices, editable=False)

    class Meta:
        ordering = ["record", "id"]
        # Covering indexes, one per shape the report groups by (kind; ward and kind; stage and deliverer),
        # so that each GROUP BY reads an index and never the table.
        indexes = [
            models.Index(fields=["month", "kind", "count"]),
            models.Index(fields=["month", "neighbourhood", "kind", "count"]),
            models.Index(fields=["month", "stage", "delivered_by", "count"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["record", "kind"], name="activity_one_count_per_kind"),
            # A kind not done is no row: a zero would be counted as a record of it.
            models.CheckConstraint(name="activity_count_positive", condition=Q(count__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.count} {self.label.lower()}"

    @property
    def label(self) -> str:
        spec = KIND_BY_KEY.get(self.kind)
        return spec.label if spec else self.kind

    @property
    def family(self) -> str:
        return FAMILY_OF.get(self.kind, "")
