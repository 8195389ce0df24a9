"""Engagement events (stage 2), and the structured results two kinds carry: the findings of an
environmental visual audit and the answers to a local perception survey (seed 004). Both become
concerns (sn.concerns), linked back from here: this app is above concerns."""

from django.db import models
from django.urls import reverse
from django.utils import timezone

from sn.concerns.taxonomy import Topic
from sn.core.models import ArchivableModel, AuditedModel


class EventKind(models.TextChoices):
    PUBLIC_MEETING = "public_meeting", "Public meeting"
    PANEL_MEETING = "panel_meeting", "Ward panel meeting"
    STREET_BRIEFING = "street_briefing", "Street briefing"
    CONTACT_POINT = "contact_point", "Contact point or surgery"
    SCHOOL_VISIT = "school_visit", "School or youth-club visit"
    SURVEY = "survey", "Local perception survey"
    VISUAL_AUDIT = "visual_audit", "Environmental visual audit"
    DOOR_KNOCKING = "door_knocking", "Door-knocking"
    ONLINE = "online", "Online session"
    FOCUS_GROUP = "focus_group", "Focus or stakeholder group"
    OTHER = "other", "Other"


# Kinds held somewhere other than a street or a building: they need no place on the map.
PLACELESS_KINDS = frozenset({EventKind.ONLINE})


class EventStatus(models.TextChoices):
    UPCOMING = "upcoming", "Upcoming"
    TO_WRITE_UP = "to-write-up", "To write up"
    WRITTEN_UP = "written-up", "Written up"


