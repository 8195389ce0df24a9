"""Placing rows that have no coordinates: LSOA code -> ward code -> neighbourhood.

The shipped lookup (data/lsoa_wards.csv.gz, built by scripts/build_demo_incidents.py) maps every London
LSOA of the 2011 and 2021 vintages to the 2022 ward that contains a point inside it, because police.uk
files carry 2011 codes up to 2022-02, a mix until 2023-05 and 2021 codes after. It names wards by GSS
code, so it places rows only in a force whose neighbourhood codes are those ward codes (the demo force).
"""

import csv
import gzip
from functools import lru_cache
from pathlib import Path

from sn.geography.models import Neighbourhood

LOOKUP_PATH = Path(__file__).resolve().parent / "data" / "lsoa_wards.csv.gz"


@lru_cache(maxsize=4)
def lsoa_ward_codes(path: Path = LOOKUP_PATH) -> dict[str, str]:
    if not path.exists():
        return {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return {row["lsoa_code"]: row["ward_code"] for row in csv.DictReader(handle)}


def lsoa_neighbourhoods(ward_codes: dict[str, str] | None = None) -> dict[str, int]:
    """LSOA code -> neighbourhood id, for the LSOAs whose ward is a neighbourhood in the database."""
    ward_codes = lsoa_ward_codes() if ward_codes is None else ward_codes
    ids = dict(Neighbourhood.objects.filter(code__in=set(ward_codes.values())).values_list("code", "id"))
    return {lsoa: ids[ward] for lsoa, ward in ward_codes.items() if ward in ids}
