"""A problem-solving case and what hangs from it directly: the response options weighed, the dated log
of updates (from the team and from invited partners), the sergeant's scheduled reviews and the partner
organisations invited to work on it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from sn.concerns.taxonomy import Topic
from sn.core.models import AuditedModel
from sn.incidents.categories import Category


class Case(AuditedModel):
    """Form 302 in the SARA shape. Most cases work a panel priority (one case per priority); a case can
    also be opened for a problem the team or the tasking group found, with no priority behind it.

    The case's place is its ward, or named streets in it, or an area drawn on the map; its categories
    are police.uk categories, so that its analysis and assessment read the incidents recorded for them.
    """

    class Stage(models.TextChoices):
        SCANNING = "scanning", "Scanning"
        ANALYSIS = "analysis", "Analysis"
        RESPONSE = "response", "Response"
        ASSESSMENT = "assessment", "Assessment"
        CLOSED = "closed", "Closed"

    class Place(models.TextChoices):
        WARD = "ward", "The whole ward"
        STREETS = "streets", "Named streets"
        AREA = "area", "An area drawn on the map"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="problem_solving_cases"
    )
    priority = models.OneToOneField(
        "panels.Priority", null=True, blank=True, on_delete=models.PROTECT, related_name="case"
    )
    title = models.CharField(max_length=200)
    # Scanning.
    problem_statement = models.TextField(max_length=4000)
    topic = models.CharField(max_length=30, choices=Topic.choices, blank=True)
    # The police.uk categories the case is about, comma-separated with a comma at each end
    # (",burglary,vehicle-crime,") so that one category is found with `category_codes__contains`.
    category_codes = models.CharField(max_length=400)
    place = models.CharField(max_length=10, choices=Place.choices, default=Place.WARD)
    streets = models.TextField(blank=True, help_text="One street per line, as police.uk names them")
    area = models.TextField(blank=True, help_text="GeoJSON Polygon, WGS84, drawn on the map")
    period_start = models.DateField(help_text="First month of the problem period")
    period_end = models.DateField(help_text="Last month of the problem period")
    concerns = models.ManyToManyField("concerns.Concern", blank=True, related_name="cases")
    # Analysis: the problem-analysis triangle, and those who can act on each side of it.
    victim = models.TextField("victim or target", max_length=2000, blank=True)
    offender = models.TextField(max_length=2000, blank=True)
    location = models.TextField(max_length=2000, blank=True)
    guardian = models.TextField(max_length=2000, blank=True, help_text="Who can protect the victim")
    handler = models.TextField(max_length=2000, blank=True, help_text="Who has influence on the offender")
    manager = models.TextField(max_length=2000, blank=True, help_text="Who is responsible for the place")
    analysis_summary = models.TextField(max_length=4000, blank=True)
    # Response: when it began splits the months before from the months after, for the assessment.
    response_started_on = models.DateField(null=True, blank=True)
    stage = models.CharField(max_length=12, choices=Stage.choices, default=Stage.SCANNING)
    owner = models.ForeignKey("teams.Officer", on_delete=models.PROTECT, related_name="cases_owned")
    # The sergeant reviews every open case by this date (SN_CASE_REVIEW_WEEKS after the last review).
    review_due_on = models.DateField()
    # The latest dated entry of any kind (update, review, intervention change): what "stalled" reads.
    last_activity_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    closing_note = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["neighbourhood", "stage"]),
            models.Index(fields=["stage", "review_due_on"]),
            models.Index(fields=["stage", "last_activity_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="problemsolving_case_period"
            ),
            models.CheckConstraint(
                condition=~Q(stage="closed") | Q(closed_on__isnull=False),
                name="problemsolving_case_closed_on",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        return f"PS-{self.pk:05d}" if self.pk else "PS-(new)"

    @property
    def categories(self) -> list[str]:
        return [code for code in self.category_codes.split(",") if code]

    @property
    def category_labels(self) -> list[str]:
        labels = dict(Category.choices)
        return [labels.get(code, code) for code in self.categories]

    @property
    def is_open(self) -> bool:
        return self.stage != self.Stage.CLOSED

    @property
    def street_list(self) -> list[str]:
        return [line.strip() for line in self.streets.splitlines() if line.strip()]


def category_codes_of(categories) -> str:
    """The stored form of a list of police.uk categories (see Case.category_codes)."""
    return "," + ",".join(sorted(set(categories))) + "," if categories else ""


class ResponseOption(AuditedModel):
    """An option the team considered for the response, whether it was chosen, and why."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="options")
    description = models.CharField(max_length=300)
    chosen = models.BooleanField(default=False)
    reason = models.TextField(max_length=2000, help_text="Why it was chosen, or why not")

    class Meta:
        ordering = ["-chosen", "id"]

    def __str__(self) -> str:
        return self.description


class CaseUpdate(AuditedModel):
    """A dated entry on the case's log, by the team or an invited partner."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="updates")
    on = models.DateField("date")
    text = models.TextField("update", max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The partner organisation the author wrote for, when they are a partner.
    organisation = models.ForeignKey(
        "accounts.PartnerOrganisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["case", "on"])]

    def __str__(self) -> str:
        return f"Update on {self.case.reference}"


class CaseReview(AuditedModel):
    """The sergeant's review of an open case, and when the next one is due."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(max_length=4000)
    next_due_on = models.DateField()

    class Meta:
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"Review of {self.case.reference}"


class CaseInvitation(AuditedModel):
    """A partner organisation invited to work on a case. Its users see the case while the invitation
    stands; removing it ends their reach at once. Never deleted, so the trail shows who could see what."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="invitations")
    organisation = models.ForeignKey(
        "accounts.PartnerOrganisation", on_delete=models.PROTECT, related_name="case_invitations"
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_on = models.DateField()
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["invited_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=Q(removed_at__isnull=True),
                name="problemsolving_one_standing_invitation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} on {self.case.reference}"
