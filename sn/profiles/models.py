"""The ward profile's records: demographic tables keyed by area code, and the key locations and
recurring events a team records on its map (stage 1 of the cycle)."""

from django.db import models

from sn.core.models import ArchivableModel, AuditedModel


class DemographicFigure(AuditedModel):
    """One cell of a demographic table for one area: `value` people (or a rank, a share...) in
    `category` of `measure`, as `source` gave it for `year`.

    Tables arrive in long format keyed by area code (`sn import-demographics`), so a force can load
    any census table without a new model. The area is one of the force's neighbourhoods: a figure the
    platform cannot place in a ward could be neither shown nor scoped, so a table for small areas is
    summed to wards before it is loaded (scripts/build_demographics_data.py does so for the shipped
    tables). A re-import replaces the value of the same area, measure, category and year."""

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="demographic_figures"
    )
    measure = models.CharField(max_length=64, help_text="The table, as a slug: age, imd-decile, ...")
    category = models.CharField(max_length=100)
    # The category's place in its table (the order the file gave): age bands read youngest first.
    position = models.PositiveIntegerField(default=0)
    value = models.DecimalField(max_digits=18, decimal_places=6)
    source = models.CharField(max_length=255)
    year = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["neighbourhood", "measure", "-year", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "measure", "category", "year"],
                name="demographic_figure_unique_per_year",
            )
        ]
        # The profile compares a ward with its borough and the force: one measure, all their wards.
        indexes = [models.Index(fields=["measure", "year"], name="profiles_measure_year_idx")]

    def __str__(self) -> str:
        return f"{self.measure} {self.category} {self.year}"


class KeyLocation(ArchivableModel):
    """A place that shapes a ward's policing (a school at closing time, a station, an estate, a pub
    strip), placed on the map by the team. Archived when it closes or stops mattering, never deleted:
    the ward's history keeps what the team knew."""

    class Kind(models.TextChoices):
        SCHOOL = "school", "School"
        COLLEGE = "college", "College or university"
        YOUTH_CLUB = "youth_club", "Youth club"
        STATION = "station", "Station"
        TRANSPORT_HUB = "transport_hub", "Transport hub or bus interchange"
        ESTATE = "estate", "Housing estate"
        PARK = "park", "Park or open space"
        LICENSED_PREMISES = "licensed_premises", "Licensed premises"
        SHOPPING_PARADE = "shopping_parade", "Shopping parade"
        PLACE_OF_WORSHIP = "place_of_worship", "Place of worship"
        HEALTH = "health", "Hospital or health centre"
        OTHER = "other", "Other"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="key_locations"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=255, blank=True)
    description = models.TextField(max_length=1000, blank=True, help_text="Why it matters to the team")
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["neighbourhood", "archived_at"], name="profiles_location_ward_idx")]

    def __str__(self) -> str:
        return self.name


class RecurringEvent(ArchivableModel):
    """Something that happens again and again and brings people, noise or trouble: a market, a
    match day, school closing time, the weekend's nightlife. `schedule` says when in words; the next
    date lets the team plan and is kept up to date by them (a passed date is flagged as work)."""

    class Kind(models.TextChoices):
        MARKET = "market", "Market"
        FOOTBALL = "football", "Football match"
        FESTIVAL = "festival", "Festival or fair"
        SCHOOL_CLOSING = "school_closing", "School closing time"
        NIGHTLIFE = "nightlife", "Nightlife weekend"
        OTHER = "other", "Other"

    neighbourhood = models.ForeignKey(
        "geography.Neighbourhood", on_delete=models.PROTECT, related_name="recurring_events"
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    name = models.CharField(max_length=200)
    schedule = models.CharField(max_length=200, help_text="When it happens, in words")
    next_date = models.DateField(null=True, blank=True)
    location = models.CharField(max_length=255, blank=True, help_text="Where, in words")
    description = models.TextField(max_length=1000, blank=True)
    expected_attendance = models.PositiveIntegerField(null=True, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        ordering = ["next_date", "name"]
        indexes = [models.Index(fields=["neighbourhood", "archived_at"], name="profiles_event_ward_idx")]

    def __str__(self) -> str:
        return self.name
