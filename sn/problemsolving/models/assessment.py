"""The assessment of a case's impact: the months compared, the figures the service computed from the
incident data (kept as computed, so that a later re-import does not silently change the evidence a
judgement rested on), the displacement check, and the recorded judgement with its evidence."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from sn.core.models import AuditedModel
from sn.problemsolving.models.cases import Case


class Assessment(AuditedModel):
    class Outcome(models.TextChoices):
        RESOLVED = "resolved", "Resolved"
        REDUCED = "reduced", "Reduced"
        DISPLACED = "displaced", "Displaced"
        NO_CHANGE = "no_change", "No change"

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="assessment")
    # The data period: months (first days) before and after the response.
    before_start = models.DateField()
    before_end = models.DateField()
    after_start = models.DateField()
    after_end = models.DateField()
    category_codes = models.CharField(max_length=400)
    # What sn.problemsolving.assessment computed when the assessment was recorded: counts, the
    # difference-in-differences ratio, its interval and test, and the sentence that says it in words.
    figures = models.JSONField(default=dict)
    # One entry per neighbouring ward: its counts before and after and whether it rose significantly.
    displacement = models.JSONField(default=list)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    evidence = models.TextField(max_length=4000)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField()

    audit_summarised_fields = frozenset({"figures", "displacement"})

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="problemsolving_assessment_periods_in_order",
                condition=Q(before_end__gte=models.F("before_start"))
                & Q(after_start__gt=models.F("before_end"))
                & Q(after_end__gte=models.F("after_start")),
            )
        ]

    def __str__(self) -> str:
        return f"Assessment of {self.case.reference}: {self.get_outcome_display()}"
