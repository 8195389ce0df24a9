"""Who lives where in a ward, by small area and age: the 2021 LSOAs beneath it with their Census 2021
usual residents in six age bands, for the gap view (sn.community.gap).

The data ships in sn/community/data/lsoa_age_bands.geojson.gz (every London LSOA outside the City,
about 20 m generalised; `sn community-build-small-areas` rebuilds it from shared/data). A ward's share
of an LSOA is the share of the LSOA's area inside it, as the ward populations on the ward page were
worked out, so the two agree to within the generalisation of the boundaries.
"""

import gzip
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import shapely

from sn.community.models import AgeBand

DATA_FILE = Path(__file__).resolve().parent / "data" / "lsoa_age_bands.geojson.gz"
SOURCE = "ONS Census 2021, usual residents by age, 2021 LSOAs shared with the ward by area"
YEAR = 2021
# Below this share of its area inside a ward an LSOA is a sliver along the boundary (a drawing
# difference, not people): it is left out, and the ward's people come from the LSOAs that remain. A
# small non-ward area (a town centre of a few hectares) holds only parts of LSOAs: there a part counts
# when it covers this share of the area itself.
MIN_SHARE = 0.1
AGE_BANDS = tuple(AgeBand)  # the order of each LSOA's `ages` in the data file


@dataclass(frozen=True)
class SmallAreaTable:
    codes: tuple[str, ...]
    names: tuple[str, ...]
    borough_codes: tuple[str, ...]
    ages: np.ndarray  # one row per LSOA, one column per AGE_BANDS
    geometries: np.ndarray
    tree: shapely.STRtree

    @classmethod
    def from_features(cls, features: list[dict]) -> "SmallAreaTable":
        geometries = np.asarray(
            [shapely.from_geojson(json.dumps(f["geometry"])) for f in features], dtype=object
        )
        return cls(
            codes=tuple(f["properties"]["code"] for f in features),
            names=tuple(f["properties"]["name"] for f in features),
            borough_codes=tuple(f["properties"]["borough_code"] for f in features),
            ages=np.asarray([f["properties"]["ages"] for f in features], dtype=float).reshape(
                -1, len(AGE_BANDS)
            ),
            geometries=geometries,
            tree=shapely.STRtree(geometries),
        )


@cache
def shipped_table() -> SmallAreaTable:
    with gzip.open(DATA_FILE, "rt", encoding="utf-8") as handle:
        return SmallAreaTable.from_features(json.load(handle)["features"])


@dataclass(frozen=True)
class WardSmallArea:
    """The part of one LSOA inside a ward, and the residents living in that part by age band."""

    code: str
    name: str
    geometry: object  # the part inside the ward
    share: float  # of the LSOA's area
    ages: dict[str, float]

    @property
    def population(self) -> float:
        return sum(self.ages.values())


def ward_small_areas(
    boundary_geojson: str, borough_code: str, table: SmallAreaTable | None = None
) -> list[WardSmallArea]:
    """The LSOAs of the ward's own borough under its boundary (LSOAs nest in boroughs, so one across
    the border is only a drawing difference), largest share of the ward's people first."""
    table = table or shipped_table()
    ward = shapely.from_geojson(boundary_geojson)
    hits = table.tree.query(ward, predicate="intersects")
    parts = []
    for index in hits.tolist():
        if table.borough_codes[index] != borough_code:
            continue
        lsoa = table.geometries[index]
        inside = shapely.intersection(lsoa, ward)
        share = float(inside.area / lsoa.area) if lsoa.area else 0.0
        if share < MIN_SHARE and inside.area < MIN_SHARE * ward.area:
            continue
        ages = {band.value: float(table.ages[index][i]) * share for i, band in enumerate(AGE_BANDS)}
        parts.append(WardSmallArea(table.codes[index], table.names[index], inside, min(share, 1.0), ages))
    return sorted(parts, key=lambda part: (-part.population, part.code))


def locate_in(parts: list[WardSmallArea], points: list[tuple[float, float]]) -> list[str | None]:
    """The code of the small area each (latitude, longitude) lies in, None for none of them."""
    if not points:
        return []
    lats = np.asarray([p[0] for p in points], dtype=float)
    lngs = np.asarray([p[1] for p in points], dtype=float)
    found: list[str | None] = [None] * len(points)
    for part in parts:
        inside = shapely.contains_xy(part.geometry, lngs, lats)
        for i in np.flatnonzero(inside).tolist():
            if found[i] is None:
                found[i] = part.code
    return found
