"""Residents' concerns: what someone raised, through which channel, about what and where (stages 3-4)."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from sn.concerns.taxonomy import TOPICS, Topic
from sn.core.models import ArchivableModel


class Channel(models.TextChoices):
    ENGAGEMENT_EVENT = "engagement_event", "Engagement event"
    KIN_INTERVIEW = "kin_interview", "Key Individual Network interview"
    PANEL = "panel", "Ward panel"
    SURVEY = "survey", "Survey"
    VISUAL_AUDIT = "visual_audit", "Environmental visual audit"
    REPRESENTATIVE = "representative", "Letter from an MP or councillor"
    COMPLAINT = "complaint", "Complaint"
    MEDIA = "media", "Media"
    FEEDBACK = "feedback", "Feedback (online, in person, by phone)"
    OTHER = "other", "Other"


class Concern(ArchivableModel):
    """One concern raised by a resident, business or group, in one ward. A point, when known, decides
    the ward (sn.concerns.services.concern_create). `source` says where it was raised in words
    ("Street briefing, High Street, 3 May"); the record that raised it (an event, an interview, an
    audit finding) links to the concern from its own app, which is above this one."""

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="concerns"
    )
    raised_on = models.DateField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    topic = models.CharField(max_length=30, choices=Topic.choices)
    description = models.TextField(max_length=2000)
    location = models.CharField(max_length=255, blank=True, help_text="Street or place, in words")
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=255, blank=True)
    # The record that raised it (an engagement event, a KIN interview, a panel meeting, an audit finding),
    # in an app above this one: a generic link, so that a concern can lead back to it (its
    # get_absolute_url()) without this app importing theirs. Optional: a letter or a complaint has none.
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    source_record = GenericForeignKey("source_type", "source_id")

    class Meta:
        ordering = ["-raised_on", "-id"]
        indexes = [
            models.Index(fields=["neighbourhood", "raised_on"]),
            # The analysis and the ward panel count a ward's concerns by topic over a period.
            models.Index(fields=["neighbourhood", "topic", "raised_on"], name="concerns_ward_topic_idx"),
            models.Index(fields=["source_type", "source_id"], name="concerns_source_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_topic_display()} ({self.raised_on:%d %b %Y})"

    @property
    def category(self) -> str | None:
        """The police.uk category whose incidents measure this concern."""
        return TOPICS[self.topic].category

    @property
    def young_people(self) -> bool:
        return TOPICS[self.topic].young_people

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None
