""" "Your Voice Counts": a resident's message about a ward, its team or a whole borough, and the replies
the borough's handlers send.

The sender's details and every free text (their message, the replies, the closing note) are personal
data: the trail records that they changed, never their values (`audit_summarised_fields`), and
`feedback_erase_expired` blanks them once the message has been closed longer than the retention period,
leaving the message as an anonymous count (its borough, ward, kind, category, dates and outcome).
"""

from django.conf import settings
from django.db import models

from sn.core.models import AuditedModel


class Kind(models.TextChoices):
    PRAISE = "praise", "Praise"
    COMPLAINT = "complaint", "Complaint"
    SUGGESTION = "suggestion", "Suggestion"
    JOIN = "join", "Joining the ward panel or the Key Individual Network"


class ReplyBy(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    POST = "post", "Post"
    NONE = "none", "No reply needed"


class Status(models.TextChoices):
    NEW = "new", "New"
    TRIAGED = "triaged", "Being handled"
    REPLIED = "replied", "Replied"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = (Status.NEW, Status.TRIAGED, Status.REPLIED)


class Category(models.TextChoices):
    """What a message is about, set at triage: the themes the borough counts (seed 003 found feedback
    handled one message at a time, with little thematic analysis)."""

    VISIBILITY = "visibility", "Visibility and patrols"
    RESPONSE = "response", "Response to a call or report"
    ASB = "asb", "Anti-social behaviour"
    CRIME = "crime", "Crime in the area"
    PRIORITIES = "priorities", "The ward's priorities"
    COMMUNICATION = "communication", "Keeping people informed"
    MEETINGS = "meetings", "Panel meetings and engagement"
    CONDUCT = "conduct", "An officer's or staff member's conduct"
    JOINING = "joining", "Joining the panel or the KIN"
    OTHER = "other", "Something else"


class Outcome(models.TextChoices):
    ANSWERED = "answered", "Answered"
    PUT_RIGHT = "put_right", "Put right"
    PASSED_TO_TEAM = "passed_to_team", "Passed to the team"
    JOINED = "joined", "Put in touch with the panel or the KIN"
    REFERRED_TO_PROFESSIONAL_STANDARDS = "referred_psd", "Referred to professional standards"
    NO_FURTHER_ACTION = "no_further_action", "No further action"
    NO_CONTACT = "no_contact", "Could not contact the sender"


# Outcomes that close a message whose sender wanted a reply, though no reply is recorded.
CLOSES_WITHOUT_REPLY = (Outcome.REFERRED_TO_PROFESSIONAL_STANDARDS, Outcome.NO_CONTACT)


class FeedbackMessage(AuditedModel):
    """One message from the public form. `neighbourhood` is empty for a message about the whole borough."""

    reference = models.CharField(max_length=20, unique=True)
    borough = models.ForeignKey(
        "geography.Borough", on_delete=models.PROTECT, related_name="feedback_messages"
    )
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="feedback_messages",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    about_conduct = models.BooleanField(
        default=False, help_text="A complaint about the conduct of a police officer or member of staff"
    )
    message = models.TextField(blank=True)
    reply_by = models.CharField(max_length=10, choices=ReplyBy.choices)
    sender_name = models.CharField(max_length=200, blank=True)
    sender_email = models.EmailField(blank=True)
    sender_phone = models.CharField(max_length=30, blank=True)
    sender_address = models.TextField(blank=True)
    received_at = models.DateTimeField()
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="feedback_handled",
    )
    assigned_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    closing_note = models.TextField(blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    PERSONAL_FIELDS = (
        "message",
        "sender_name",
        "sender_email",
        "sender_phone",
        "sender_address",
        "closing_note",
    )
    audit_summarised_fields = frozenset(PERSONAL_FIELDS)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["borough", "status"]),
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["closed_at"]),
        ]

    def __str__(self) -> str:
        # The trail's object_repr: the reference and kind, never the sender.
        return f"{self.reference} ({self.get_kind_display().lower()})"

    @property
    def area_name(self) -> str:
        return self.neighbourhood.name if self.neighbourhood_id else f"{self.borough.name} (whole borough)"

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    @property
    def wants_reply(self) -> bool:
        return self.reply_by != ReplyBy.NONE

    @property
    def contact_for_reply(self) -> str:
        """Where a reply goes, by the sender's chosen method."""
        return {
            ReplyBy.EMAIL: self.sender_email,
            ReplyBy.PHONE: self.sender_phone,
            ReplyBy.POST: self.sender_address,
        }.get(self.reply_by, "")


class FeedbackReply(AuditedModel):
    """A reply to the sender, as the handler wrote it. It is sent by email from the service when email
    is configured (settings.SN_FEEDBACK_REPLY_FROM); otherwise the handler sends it and records it here."""

    feedback = models.ForeignKey(FeedbackMessage, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField(blank=True)
    method = models.CharField(max_length=10, choices=ReplyBy.choices)
    sent_by_service = models.BooleanField(
        default=False, help_text="Emailed by the service, rather than sent by the handler and recorded"
    )
    replied_at = models.DateTimeField()
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    audit_summarised_fields = frozenset({"text"})

    class Meta:
        ordering = ["replied_at", "id"]

    def __str__(self) -> str:
        return f"Reply to {self.feedback.reference} by {self.get_method_display().lower()}"
