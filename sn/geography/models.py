"""Force > borough > cluster > neighbourhood. Geometries are GeoJSON in WGS84 (lng, lat)."""

from django.db import models

from sn.core.models import AuditedModel

GEOMETRY_FIELDS = frozenset({"boundary", "display_boundary"})


class Force(AuditedModel):
    code = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)

    def __str__(self) -> str:
        return self.name


class Borough(AuditedModel):
    """A borough operational command unit; its code is the local authority's GSS code."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="boroughs")
    code = models.CharField(max_length=9, unique=True)
    name = models.CharField(max_length=200)
    boundary = models.TextField(help_text="GeoJSON MultiPolygon, WGS84")
    display_boundary = models.TextField(help_text="Simplified GeoJSON for maps")

    audit_summarised_fields = GEOMETRY_FIELDS

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Cluster(AuditedModel):
    """Four to eight adjacent neighbourhoods under one inspector."""

    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="clusters")
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    inspector = models.ForeignKey(
        "teams.Officer", null=True, blank=True, on_delete=models.SET_NULL, related_name="clusters_commanded"
    )

    class Meta:
        ordering = ["borough__name", "code"]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(AuditedModel):
    """A ward, or an exceptional non-ward area such as a town centre or a cross-border triangle."""

    class Kind(models.TextChoices):
        WARD = "ward", "Ward"
        NON_WARD = "non_ward", "Non-ward area"

    borough = models.ForeignKey(Borough, on_delete=models.PROTECT, related_name="neighbourhoods")
    cluster = models.ForeignKey(
        Cluster, null=True, blank=True, on_delete=models.SET_NULL, related_name="neighbourhoods"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.WARD)
    code = models.CharField(max_length=20, unique=True, help_text="GSS code for a ward")
    police_uk_id = models.CharField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(null=True, blank=True)
    population_source = models.CharField(max_length=255, blank=True)
    boundary = models.TextField(help_text="GeoJSON MultiPolygon, WGS84")
    display_boundary = models.TextField(help_text="Simplified GeoJSON for maps")
    centroid_lat = models.FloatField()
    centroid_lng = models.FloatField()
    area_hectares = models.FloatField()
    neighbours = models.ManyToManyField("self", symmetrical=True, blank=True)

    audit_summarised_fields = GEOMETRY_FIELDS

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["borough", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_ward(self) -> bool:
        return self.kind == self.Kind.WARD
