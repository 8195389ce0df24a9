"""Community queries: a question from a resident or business, on the Guarantee's clock until a
substantive reply. `due_at` is fixed at receipt, so a change of the national clock applies to queries
received after it, never retrospectively."""

from django.conf import settings
from django.db import models

from sn.core.models import AuditedModel


class Channel(models.TextChoices):
    PUBLIC_FORM = "form", "Public form"
    EMAIL = "email", "E-mail logged by staff"
    MEETING = "meeting", "Meeting note"
    PHONE = "phone", "Phone call"


class SenderKind(models.TextChoices):
    RESIDENT = "resident", "Resident"
    BUSINESS = "business", "Business"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    ANSWERED = "answered", "Answered"
    ESCALATED = "escalated", "Escalated"
    CLOSED = "closed", "Closed"


class ReplyKind(models.TextChoices):
    ACKNOWLEDGEMENT = "ack", "Acknowledgement"
    SUBSTANTIVE = "substantive", "Substantive answer"
    # Written after the substantive answer (news, a correction): the clock it stopped stays stopped.
    FOLLOW_UP = "follow_up", "Follow-up"


# What a person may write: long enough for any real query, short enough that a paste of a whole document
# (or a program's flood) is refused with a message rather than stored.
SUBJECT_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 5000
REPLY_MAX_LENGTH = 5000


class CommunityQuery(AuditedModel):
    reference = models.CharField(max_length=20, unique=True)
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="community_queries"
    )
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="community_queries"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    sender_kind = models.CharField(max_length=10, choices=SenderKind.choices, default=SenderKind.RESIDENT)
    # Personal data: blanked by query_sender_erase (erased_at says when).
    sender_name = models.CharField(max_length=200, blank=True)
    sender_email = models.EmailField(blank=True)
    sender_phone = models.CharField(max_length=30, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    subject = models.CharField(max_length=SUBJECT_MAX_LENGTH)
    text = models.TextField()
    received_at = models.DateTimeField()
    due_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    warned_at = models.DateTimeField(null=True, blank=True)  # supervisors alerted: clock nearly out
    escalated_at = models.DateTimeField(null=True, blank=True)
    breach_notified_at = models.DateTimeField(null=True, blank=True)  # sender told how to seek recourse
    closed_at = models.DateTimeField(null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_queries_assigned",
    )

    class Meta:
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["received_at"]),
            models.Index(fields=["status", "due_at"]),
        ]
        verbose_name_plural = "community queries"

    def __str__(self) -> str:
        return f"{self.reference}: {self.subject}"


class QueryReply(AuditedModel):
    query = models.ForeignKey(CommunityQuery, on_delete=models.CASCADE, related_name="replies")
    kind = models.CharField(max_length=12, choices=ReplyKind.choices)
    text = models.TextField()
    sent_at = models.DateTimeField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["sent_at", "id"]
