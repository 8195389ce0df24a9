"""Patrol areas for tests: a circle in the middle of a world ward."""

import json

import factory
from factory.django import DjangoModelFactory
from shapely.geometry import shape

from sn.patrols.models import PatrolArea


def ward_centre(ward) -> tuple[float, float]:
    point = shape(json.loads(ward.boundary)).representative_point()
    return point.y, point.x


class PatrolAreaFactory(DjangoModelFactory):
    class Meta:
        model = PatrolArea

    name = factory.Sequence(lambda n: f"High Street {n}")
    kind = PatrolArea.Kind.TOWN_CENTRE
    centre_lat = factory.LazyAttribute(lambda o: ward_centre(o.neighbourhood)[0])
    centre_lng = factory.LazyAttribute(lambda o: ward_centre(o.neighbourhood)[1])
    radius_m = 400


def world_areas(world) -> dict[str, PatrolArea]:
    """A patrol area at each level of the access matrix, made once per world: here (a1), another ward
    of the cluster (a3), another cluster of the borough (a5), another borough (b1)."""
    if hasattr(world, "_patrol_areas"):
        return world._patrol_areas
    made = {
        key: PatrolAreaFactory(neighbourhood=world.wards[ward])
        for key, ward in (("here", "a1"), ("cluster", "a3"), ("borough", "a5"), ("other", "b1"))
    }
    world._patrol_areas = made
    return made
