"""Patrol areas (town centres and hotspots), the weekly plans proposed from demand, and the patrols that
happened. A slot keeps its own start and end so that plan against delivery is one query, not a
calendar computed in Python for every week."""

import json
import math
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from shapely.affinity import scale
from shapely.geometry import Point, shape

from sn.core.models import AuditedModel

METRES_PER_DEGREE_LAT = 111_320


class PatrolArea(AuditedModel):
    class Kind(models.TextChoices):
        TOWN_CENTRE = "town_centre", "Town centre"
        HOTSPOT = "hotspot", "Hotspot"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="patrol_areas"
    )
    # Either a boundary (GeoJSON Polygon or MultiPolygon, WGS84) or a centre point with a radius.
    boundary = models.TextField(blank=True)
    centre_lat = models.FloatField(null=True, blank=True)
    centre_lng = models.FloatField(null=True, blank=True)
    radius_m = models.PositiveIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)
    # Problem-solving cases working on the area beyond those of its ward, linked by hand.
    cases = models.ManyToManyField("problemsolving.Case", blank=True, related_name="patrol_areas")

    class Meta:
        ordering = ["neighbourhood__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display().lower()})"

    def shape(self):
        """The area as a shapely geometry in longitude/latitude: a circle is an ellipse in degrees, a
        degree of longitude being shorter than one of latitude away from the equator."""
        if self.boundary:
            return shape(json.loads(self.boundary))
        radius = (self.radius_m or 0) / METRES_PER_DEGREE_LAT
        circle = Point(self.centre_lng, self.centre_lat).buffer(radius, 32)
        return scale(circle, xfact=1 / math.cos(math.radians(self.centre_lat)), yfact=1)


class PatrolPlan(AuditedModel):
    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ADOPTED = "adopted", "Adopted"

    area = models.ForeignKey(PatrolArea, on_delete=models.CASCADE, related_name="plans")
    week_start = models.DateField(help_text="The Monday the week starts")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    generated_from = models.TextField(blank=True, help_text="The demand the plan was proposed from, in words")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["area", "-week_start"]
        constraints = [models.UniqueConstraint(fields=["area", "week_start"], name="one_patrol_plan_a_week")]

    def __str__(self) -> str:
        return f"{self.area.name}, week of {self.week_start:%d %b %Y} ({self.get_status_display().lower()})"


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class PatrolSlot(AuditedModel):
    plan = models.ForeignKey(PatrolPlan, on_delete=models.CASCADE, related_name="slots")
    day = models.PositiveSmallIntegerField(help_text="0 Monday to 6 Sunday")
    start_hour = models.PositiveSmallIntegerField()
    hours = models.PositiveSmallIntegerField()
    officers = models.PositiveSmallIntegerField(default=2)
    demand = models.FloatField(default=0, help_text="Demand in the slot's hours of an average week")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # The local day the slot starts: lets the delivery check read only the duties of three days.
    date = models.DateField()

    class Meta:
        ordering = ["plan", "starts_at"]
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="patrol_slot_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day_name} {self.start_hour:02d}:00 for {self.hours} h"

    @property
    def day_name(self) -> str:
        return DAYS[self.day]

    @property
    def label(self) -> str:
        end = (self.start_hour + self.hours) % 24
        return f"{DAYS[self.day]} {self.start_hour:02d}:00-{end:02d}:00"


class PatrolRecord(AuditedModel):
    class Source(models.TextChoices):
        DUTY = "duty", "Duty"
        BRIEFING = "briefing", "Briefing"
        MANUAL = "manual", "Logged by hand"

    area = models.ForeignKey(PatrolArea, on_delete=models.CASCADE, related_name="records")
    officer = models.ForeignKey(
        "teams.Officer", null=True, blank=True, on_delete=models.PROTECT, related_name="patrols"
    )
    duty = models.ForeignKey(
        "workforce.Duty", null=True, blank=True, on_delete=models.SET_NULL, related_name="patrols"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField()
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MANUAL)
    note = models.CharField(max_length=255, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["area", "-started_at"]
        indexes = [models.Index(fields=["area", "started_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ended_at__gt=F("started_at")), name="patrol_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"Patrol of {self.area.name} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def duration(self) -> timedelta:
        return self.ended_at - self.started_at
