"""The residents of any area, from small areas (2021 LSOAs) and their Census populations.

A non-ward area is an overlay (docs/adr/0005-non-ward-areas-are-overlays.md): its residents are the
people living inside it, already counted in the wards beneath. They are worked out from the LSOAs under
it, each contributing the share of its usual residents that the share of its area inside the overlay
would hold if they were evenly spread (an LSOA is about 1,600 people, so the error is small).
"""

import gzip
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import shapely

DATA_DIR = Path(__file__).resolve().parent / "data"
SHIPPED_SMALL_AREAS = DATA_DIR / "lsoa_populations.geojson.gz"
CENSUS_2021 = 2021
OVERLAY_SOURCE = "ONS Census 2021, usual residents: the share of each 2021 LSOA beneath, by area"
# Below this share of an area covered by small areas, a population would be a guess: none is given.
MIN_COVERAGE = 0.98


@dataclass(frozen=True)
class PopulationShare:
    population: float
    covered: float  # the share of the area that the small areas cover, 0 to 1
    by_borough: dict[str, float] = field(default_factory=dict)  # residents counted from each borough

    @property
    def known(self) -> bool:
        return self.covered >= MIN_COVERAGE


@dataclass(frozen=True)
class SmallAreas:
    """Small areas with their residents: codes, borough codes, populations and polygons."""

    codes: tuple[str, ...]
    borough_codes: tuple[str, ...]
    populations: np.ndarray
    geometries: np.ndarray
    year: int = CENSUS_2021
    source: str = OVERLAY_SOURCE

    @classmethod
    def build(cls, rows: list[tuple[str, str, int, object]], **kwargs) -> "SmallAreas":
        """From rows of (code, borough code, population, polygon)."""
        geometries = np.asarray([row[3] for row in rows], dtype=object)
        return cls(
            codes=tuple(row[0] for row in rows),
            borough_codes=tuple(row[1] for row in rows),
            populations=np.asarray([row[2] for row in rows], dtype=float),
            geometries=geometries,
            **kwargs,
        )

    @classmethod
    def from_geojson(cls, path: Path) -> "SmallAreas":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            features = json.load(handle)["features"]
        return cls.build(
            [
                (
                    f["properties"]["code"],
                    f["properties"]["borough_code"],
                    int(f["properties"]["population"]),
                    shapely.from_geojson(json.dumps(f["geometry"])),
                )
                for f in features
            ]
        )

    def share_within(self, geometry) -> PopulationShare:
        """The residents living inside `geometry`, by the area of each small area inside it."""
        if not self.codes or geometry.is_empty:
            return PopulationShare(population=0.0, covered=0.0)
        hits = shapely.STRtree(self.geometries).query(geometry, predicate="intersects")
        inside = shapely.area(shapely.intersection(self.geometries[hits], geometry))
        shares = self.populations[hits] * inside / shapely.area(self.geometries[hits])
        by_borough: dict[str, float] = {}
        for index, share in zip(hits.tolist(), shares.tolist(), strict=True):
            if share > 0:
                borough = self.borough_codes[index]
                by_borough[borough] = by_borough.get(borough, 0.0) + share
        return PopulationShare(
            population=float(shares.sum()),
            covered=min(1.0, float(inside.sum()) / geometry.area),
            by_borough=by_borough,
        )


@cache
def shipped_small_areas() -> SmallAreas:
    """The 2021 LSOAs shipped with the demo data (those near its non-ward areas; see ATTRIBUTION.md)."""
    return SmallAreas.from_geojson(SHIPPED_SMALL_AREAS)
