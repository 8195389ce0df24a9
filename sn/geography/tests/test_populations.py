"""Ward populations are Census 2021 usual residents, each with its source and year (issue 8, item 6).

The shipped file stands alone; where ../shared/data is present, the figures are checked against the
census itself and the build script is checked to make the shipped files again, byte for byte.
"""

import csv
import gzip
import json
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from sn.geography.demo import DATA_DIR

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED = REPO_ROOT.parent / "shared" / "data"
CAMDEN = "E09000007"
THRESHOLD = 14_000  # the demo establishment policy's 1-2-6 threshold
CAMDEN_CENSUS_2021 = 210_039  # ONS Census 2021 usual residents, Camden's wards


@cache
def shipped_populations() -> dict[str, dict]:
    with open(DATA_DIR / "ward_populations.csv", newline="", encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


@cache
def ward_boroughs() -> dict[str, str]:
    with gzip.open(DATA_DIR / "wards.geojson.gz", "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return {f["properties"]["code"]: f["properties"]["borough_code"] for f in features}


def needs_shared_data(path: str) -> Path:
    full = SHARED / path
    if not full.exists():
        pytest.skip(f"{full} is absent: the raw data folder ../shared/data is needed for this check")
    return full


def test_every_ward_has_a_census_2021_population_with_its_source_and_year():
    populations = shipped_populations()
    assert set(populations) == set(ward_boroughs())
    for row in populations.values():
        assert int(row["population"]) > 0
        assert row["year"] == "2021"
        assert row["source"].startswith("ONS Census 2021, usual residents")


def test_camdens_wards_add_up_to_the_census_and_none_has_the_enhanced_establishment():
    camden = [
        int(row["population"])
        for code, row in shipped_populations().items()
        if ward_boroughs()[code] == CAMDEN
    ]
    assert len(camden) == 20
    # Mid-2020 estimates gave 279,645 and put 14 of the 20 wards over the threshold.
    assert sum(camden) == CAMDEN_CENSUS_2021
    assert max(camden) < THRESHOLD


def test_each_boroughs_wards_add_up_to_its_lsoas_in_the_census():
    census = needs_shared_data("population/census2021_usual_residents_age6_lsoa21_london.csv.gz")
    lookup = needs_shared_data("lookups/lsoa21_msoa21_lad22_london.csv")
    with open(lookup, newline="", encoding="utf-8") as handle:
        borough_of_lsoa = {row["LSOA21CD"]: row["LAD22CD"] for row in csv.DictReader(handle)}
    expected: Counter = Counter()
    with gzip.open(census, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            expected[borough_of_lsoa[row["lsoa21_code"]]] += int(row["usual_residents"])
    shipped: Counter = Counter()
    wards: Counter = Counter()
    for code, row in shipped_populations().items():
        shipped[ward_boroughs()[code]] += int(row["population"])
        wards[ward_boroughs()[code]] += 1
    assert len(shipped) == 32
    for borough, total in shipped.items():
        if borough == CAMDEN:
            continue  # ONS's own ward figures, 71 fewer than the perturbed LSOA cells
        # Each ward's share is rounded to a whole person.
        assert abs(total - expected[borough]) <= wards[borough] / 2, borough


def test_the_build_script_makes_the_shipped_files_again(tmp_path):
    needs_shared_data("population/census2021_usual_residents_age6_lsoa21_london.csv.gz")
    subprocess.run(
        [sys.executable, str(REPO_ROOT / "scripts" / "build_demo_data.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("ward_populations.csv", "non_ward_areas.geojson", "lsoa_populations.geojson.gz"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name
