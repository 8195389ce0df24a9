"""Priorities: chosen by a panel at a meeting, worked by the team, reviewed by the panel, signed off in
two steps (the panel decides it is resolved, the sergeant endorses), and told to residents as
"You said, we did"."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from sn.concerns.taxonomy import TOPICS, Topic
from sn.core.models import AuditedModel
from sn.panels.dates import short_date


class Priority(AuditedModel):
    """One of a team's priorities. It holds one of the panel's places (SN_PRIORITIES_MAX) from its
    selection until the sergeant endorses the panel's sign-off, or the panel withdraws it."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PANEL_RESOLVED = "panel_resolved", "Resolved by the panel, awaiting the sergeant's endorsement"
        CLOSED = "closed", "Closed"
        WITHDRAWN = "withdrawn", "Withdrawn"
        SUPERSEDED = "superseded", "Superseded"

    # A priority is the ward's, whichever panel chose it: the ward decides who may see it.
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="priorities"
    )
    panel = models.ForeignKey("panels.Panel", on_delete=models.PROTECT, related_name="priorities")
    selected_at = models.ForeignKey(
        "panels.Meeting", on_delete=models.PROTECT, related_name="priorities_selected"
    )
    selected_on = models.DateField()
    topic = models.CharField(max_length=30, choices=Topic.choices)
    wording = models.CharField(
        "public wording", max_length=300, help_text="How the priority is put to residents"
    )
    concerns = models.ManyToManyField("concerns.Concern", blank=True, related_name="priorities")
    young_people = models.BooleanField(
        "concerns young people",
        default=False,
        help_text="Tick when the priority concerns young people though its topic does not say so",
    )
    owner = models.ForeignKey("teams.Officer", on_delete=models.PROTECT, related_name="priorities_owned")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    # Step one of sign-off: the panel's decision at a held meeting.
    resolved_at = models.ForeignKey(
        "panels.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priorities_resolved",
    )
    # Step two: the sergeant's endorsement, which closes the priority.
    endorsed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    endorsed_at = models.DateTimeField(null=True, blank=True)
    # The sergeant's word on the last endorsement, or why they returned the sign-off to the panel.
    endorsement_note = models.CharField(max_length=500, blank=True)
    # Closed, withdrawn or superseded: when it gave up its place.
    ended_on = models.DateField(null=True, blank=True)
    withdrawn_at = models.ForeignKey(
        "panels.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="priorities_withdrawn",
    )
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="supersedes"
    )

    class Meta:
        ordering = ["-selected_on", "-id"]
        verbose_name_plural = "priorities"
        indexes = [models.Index(fields=["neighbourhood", "status"]), models.Index(fields=["owner", "status"])]
        constraints = [
            # Whatever writes the row (a service, the admin, a bulk load), a priority closes only with
            # both steps of its sign-off recorded.
            models.CheckConstraint(
                condition=~Q(status="closed")
                | Q(resolved_at__isnull=False, endorsed_at__isnull=False, ended_on__isnull=False),
                name="panels_priority_closed_after_both_steps",
            ),
            models.CheckConstraint(
                condition=~Q(status="panel_resolved") | Q(resolved_at__isnull=False),
                name="panels_priority_resolved_at_a_meeting",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["withdrawn", "superseded"])
                | Q(withdrawn_at__isnull=False, ended_on__isnull=False),
                name="panels_priority_withdrawn_at_a_meeting",
            ),
        ]

    def __str__(self) -> str:
        return self.wording

    @property
    def holds_a_place(self) -> bool:
        return self.status in HOLDING_A_PLACE

    @property
    def concerns_young_people(self) -> bool:
        return self.young_people or TOPICS[self.topic].young_people


HOLDING_A_PLACE = (Priority.Status.ACTIVE, Priority.Status.PANEL_RESOLVED)
ENDED = (Priority.Status.CLOSED, Priority.Status.WITHDRAWN, Priority.Status.SUPERSEDED)


class Milestone(AuditedModel):
    """A step or target the panel agreed for a priority, with its date: "Dispersal order in place by
    1 March"; "reports of youth ASB on the estate down by a quarter by June"."""

    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="milestones")
    description = models.CharField(max_length=300)
    target = models.CharField(
        max_length=300, blank=True, help_text="What will show it is met, when it can be measured"
    )
    due_on = models.DateField("due by")
    achieved_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description


class ProgressUpdate(AuditedModel):
    """What the team has done on a priority, dated: the progress history the panel reviews."""

    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="updates")
    on = models.DateField("date")
    text = models.TextField("update", max_length=4000)
    officer = models.ForeignKey(
        "teams.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["priority", "on"])]

    def __str__(self) -> str:
        return f"Update on {self.priority} ({short_date(self.on)})"


class Review(AuditedModel):
    """The panel's review of a priority at one of its meetings, and what it decided."""

    class Outcome(models.TextChoices):
        CONTINUE = "continue", "Keep working on it"
        RESOLVED = "resolved", "The panel judges it resolved"
        WITHDRAWN = "withdrawn", "Withdraw it"
        SUPERSEDED = "superseded", "Replace it with another priority"

    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="reviews")
    meeting = models.ForeignKey("panels.Meeting", on_delete=models.PROTECT, related_name="reviews")
    note = models.TextField(max_length=4000)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.CONTINUE)

    class Meta:
        ordering = ["-meeting__starts_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "meeting"], name="panels_one_review_per_meeting")
        ]

    def __str__(self) -> str:
        return f"Review of {self.priority}"


class Statement(AuditedModel):
    """The "You said, we did" statement of a priority: drafted by the team, approved by the sergeant,
    then published. Public pages and the API show only published statements
    (sn.panels.selectors.published_statements), and a statement is published only once approved."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting the sergeant's approval"
        APPROVED = "approved", "Approved"

    priority = models.OneToOneField(Priority, on_delete=models.PROTECT, related_name="statement")
    you_said = models.TextField("you said", max_length=1000)
    we_did = models.TextField("we did", max_length=2000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    returned_note = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(status="approved", approved_at__isnull=False),
                name="panels_statement_published_only_when_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"You said, we did: {self.priority}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
