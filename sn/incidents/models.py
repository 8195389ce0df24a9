"""Crime and ASB records from police.uk open data, their monthly rollup, and import runs."""

from django.conf import settings
from django.db import models

from sn.incidents.categories import Category


class Incident(models.Model):
    """One street-level crime or ASB incident as police.uk publishes it.

    `source_key` is the identity that makes re-imports add nothing: the Crime ID for crimes; for ASB
    rows (no Crime ID) a hash of the row's fields and its occurrence number among identical rows in
    the same file. Bulk-loaded: the import run is the audit record (see ImportRun).
    """

    source_key = models.CharField(max_length=64, unique=True)
    # Not indexed: for a crime the Crime ID is also the source_key, whose unique index serves lookups,
    # and every extra index on random 64-character keys slows the bulk upsert.
    crime_id = models.CharField(max_length=64, blank=True)
    month = models.DateField(help_text="First day of the month")
    category = models.CharField(max_length=30, choices=Category.choices)
    reported_by = models.CharField(max_length=100, blank=True)
    falls_within = models.CharField(max_length=100, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    location = models.CharField(max_length=255, blank=True, help_text='police.uk "On or near ..." text')
    lsoa_code = models.CharField(max_length=9, blank=True)
    lsoa_name = models.CharField(max_length=100, blank=True)
    last_outcome_category = models.CharField(max_length=120, blank=True)
    last_outcome_month = models.DateField(null=True, blank=True)
    context = models.TextField(blank=True)
    # The (neighbourhood, month) index below serves lookups by neighbourhood too.
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="incidents", db_index=False
    )
    placed = models.BooleanField(
        default=False, help_text="A point placed inside the ward from a count, not a recorded location (demo)"
    )

    class Meta:
        indexes = [
            models.Index(fields=["neighbourhood", "month"]),
            models.Index(fields=["month", "category"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.month:%Y-%m} {self.location}"


class CountSource(models.TextChoices):
    """Where a monthly count comes from. Each source is kept apart (IncidentCount) so that a rebuild
    touches only the source a file brought, and one source never adds to another."""

    RECORDS = "records", "Recorded incidents (police.uk records)"
    PLACED = "placed", "Points placed from counts (demo)"
    COUNTS = "counts", "Counts only (no records)"


# When several sources cover a month and category, the first of these is the one counted: records
# replace the points placed from counts, which replace bare counts.
PRECEDENCE = (CountSource.RECORDS, CountSource.PLACED, CountSource.COUNTS)


class Coverage(models.Model):
    """The explicit record that a source holds a month and category for the whole force: what the
    completeness of a comparison is judged from (never guessed from counts, which can be zero).

    A street file covers the categories its rows bring for each of its months; a counts table covers
    every month and category it has a column and row for, zeros included."""

    month = models.DateField()
    category = models.CharField(max_length=30, choices=Category.choices)
    source = models.CharField(max_length=10, choices=CountSource.choices)
    label = models.CharField(max_length=255, blank=True, help_text="What the figures are, in words")
    import_run = models.ForeignKey(
        "incidents.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["month", "category", "source"], name="coverage_unique")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.category}: {self.source}"


class IncidentCount(models.Model):
    """The ledger behind IncidentMonthly: counts per area, month, category and source. Records and
    placed points are recounted from Incident; counts-only figures are stored as they were loaded."""

    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    category = models.CharField(max_length=30, choices=Category.choices)
    source = models.CharField(max_length=10, choices=CountSource.choices)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "month", "category", "source"], name="incident_count_unique"
            )
        ]
        indexes = [models.Index(fields=["month", "category", "source"])]

    def __str__(self) -> str:
        return f"{self.neighbourhood_id} {self.month:%Y-%m} {self.category} {self.source}: {self.count}"


class IncidentMonthly(models.Model):
    """Counts per neighbourhood, month and category: what profiles and demand read. For each month and
    category, the counts of the first source in PRECEDENCE that covers it (sn.incidents.rollup)."""

    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    category = models.CharField(max_length=30, choices=Category.choices)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "month", "category"], name="incident_monthly_unique"
            )
        ]
        indexes = [models.Index(fields=["month", "category"])]

    def __str__(self) -> str:
        return f"{self.neighbourhood_id} {self.month:%Y-%m} {self.category}: {self.count}"


