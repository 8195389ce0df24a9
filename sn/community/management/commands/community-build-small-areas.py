"""`sn community-build-small-areas [--shared PATH]`: rebuild sn/community/data/lsoa_age_bands.geojson.gz
from the raw public data in shared/data (see its SOURCES.md).

Every London 2021 LSOA outside the City of London (whose wards the force does not police), with its
Census 2021 usual residents in the six age bands of sn.community.models.AgeBand. Polygons are ONS's
20 m generalised boundaries, simplified again by about 20 m and rounded to 5 decimal places (about a
metre) to keep the file small: the gap view shares LSOAs among wards and places points in them, where
20 m along a boundary changes nothing it shows. Deterministic: the same inputs give the same bytes.
"""

import csv
import gzip
import io
import json
from collections import defaultdict
from pathlib import Path

import shapely
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sn.community.small_areas import AGE_BANDS, DATA_FILE

BOUNDARIES = "boundaries/london_lsoa_2021_ONS_gen20_wgs84.geojson.gz"
AGES = "population/census2021_usual_residents_age6_lsoa21_london.csv.gz"
CITY_OF_LONDON = "E09000001"
SIMPLIFY_DEGREES = 0.0002
GRID = 1e-5
# The census file's labels, in the order of AGE_BANDS.
CENSUS_AGE_LABELS = (
    "Aged 15 years and under",
    "Aged 16 to 24 years",
    "Aged 25 to 34 years",
    "Aged 35 to 49 years",
    "Aged 50 to 64 years",
    "Aged 65 years and over",
)


class Command(BaseCommand):
    help = "Rebuild the shipped LSOA age-band data for the community gap view from shared/data."

    def add_arguments(self, parser):
        parser.add_argument(
            "--shared",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared" / "data",
            help="the shared data folder (default: ../shared/data beside the repository)",
        )

    def handle(self, *args, shared: Path, **options):
        for relative in (BOUNDARIES, AGES):
            if not (shared / relative).exists():
                raise CommandError(f"{shared / relative} is missing; nothing was written")
        ages = _ages(shared / AGES)
        with gzip.open(shared / BOUNDARIES, "rt", encoding="utf-8") as handle:
            features = json.load(handle)["features"]
        out = []
        for feature in sorted(features, key=lambda f: f["properties"]["LSOA21CD"]):
            props = feature["properties"]
            if props["LAD22CD"] == CITY_OF_LONDON:
                continue
            code = props["LSOA21CD"]
            if code not in ages:
                raise CommandError(f"LSOA {code} has no census ages in {AGES}; nothing was written")
            geometry = shapely.from_geojson(json.dumps(feature["geometry"]))
            geometry = shapely.set_precision(
                geometry.simplify(SIMPLIFY_DEGREES, preserve_topology=True), GRID
            )
            out.append(
                {
                    "type": "Feature",
                    "properties": {
                        "code": code,
                        "name": props["LSOA21NM"],
                        "borough_code": props["LAD22CD"],
                        "ages": ages[code],
                    },
                    "geometry": json.loads(shapely.to_geojson(geometry)),
                }
            )
        body = json.dumps({"type": "FeatureCollection", "features": out}, separators=(",", ":"))
        buffer = io.BytesIO()
        with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9, mtime=0) as handle:
            handle.write(body.encode("utf-8"))
        DATA_FILE.parent.mkdir(parents=True, exist_ok=True)
        DATA_FILE.write_bytes(buffer.getvalue())
        self.stdout.write(f"Wrote {len(out)} LSOAs to {DATA_FILE} ({len(buffer.getvalue()):,} bytes)")


def _ages(path: Path) -> dict[str, list[int]]:
    by_code: dict[str, dict[str, int]] = defaultdict(dict)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            by_code[row["lsoa21_code"]][row["age_group"]] = int(row["usual_residents"])
    if len(CENSUS_AGE_LABELS) != len(AGE_BANDS):
        raise CommandError("the census age labels and the age bands differ in number")
    return {code: [bands.get(label, 0) for label in CENSUS_AGE_LABELS] for code, bands in by_code.items()}
