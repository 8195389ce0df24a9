"""Public Attitude Survey results per borough, quarter and measure, and the groups of similar
boroughs each borough is compared with."""

from django.db import models

from sn.core.models import AuditedModel
from sn.performance.quarters import FinancialQuarter


class Measure(models.TextChoices):
    """The six survey measures of the Safer Neighbourhoods performance framework (seed 001, para 47).
    The value is the slug used in import files."""

    CONFIDENCE = "confidence", "Confidence in local police"
    SAFE_DAY = "safe-day", "Feel safe in the area during the day"
    SAFE_AFTER_DARK = "safe-after-dark", "Feel safe in the area after dark"
    UNDERSTAND_ISSUES = "understand-issues", "Police understand the issues that affect the community"
    DEALING_WITH_ISSUES = "dealing-with-issues", "Police are dealing with the things that matter"
    WORRY_ASB = "worry-asb", "Worry about anti-social behaviour"

    @property
    def higher_is_better(self) -> bool:
        # For worry about ASB the "positive" count is those worried: fewer is better.
        return self is not Measure.WORRY_ASB


class SurveyResult(AuditedModel):
    """One measure for one borough in one financial quarter: `positive` of `sample_size` respondents."""

    borough = models.ForeignKey("geography.Borough", on_delete=models.PROTECT, related_name="survey_results")
    quarter_start = models.DateField(help_text="First day of the financial quarter (Q1 starts on 1 April)")
    measure = models.CharField(max_length=30, choices=Measure.choices)
    sample_size = models.PositiveIntegerField()
    positive = models.PositiveIntegerField(help_text="Respondents giving the answer the measure counts")

    class Meta:
        ordering = ["borough__name", "quarter_start", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["borough", "quarter_start", "measure"], name="survey_result_unique_per_quarter"
            ),
            models.CheckConstraint(
                condition=models.Q(positive__lte=models.F("sample_size")),
                name="survey_result_positive_within_sample",
            ),
            models.CheckConstraint(condition=models.Q(sample_size__gt=0), name="survey_result_has_sample"),
        ]
        indexes = [models.Index(fields=["quarter_start", "measure"])]

    def __str__(self) -> str:
        return f"{self.borough} {self.quarter} {self.get_measure_display()}"

    @property
    def quarter(self) -> FinancialQuarter:
        return FinancialQuarter.from_start(self.quarter_start)


class ComparisonGroup(AuditedModel):
    """A group of similar boroughs (like HMIC's "most similar forces"). A borough in a group is compared
    with the other boroughs of its group; a borough in none falls back to the default rule
    (sn.performance.grouping: inner or outer London)."""

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ComparisonMembership(AuditedModel):
    borough = models.OneToOneField(
        "geography.Borough", on_delete=models.CASCADE, related_name="comparison_membership"
    )
    group = models.ForeignKey(ComparisonGroup, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        ordering = ["group__name", "borough__name"]

    def __str__(self) -> str:
        return f"{self.borough} in {self.group}"