class StopSearch(models.Model):
    """One stop and search from the police.uk stop-and-search CSV."""

    source_key = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=60)
    occurred_at = models.DateTimeField()
    part_of_policing_operation = models.BooleanField(null=True)
    policing_operation = models.CharField(max_length=200, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    gender = models.CharField(max_length=20, blank=True)
    age_range = models.CharField(max_length=20, blank=True)
    self_defined_ethnicity = models.CharField(max_length=200, blank=True)
    officer_defined_ethnicity = models.CharField(max_length=60, blank=True)
    legislation = models.CharField(max_length=200, blank=True)
    object_of_search = models.CharField(max_length=120, blank=True)
    outcome = models.CharField(max_length=120, blank=True)
    outcome_linked_to_object = models.BooleanField(null=True)
    removal_of_clothing = models.BooleanField(null=True)
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stops",
        help_text="Empty when the record has no location",
    )

    class Meta:
        indexes = [models.Index(fields=["neighbourhood", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.type} {self.occurred_at:%Y-%m-%d}"


class ImportRun(models.Model):
    """One file imported (or refused): the audit record of a bulk import."""

    class Kind(models.TextChoices):
        STREET = "street", "Street-level crime"
        OUTCOMES = "outcomes", "Outcomes"
        STOPS = "stops", "Stop and search"

    class Status(models.TextChoices):
        IMPORTED = "imported", "Imported"
        REJECTED = "rejected", "Rejected (nothing written)"

    started_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Who ran it, kept when the user is deleted or when they are not a user (an operating-system
    # account running the command): the audit trail's actor_label.
    actor_label = models.CharField(max_length=150, blank=True)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices)
    rows_read = models.PositiveIntegerField(default=0)
    imported = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    outside_area = models.PositiveIntegerField(default=0)
    # Each figure counts rows of one kind (sn.incidents.reporting.FileResult says which).
    repeated = models.PositiveIntegerField(default=0)
    other_force = models.PositiveIntegerField(default=0)
    no_location = models.PositiveIntegerField(default=0)
    not_held = models.PositiveIntegerField(default=0)
    replaced = models.PositiveIntegerField(
        default=0, help_text="Placed demo points that this file's records replaced"
    )
    rejected = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"


class SnapPoint(models.Model):
    """An anonymous map point that crimes are published at (sn.incidents.disclosure): a location police.uk
    published (its own anonymised map points, which cover a street segment or a landmark), or the centre
    of a cell of our published grid where a ward has none near. The id is stable: the police.uk API
    serves it as a crime's street "id" and as "location_id"."""

    class Source(models.TextChoices):
        POLICE_UK = "police_uk", "A published police.uk location"
        GRID = "grid", "A cell of the published grid"

    id = models.BigAutoField(primary_key=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    name = models.CharField(max_length=255, help_text='"On or near Marquis Street"')
    neighbourhood = models.ForeignKey("geography.Neighbourhood", on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=Source.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "latitude", "longitude"], name="snap_point_unique_place"
            )
        ]
        indexes = [models.Index(fields=["latitude"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.latitude:.5f}, {self.longitude:.5f})"


class PublishedCrime(models.Model):
    """One crime or ASB incident as the public may see it: at a snap point, or with its location withheld
    (snap_point None) under disclosure control. Rebuilt from Incident by sn.incidents.disclosure; what
    the public crime map and the police.uk-compatible API read, never Incident itself."""

    id = models.BigIntegerField(primary_key=True, help_text="The Incident's id")
    persistent_id = models.CharField(max_length=64, blank=True, help_text='The Crime ID; "" for ASB')
    month = models.DateField(help_text="First day of the month")
    category = models.CharField(max_length=30, choices=Category.choices)
    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    snap_point = models.ForeignKey(
        SnapPoint,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="crimes",
        db_index=False,
        help_text="None: the location is withheld",
    )
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    street_name = models.CharField(max_length=255, blank=True)
    outcome_category = models.CharField(max_length=120, blank=True)
    outcome_month = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["month", "latitude"]),
            models.Index(fields=["month", "neighbourhood"]),
            models.Index(fields=["snap_point", "month"]),
            # outcomes-for-crime looks a crime up by it; ASB has none, so they are left out of the index.
            models.Index(
                fields=["persistent_id"], condition=~models.Q(persistent_id=""), name="published_crime_pid"
            ),
        ]

    def __str__(self) -> str:
        where = self.street_name or "location withheld"
        return f"{self.get_category_display()} {self.month:%Y-%m} {where}"
