"""The demographic tables shipped in sn/profiles/data agree with the ward populations the geography
ships, read as the import reads them, and are what scripts/build_demographics_data.py makes."""

import csv
import gzip
import subprocess
import sys
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from sn.profiles.demographics import AGE, IMD_AVERAGE_RANK, IMD_DECILE, IMD_OVERALL, SHIPPED_TABLES
from sn.profiles.importing import COLUMNS

REPO = Path(__file__).resolve().parents[3]
WARD_POPULATIONS = REPO / "sn/geography/data/ward_populations.csv"
SHARED = REPO.parent / "shared/data"
AGE_FILE, IMD_FILE = SHIPPED_TABLES
# Built on the Olympic Park after 2011: no 2011 LSOA has its population centre there.
NO_2011_LSOA = {"E05013925"}


def _rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert tuple(reader.fieldnames) == COLUMNS
        return list(reader)


def _populations() -> dict[str, int]:
    with open(WARD_POPULATIONS, encoding="utf-8", newline="") as handle:
        return {row["code"]: int(row["population"]) for row in csv.DictReader(handle)}


def test_each_wards_age_bands_add_up_to_its_shipped_population():
    totals: dict[str, int] = defaultdict(int)
    bands: dict[str, list[str]] = defaultdict(list)
    for row in _rows(AGE_FILE):
        assert row["measure"] == AGE and row["year"] == "2021"
        totals[row["area_code"]] += int(row["value"])
        bands[row["area_code"]].append(row["category"])
    populations = _populations()
    assert totals == populations
    assert sum(totals.values()) == 8_791_031
    assert {tuple(b) for b in bands.values()} == {
        ("0 to 15", "16 to 24", "25 to 34", "35 to 49", "50 to 64", "65 and over")
    }


def test_camden_wards_say_their_totals_are_ons_own():
    sources = {row["area_code"]: row["source"] for row in _rows(AGE_FILE)}
    camden = [code for code, source in sources.items() if "ONS ward totals" in source]
    assert len(camden) == 20


def test_every_ward_but_one_built_since_2011_has_deprivation_deciles_and_ranks():
    deciles: dict[str, dict[str, int]] = defaultdict(dict)
    ranks: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for row in _rows(IMD_FILE):
        assert row["year"] == "2019"
        if row["measure"] == IMD_DECILE:
            deciles[row["area_code"]][row["category"]] = int(row["value"])
        else:
            assert row["measure"] == IMD_AVERAGE_RANK
            ranks[row["area_code"]][row["category"]] = Decimal(row["value"])
    assert set(deciles) == set(_populations()) - NO_2011_LSOA == set(ranks)
    # London's 2011 LSOAs outside the City, each counted once.
    assert sum(sum(d.values()) for d in deciles.values()) == 4_835 - 6
    assert all(list(d) == [str(n) for n in range(1, 11)] for d in deciles.values())
    assert all(len(r) == 8 and 1 <= r[IMD_OVERALL] <= 32_844 for r in ranks.values())


@pytest.mark.skipif(not SHARED.exists(), reason="the raw data (../shared/data) is not on this machine")
def test_the_build_script_makes_the_shipped_files_byte_for_byte(tmp_path):
    subprocess.run(
        [sys.executable, str(REPO / "scripts/build_demographics_data.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for shipped in SHIPPED_TABLES:
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name
