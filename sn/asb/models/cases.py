"""ASB victims and the places that suffer ASB, the reports about them, the risk at first contact, the
cases that gather repeat reports, the Case Reviews and the orders (2014 Act).

A report is about a person, an address, or both; reports about the same person (or, with no person,
the same address) in a ward are one case, whichever channel they came in by. Personal data (a person's
name and contact details, an address's text) is erased by sn.asb.services.asb_person_erase, which keeps
the counts."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from sn.core.models import AuditedModel


class AsbPerson(AuditedModel):
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="asb_people", verbose_name="ward"
    )
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    address_text = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = "ASB victim"
        indexes = [models.Index(fields=["neighbourhood", "erased_at"], name="asb_person_ward_idx")]

    def __str__(self) -> str:
        return "(erased)" if self.erased_at else self.name


class AsbAddress(AuditedModel):
    """A place that suffers ASB (a home, a shop, a block's stairwell), whoever reports it."""

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="asb_addresses", verbose_name="ward"
    )
    address_text = models.CharField(max_length=300)
    postcode = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["address_text", "id"]
        verbose_name = "ASB address"
        verbose_name_plural = "ASB addresses"

    def __str__(self) -> str:
        return f"{self.address_text} {self.postcode}".strip()


class AsbCase(AuditedModel):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        RESOLVED = "resolved", "Resolved: the ASB has stopped"
        REDUCED = "reduced", "Reduced: the ASB continues at a level the victim can manage"
        PARTNER = "partner", "Handed to a partner agency"
        ENFORCEMENT = "enforcement", "Enforcement taken (order, warning or prosecution)"
        WITHDRAWN = "withdrawn", "The victim withdrew or could not be contacted"
        NO_FURTHER_ACTION = "nfa", "No further action possible"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="asb_cases", verbose_name="ward"
    )
    person = models.ForeignKey(
        AsbPerson, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    address = models.ForeignKey(
        AsbAddress, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    opened_at = models.DateTimeField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="asb_cases"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    problem = models.ForeignKey(
        "problemsolving.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="asb_cases",
        verbose_name="linked problem",
    )
    # The threshold: the day it was met (from the reports) and when the case was flagged for review.
    threshold_met_on = models.DateField(null=True, blank=True)
    case_review_flagged_at = models.DateTimeField(null=True, blank=True)
    # When the victim (or someone for them) invoked the Case Review themselves.
    case_review_requested_at = models.DateTimeField(null=True, blank=True)
    risk_level = models.CharField(max_length=10, blank=True)  # the latest assessment's level
    # The latest closure; reopening clears it (the audit trail keeps every closure).
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    close_reason = models.TextField(max_length=2000, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = "ASB case"
        indexes = [
            models.Index(fields=["neighbourhood", "status"], name="asb_case_ward_idx"),
            models.Index(fields=["case_review_flagged_at"], name="asb_case_flag_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(address__isnull=False),
                name="asb_case_person_or_address",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"ASB-{self.pk:05d}" if self.pk else "ASB-(new)"

    @property
    def subject(self) -> str:
        parts = [str(p) for p in (self.person, self.address) if p is not None]
        return ", ".join(parts)


class AsbReport(AuditedModel):
    class Channel(models.TextChoices):
        STAFF = "staff", "Staff entry"
        CALL = "call", "Imported call"
        PUBLIC = "public", "Public"
        PARTNER = "partner", "Partner"

    case = models.ForeignKey(AsbCase, on_delete=models.CASCADE, related_name="reports")
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="asb_reports", verbose_name="ward"
    )
    person = models.ForeignKey(
        AsbPerson, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    address = models.ForeignKey(
        AsbAddress, null=True, blank=True, on_delete=models.PROTECT, related_name="reports"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.STAFF)
    call = models.ForeignKey(
        "rosters.CallForService", null=True, blank=True, on_delete=models.SET_NULL, related_name="asb_reports"
    )
    incident_date = models.DateField()
    reported_at = models.DateTimeField()
    description = models.TextField(max_length=4000)
    category = models.CharField(max_length=20, default="personal")

    class Category(models.TextChoices):
        PERSONAL = "personal", "Personal (aimed at a person or household)"
        NUISANCE = "nuisance", "Nuisance (the community at large)"
        ENVIRONMENTAL = "environmental", "Environmental (the surroundings)"

    class Meta:
        ordering = ["reported_at", "id"]
        verbose_name = "ASB report"
        indexes = [models.Index(fields=["neighbourhood", "reported_at"], name="asb_report_ward_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(address__isnull=False),
                name="asb_report_person_or_address",
            )
        ]

    def __str__(self) -> str:
        return f"ASB report {self.pk} of {self.reported_at:%d %b %Y}"

    @property
    def category_label(self) -> str:
        # The field has no choices (so no get_category_display); an unknown old value shows as stored.
        try:
            return self.Category(self.category).label
        except ValueError:
            return self.category


class RiskAssessment(AuditedModel):
    class Level(models.TextChoices):
        STANDARD = "standard", "Standard"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    report = models.ForeignKey(AsbReport, on_delete=models.CASCADE, related_name="risk_assessments")
    answers = models.JSONField(default=dict)
    score = models.PositiveIntegerField()
    level = models.CharField(max_length=10, choices=Level.choices)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField()

    class Meta:
        ordering = ["assessed_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} risk ({self.score})"


class CaseReview(AuditedModel):
    case = models.ForeignKey(AsbCase, on_delete=models.CASCADE, related_name="reviews")
    due_on = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(max_length=4000, blank=True)
    recommendations = models.TextField(max_length=4000, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["due_on", "held_on"], name="asb_review_due_idx")]

    def __str__(self) -> str:
        return f"Case Review of {self.case.reference} due {self.due_on:%d %b %Y}"

    @property
    def on_time(self) -> bool | None:
        return None if self.held_on is None else self.held_on <= self.due_on


class AsbOrder(AuditedModel):
    class Kind(models.TextChoices):
        RESPECT = "respect", "Respect Order"
        INJUNCTION = "injunction", "Civil Injunction"
        CBO = "cbo", "Criminal Behaviour Order"
        CLOSURE = "closure", "Closure Order"
        CPN = "cpn", "Community Protection Notice"
        DISPERSAL = "dispersal", "Dispersal direction"

    class Status(models.TextChoices):
        SOUGHT = "sought", "Sought"
        GRANTED = "granted", "Granted"
        REFUSED = "refused", "Refused"
        BREACHED = "breached", "Breached"

    case = models.ForeignKey(AsbCase, null=True, blank=True, on_delete=models.CASCADE, related_name="orders")
    problem = models.ForeignKey(
        "problemsolving.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="asb_orders"
    )
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="asb_orders", verbose_name="ward"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SOUGHT)
    sought_on = models.DateField()
    decided_on = models.DateField(null=True, blank=True)  # granted or refused
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-sought_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False) | Q(problem__isnull=False), name="asb_order_case_or_problem"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_status_display().lower()})"


class OrderBreach(AuditedModel):
    order = models.ForeignKey(AsbOrder, on_delete=models.CASCADE, related_name="breaches")
    breached_on = models.DateField()
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["breached_on", "id"]
        indexes = [models.Index(fields=["breached_on"], name="asb_breach_day_idx")]
