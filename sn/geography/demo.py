"""The demo force's geography: the real Met boroughs and 2022 wards, populations, clusters and the
non-ward teams of seeds 000 and 003. Boundaries and populations are real (sn/geography/data, with
attribution)."""

import csv
from pathlib import Path

from sn.geography import services as geo
from sn.geography.importing import FieldMap
from sn.geography.models import Force
from sn.geography.non_ward import circle, non_ward_area_create

DATA_DIR = Path(__file__).resolve().parent / "data"
CITY_OF_LONDON = "E09000001"  # policed by the City of London Police, not the Met

NON_WARD_AREAS = [
    # code, name, lat, lng, radius in metres, description (seed 000 and 003 describe these teams)
    (
        "NW-CPT",
        "Crystal Palace Triangle",
        51.4190,
        -0.0755,
        450,
        "A cross-border team where five boroughs meet, for problems that do not follow ward lines.",
    ),
    (
        "NW-SBG",
        "Shepherd's Bush Green town centre",
        51.5043,
        -0.2218,
        350,
        "A town-centre team for one of the borough's busiest centres, working round the clock.",
    ),
    (
        "NW-FBW",
        "Fulham Broadway town centre",
        51.4801,
        -0.1954,
        300,
        "A town-centre team for the Fulham Broadway night-time economy.",
    ),
    (
        "NW-WES",
        "West End (Oxford Street)",
        51.5152,
        -0.1418,
        500,
        "An extra team for the West End's shopping streets.",
    ),
]


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
    for code, name, lat, lng, radius, description in NON_WARD_AREAS:
        non_ward_area_create(
            code=code,
            name=name,
            police_uk_id=code.lower(),
            geometry=circle(lat, lng, radius),
            description=description,
        )
    geo.neighbours_recompute()
    return force
