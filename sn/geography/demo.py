"""The demo force's geography: the real Met boroughs and 2022 wards, Census 2021 populations, clusters
and the non-ward teams of seeds 000 and 003. Boundaries and populations are real; the non-ward areas
are drawn from real streets (scripts/draw_non_ward_areas.py). Sources in sn/geography/data/ATTRIBUTION.md."""

import csv
from pathlib import Path

from sn.geography import services as geo
from sn.geography.importing import FieldMap
from sn.geography.models import Force
from sn.geography.non_ward import non_ward_areas_import

DATA_DIR = Path(__file__).resolve().parent / "data"
CITY_OF_LONDON = "E09000001"  # policed by the City of London Police, not the Met


def met_geography_load() -> Force:
    """The Met's boroughs and 2022 wards from the shipped boundaries (the City left out)."""
    force = geo.force_get_or_create(code="metropolitan", name="Metropolitan Police Service")
    geo.boroughs_import(
        path=DATA_DIR / "boroughs.geojson.gz", force=force, skip_codes=frozenset({CITY_OF_LONDON})
    )
    geo.neighbourhoods_import(
        path=DATA_DIR / "wards.geojson.gz",
        fields=FieldMap(code="code", name="name", parent="borough_code"),
        skip_parents=frozenset({CITY_OF_LONDON}),
    )
    return force


def geography_demo_load(*, progress=print) -> Force:
    progress("Loading borough and ward boundaries ...")
    force = met_geography_load()
    with open(DATA_DIR / "ward_populations.csv", newline="", encoding="utf-8") as handle:
        geo.populations_set(rows=list(csv.DictReader(handle)))
    progress("Grouping wards into clusters ...")
    for borough in force.boroughs.all():
        geo.clusters_build(borough=borough)
    # Overlays on the wards (ADR 0005): their residents come from the LSOAs beneath them.
    non_ward_areas_import(path=DATA_DIR / "non_ward_areas.geojson")
    geo.neighbours_recompute()
    return force