class Event(ArchivableModel):
    """One engagement event of a ward's team. Archived, not deleted: its notes can name people, and a
    cancelled event is archived with the reason, so its history stays."""

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="engagement_events"
    )
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    venue = models.CharField(
        max_length=255, blank=True, help_text="A named place: a hall, a school, a corner"
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    # An officer of the team, or someone else named in words (a partner, a councillor): one of the two.
    led_by = models.ForeignKey(
        "teams.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="led_events"
    )
    led_by_name = models.CharField(max_length=200, blank=True)
    public = models.BooleanField(
        default=False, help_text="Public events are listed on the public pages; others stay internal"
    )
    attendance = models.PositiveIntegerField(null=True, blank=True)
    notes = models.TextField(blank=True, max_length=5000)
    written_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["neighbourhood", "starts_at"]),
            # The home page's "to write up": past events with no write-up.
            models.Index(fields=["written_up_at", "starts_at"], name="engagement_to_write_up_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d %b %Y})"

    def get_absolute_url(self) -> str:
        return reverse("engagement:event", args=[self.pk])

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_written_up(self) -> bool:
        return self.written_up_at is not None

    def status(self, now=None) -> EventStatus:
        now = now or timezone.now()
        if self.starts_at > now:
            return EventStatus.UPCOMING
        return EventStatus.WRITTEN_UP if self.is_written_up else EventStatus.TO_WRITE_UP

    @property
    def leader(self) -> str:
        """Who led it, in words."""
        if self.led_by_id:
            return f"{self.led_by.get_rank_display()} {self.led_by.full_name}"
        return self.led_by_name

    @property
    def place(self) -> str:
        if self.kind in PLACELESS_KINDS and not self.venue:
            return "Online"
        return self.venue or ("A point on the map" if self.located else "")

    @property
    def day(self):
        return timezone.localdate(self.starts_at)


class AuditItem(models.TextChoices):
    """The checklist of an environmental visual audit: the signals of disorder residents read a street by
    (seed 000's signal crimes)."""

    GRAFFITI = "graffiti", "Graffiti"
    LITTER = "litter", "Litter and fly-tipping"
    LIGHTING = "lighting", "Damaged or poor street lighting"
    ABANDONED_VEHICLE = "abandoned_vehicle", "Abandoned vehicle"
    DRUG_LITTER = "drug_litter", "Drug litter (needles, foil, nitrous oxide canisters)"
    VANDALISM = "vandalism", "Vandalism"
    EMPTY_PREMISES = "empty_premises", "Empty or boarded-up premises"
    VEGETATION = "vegetation", "Overgrown vegetation"
    PAVING = "paving", "Broken paving or street furniture"
    OTHER = "other", "Other"


# The topic of the concern each finding becomes. Items with no police.uk category of their own (lighting,
# empty premises, vegetation, paving) are "other": they go to the council, and the analysis does not
# pretend they are measured by a crime category.
ITEM_TOPICS: dict[str, str] = {
    AuditItem.GRAFFITI: Topic.CRIMINAL_DAMAGE,
    AuditItem.VANDALISM: Topic.CRIMINAL_DAMAGE,
    AuditItem.LITTER: Topic.ASB_LITTER,
    AuditItem.DRUG_LITTER: Topic.ASB_DRUG_LITTER,
    AuditItem.ABANDONED_VEHICLE: Topic.ASB_VEHICLES,
    AuditItem.LIGHTING: Topic.OTHER,
    AuditItem.EMPTY_PREMISES: Topic.OTHER,
    AuditItem.VEGETATION: Topic.OTHER,
    AuditItem.PAVING: Topic.OTHER,
    AuditItem.OTHER: Topic.OTHER,
}
assert set(ITEM_TOPICS) == set(AuditItem.values), "every checklist item needs a topic"


class Severity(models.TextChoices):
    MINOR = "minor", "Minor"
    MODERATE = "moderate", "Moderate"
    SERIOUS = "serious", "Serious"


class Finding(AuditedModel):
    """One thing an environmental visual audit found, at a point in the ward, and the concern it became."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="findings")
    item = models.CharField(max_length=20, choices=AuditItem.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    note = models.TextField(blank=True, max_length=2000)
    location = models.CharField(max_length=255, blank=True, help_text="Street or place, in words")
    latitude = models.FloatField()
    longitude = models.FloatField()
    concern = models.OneToOneField("concerns.Concern", on_delete=models.PROTECT, related_name="audit_finding")

    class Meta:
        ordering = ["event", "id"]

    def __str__(self) -> str:
        return f"{self.get_item_display()} ({self.get_severity_display().lower()})"

    def get_absolute_url(self) -> str:
        return reverse("engagement:event", args=[self.event_id]) + f"#finding-{self.pk}"

    @property
    def topic(self) -> str:
        return ITEM_TOPICS[self.item]


class SafeAfterDark(models.TextChoices):
    YES = "yes", "Yes"
    MOSTLY = "mostly", "Mostly"
    NO = "no", "No"
    DONT_KNOW = "dont_know", "Don't know"


# The answers counted as feeling safe, as the borough survey's "feel safe after dark" counts "very" and
# "fairly" safe.
FEELS_SAFE = (SafeAfterDark.YES, SafeAfterDark.MOSTLY)


class OfficerTime(models.TextChoices):
    """When residents want officers around: the field that stores each answer is `wants_<value>`."""

    WEEKDAY_DAY = "weekday_day", "Weekday daytime"
    WEEKDAY_EVENING = "weekday_evening", "Weekday evening"
    WEEKDAY_NIGHT = "weekday_night", "Weekday night"
    WEEKEND_DAY = "weekend_day", "Weekend daytime"
    WEEKEND_EVENING = "weekend_evening", "Weekend evening"
    WEEKEND_NIGHT = "weekend_night", "Weekend night"


def time_field(time: str) -> str:
    return f"wants_{time}"


class SurveyResponse(AuditedModel):
    """One respondent's answers to a local perception survey. No personal data: no name, address or age,
    so that a response can never identify who gave it."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="responses")
    worry = models.CharField(
        max_length=30, choices=Topic.choices, blank=True, help_text="What worries them most; blank: nothing"
    )
    safe_after_dark = models.CharField(max_length=10, choices=SafeAfterDark.choices)
    # One column per time, rather than a list in one, so that the counts are one aggregate query.
    wants_weekday_day = models.BooleanField(default=False)
    wants_weekday_evening = models.BooleanField(default=False)
    wants_weekday_night = models.BooleanField(default=False)
    wants_weekend_day = models.BooleanField(default=False)
    wants_weekend_evening = models.BooleanField(default=False)
    wants_weekend_night = models.BooleanField(default=False)
    concern = models.OneToOneField(
        "concerns.Concern", null=True, blank=True, on_delete=models.PROTECT, related_name="survey_response"
    )

    class Meta:
        ordering = ["event", "id"]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.event}"

    def get_absolute_url(self) -> str:
        return reverse("engagement:event", args=[self.event_id]) + "#responses"

    @property
    def times(self) -> list[str]:
        return [t for t in OfficerTime.values if getattr(self, time_field(t))]
