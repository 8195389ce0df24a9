"""A tasking meeting and what hangs from it: the partners' people who came (users who came are linked
directly), the decisions, the actions with their owners and due dates, each open action's follow-up at
the next meeting of the same group, and the pack the meeting worked from."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from sn.core.models import AuditedModel


class TaskingMeeting(AuditedModel):
    class Kind(models.TextChoices):
        TASKING_GROUP = "tasking_group", "Safer Neighbourhoods tasking group"
        JOINT_ACTION_GROUP = "joint_action_group", "Joint action group with the council"

    borough = models.ForeignKey(
        "geography.Borough", on_delete=models.PROTECT, related_name="tasking_meetings"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TASKING_GROUP)
    held_on = models.DateField("date")
    place = models.CharField(max_length=200, blank=True)
    chair = models.CharField(max_length=200, help_text="Who chairs it, by name and post")
    attendees = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    notes = models.TextField(max_length=8000, blank=True, help_text="Minutes or a summary of the discussion")

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["borough", "kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.borough.name}, {self.held_on:%-d %B %Y}"


class Guest(AuditedModel):
    """Someone at the meeting who does not sign in here: a council officer, a housing manager."""

    meeting = models.ForeignKey(TaskingMeeting, on_delete=models.PROTECT, related_name="guests")
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        "accounts.PartnerOrganisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    post = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Decision(AuditedModel):
    meeting = models.ForeignKey(TaskingMeeting, on_delete=models.PROTECT, related_name="decisions")
    text = models.TextField("decision", max_length=2000)
    # What it is about, when it is about one case.
    case = models.ForeignKey(
        "problemsolving.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.text[:80]


class Action(AuditedModel):
    """Something the meeting asked someone to do by a date. It stays open until a later meeting of the
    same group records it done or dropped; each meeting it stays open, it is carried forward."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    meeting = models.ForeignKey(TaskingMeeting, on_delete=models.PROTECT, related_name="actions")
    description = models.CharField(max_length=500)
    # A user who signs in owns it (and sees it on their home page when overdue), or a named person.
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_name = models.CharField(max_length=200, blank=True)
    due_on = models.DateField("due by")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    done_on = models.DateField(null=True, blank=True)
    case = models.ForeignKey(
        "problemsolving.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"]), models.Index(fields=["owner_user", "status"])]
        constraints = [
            models.CheckConstraint(
                name="tasking_action_has_an_owner",
                condition=Q(owner_user__isnull=False) | ~Q(owner_name=""),
            ),
            models.CheckConstraint(
                name="tasking_action_done_on_when_done",
                condition=~Q(status="done") | Q(done_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def owner_label(self) -> str:
        return str(self.owner_user) if self.owner_user_id else self.owner_name


class FollowUp(AuditedModel):
    """What a meeting made of an action still open from an earlier one."""

    class Outcome(models.TextChoices):
        DONE = "done", "Done"
        CARRIED_FORWARD = "carried_forward", "Carried forward"
        DROPPED = "dropped", "Dropped"

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="follow_ups")
    meeting = models.ForeignKey(TaskingMeeting, on_delete=models.PROTECT, related_name="follow_ups")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    note = models.TextField(max_length=2000, blank=True, help_text="Why it was carried forward or dropped")
    # Carried forward: the new date it is due by.
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["action", "meeting"], name="tasking_one_follow_up_per_meeting")
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.action}"


class MeetingPack(AuditedModel):
    """The papers a meeting worked from, assembled by sn.tasking.pack as the borough stood on `as_at`
    and kept as assembled: the record of what the group saw, whatever changes after."""

    meeting = models.OneToOneField(TaskingMeeting, on_delete=models.PROTECT, related_name="pack")
    as_at = models.DateField()
    prepared_on = models.DateField()
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A list of sections: key, title, as_at, summary (lines), tables (caption, headers, rows), note.
    sections = models.JSONField(default=list)

    audit_summarised_fields = frozenset({"sections"})

    def __str__(self) -> str:
        return f"Pack for {self.meeting}"
