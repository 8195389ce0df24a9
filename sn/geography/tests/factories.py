"""Factories for the geography. Every area is a square on one grid of 0.01 degrees (about 700 m by
1.1 km) west of central London, so that each boundary is valid and its centroid and area agree with it.

The test world (sn.testing.world) lays its wards along row 0 of the grid; a factory puts each new area
in a square of its own from row 10 up, so that areas made by factories overlap neither the world nor
each other unless a test says where they go.
"""

import factory
from factory.django import DjangoModelFactory
from shapely.geometry import MultiPolygon, box

from sn.core.tests.factories import fake
from sn.geography import geometry
from sn.geography.models import Borough, Cluster, Force, Neighbourhood

ORIGIN_LNG, ORIGIN_LAT, SIZE = -0.20, 51.50, 0.01
FACTORY_FIRST_ROW, FACTORY_ROW_LENGTH = 10, 100


def square(col: int, row: int = 0) -> MultiPolygon:
    """The square of the grid at column `col` (eastwards) and row `row` (northwards)."""
    x = ORIGIN_LNG + col * SIZE
    y = ORIGIN_LAT + row * SIZE
    return geometry.as_multipolygon(box(x, y, x + SIZE, y + SIZE))


def next_free_square(n: int) -> MultiPolygon:
    return square(n % FACTORY_ROW_LENGTH, FACTORY_FIRST_ROW + n // FACTORY_ROW_LENGTH)


class ForceFactory(DjangoModelFactory):
    class Meta:
        model = Force

    class Params:
        county = fake("county")

    code = factory.Sequence(lambda n: f"force-{n}")
    name = factory.LazyAttribute(lambda o: f"{o.county} Police")


class BoroughFactory(DjangoModelFactory):
    """A borough whose boundary is `area` (by default a free square of the grid)."""

    class Meta:
        model = Borough

    class Params:
        area = factory.Sequence(next_free_square)

    force = factory.SubFactory(ForceFactory)
    # E08 (metropolitan districts), so that no borough made here takes a code of the world's (E09).
    code = factory.Sequence(lambda n: f"E08{n:06d}")
    name = fake("city")
    boundary = factory.LazyAttribute(lambda o: geometry.to_geojson(o.area))
    display_boundary = factory.LazyAttribute(lambda o: geometry.to_geojson(geometry.display_version(o.area)))


class ClusterFactory(DjangoModelFactory):
    """A cluster with no inspector: give one with `inspector=OfficerFactory(rank=Rank.INSPECTOR)`."""

    class Meta:
        model = Cluster

    class Params:
        place = fake("city")

    borough = factory.SubFactory(BoroughFactory)
    code = factory.Sequence(lambda n: f"CL-{n:04d}")
    name = factory.LazyAttribute(lambda o: f"{o.place} cluster")


class NeighbourhoodFactory(DjangoModelFactory):
    """A ward of a new borough and cluster, whose boundary, display boundary, centroid and area are all
    measured from `area` (by default a free square of the grid)."""

    class Meta:
        model = Neighbourhood

    class Params:
        area = factory.Sequence(next_free_square)

    borough = factory.SubFactory(BoroughFactory)
    cluster = factory.SubFactory(ClusterFactory, borough=factory.SelfAttribute("..borough"))
    kind = Neighbourhood.Kind.WARD
    code = factory.Sequence(lambda n: f"E05{n:06d}")
    police_uk_id = factory.SelfAttribute("code")
    name = fake("city")
    population = fake("random_int", min=6_000, max=20_000)
    population_year = 2021
    population_source = "ONS Census 2021, usual residents"
    boundary = factory.LazyAttribute(lambda o: geometry.to_geojson(o.area))
    display_boundary = factory.LazyAttribute(lambda o: geometry.to_geojson(geometry.display_version(o.area)))
    centroid_lat = factory.LazyAttribute(lambda o: o.area.centroid.y)
    centroid_lng = factory.LazyAttribute(lambda o: o.area.centroid.x)
    area_hectares = factory.LazyAttribute(lambda o: geometry.area_hectares(o.area))
