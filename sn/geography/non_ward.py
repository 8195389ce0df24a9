"""Exceptional non-ward areas: a town-centre team, or a team where several boroughs meet."""

import math

from django.db import transaction
from shapely import affinity
from shapely.geometry import Point

from sn.core.audit import audit_actor
from sn.geography.geometry import (
    area_hectares,
    as_multipolygon,
    display_version,
    from_geojson_text,
    to_geojson,
)
from sn.geography.locate import Locator
from sn.geography.models import Neighbourhood


def circle(lat: float, lng: float, radius_m: float):
    """A circle of radius_m metres as a lng/lat polygon (an ellipse in degrees)."""
    unit = Point(lng, lat).buffer(1.0, quad_segs=16)
    return affinity.scale(
        unit,
        xfact=radius_m / (111_320 * math.cos(math.radians(lat))),
        yfact=radius_m / 110_574,
        origin=(lng, lat),
    )


def non_ward_area_create(
    *, code: str, name: str, police_uk_id: str, geometry, description: str = "", actor=None
) -> Neighbourhood:
    """Create or update a non-ward area. Its borough, cluster and population come from the wards it
    overlaps: borough and cluster of the ward under its centre, population shared by overlap area."""
    geometry = as_multipolygon(geometry)
    wards = list(Neighbourhood.objects.filter(kind=Neighbourhood.Kind.WARD))
    shapes = [from_geojson_text(w.boundary) for w in wards]
    centre = geometry.centroid
    home = Locator.build(list(range(len(wards))), shapes).locate(centre.y, centre.x)
    if home is None:
        raise ValueError(f"{name}: its centre is outside every ward of the force")
    population = 0.0
    for ward, shape in zip(wards, shapes, strict=True):
        if ward.population and shape.intersects(geometry):
            population += ward.population * shape.intersection(geometry).area / shape.area
    values = {
        "kind": Neighbourhood.Kind.NON_WARD,
        "name": name,
        "police_uk_id": police_uk_id,
        "description": description,
        "borough": wards[home].borough,
        "cluster": wards[home].cluster,
        "boundary": to_geojson(geometry),
        "display_boundary": to_geojson(display_version(geometry), precision=5),
        "centroid_lat": round(centre.y, 6),
        "centroid_lng": round(centre.x, 6),
        "area_hectares": round(area_hectares(geometry), 2),
        "population": round(population),
        "population_year": wards[home].population_year,
        "population_source": "Share of overlapping wards' populations by area",
    }
    with transaction.atomic(), audit_actor(actor):
        area, _ = Neighbourhood.objects.update_or_create(code=code, defaults=values)
    return area
