"""Non-ward areas: a town-centre team, or a team where several boroughs meet.

A non-ward area is an overlay on the wards (docs/adr/0005-non-ward-areas-are-overlays.md). Every
resident and every incident belongs to exactly one ward; an overlay counts those inside it as well,
and borough, cluster and force totals add up wards only. So an overlay's population is the people
living inside it, from the small areas (2021 LSOAs) beneath it: never taken from, or added to, a ward.
"""

import json
from pathlib import Path

from django.db import transaction

from sn.core.audit import audit_actor
from sn.geography.geometry import (
    area_hectares,
    as_multipolygon,
    display_version,
    parse_area,
    to_geojson,
)
from sn.geography.importing import BoundaryFileError
from sn.geography.locate import current_locator
from sn.geography.models import Neighbourhood
from sn.geography.population import SmallAreas, shipped_small_areas

UNKNOWN_POPULATION = "Not known: the small-area populations held do not cover this area"


def non_ward_area_create(
    *,
    code: str,
    name: str,
    police_uk_id: str,
    geometry,
    description: str = "",
    small_areas: SmallAreas | None = None,
    actor=None,
) -> Neighbourhood:
    """Create or update a non-ward area. It belongs to the borough and cluster of the ward holding
    most of it (the Crystal Palace Triangle touches four boroughs; its team reports to one); its
    residents are its share of `small_areas` (default: the shipped 2021 LSOAs) by area."""
    geometry = as_multipolygon(geometry)
    overlaps = current_locator().overlaps(geometry)
    if not overlaps:
        raise ValueError(f"{name}: it lies outside every ward of the force")
    home_id = max(overlaps, key=lambda overlap: (overlap[1], -overlap[0]))[0]
    home = Neighbourhood.objects.select_related("borough", "cluster").get(id=home_id)
    small_areas = small_areas or shipped_small_areas()
    share = small_areas.share_within(geometry)
    centre = geometry.centroid
    values = {
        "kind": Neighbourhood.Kind.NON_WARD,
        "name": name,
        "police_uk_id": police_uk_id,
        "description": description,
        "borough": home.borough,
        "cluster": home.cluster,
        "boundary": to_geojson(geometry),
        "display_boundary": to_geojson(display_version(geometry), precision=5),
        "centroid_lat": round(centre.y, 6),
        "centroid_lng": round(centre.x, 6),
        "area_hectares": round(area_hectares(geometry), 2),
        # An area the small areas do not cover gets no figure rather than an undercount.
        "population": round(share.population) if share.known else None,
        "population_year": small_areas.year if share.known else None,
        "population_source": small_areas.source if share.known else UNKNOWN_POPULATION,
    }
    with transaction.atomic(), audit_actor(actor):
        area, _ = Neighbourhood.objects.update_or_create(code=code, defaults=values)
    return area


def non_ward_areas_import(
    *, path: Path, small_areas: SmallAreas | None = None, actor=None
) -> list[Neighbourhood]:
    """Create or update the non-ward areas of a GeoJSON file (properties code, name, description,
    optionally police_uk_id); all or nothing."""
    features = json.loads(Path(path).read_text(encoding="utf-8"))["features"]
    problems, parsed = [], []
    for index, feature in enumerate(features):
        properties = feature.get("properties") or {}
        try:
            parsed.append((properties, parse_area(feature.get("geometry"))))
        except ValueError as exc:
            problems.append(f"feature {index} (code {properties.get('code')}): {exc}")
    if problems:
        raise BoundaryFileError(problems)
    with transaction.atomic(), audit_actor(actor, f"non-ward areas {Path(path).name}"):
        return [
            non_ward_area_create(
                code=properties["code"],
                name=properties["name"],
                police_uk_id=properties.get("police_uk_id") or properties["code"].lower(),
                geometry=geometry,
                description=properties.get("description", ""),
                small_areas=small_areas,
                actor=actor,
            )
            for properties, geometry in parsed
        ]
