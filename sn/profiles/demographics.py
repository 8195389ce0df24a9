"""The demographic tables the profile knows how to show, and the ones shipped with the platform.

A force may load any table (`sn import-demographics`); the profile shows each as a table of its
categories. Three measures it reads more closely, with charts and words: the age structure and the two
deprivation measures, as scripts/build_demographics_data.py writes them (docs/how-to/demographics.md).
"""

from pathlib import Path

AGE = "age"  # usual residents by age band, youngest band first
IMD_DECILE = "imd-decile"  # small areas (LSOAs) of the ward in each national decile, "1" to "10"
IMD_AVERAGE_RANK = "imd-average-rank"  # their mean rank, overall and per domain
SPECIAL_MEASURES = frozenset({AGE, IMD_DECILE, IMD_AVERAGE_RANK})

IMD_OVERALL = "Index of Multiple Deprivation"
# England's 2011 LSOAs, ranked by IMD 2019 from 1 (most deprived) to this.
IMD_AREAS_IN_ENGLAND = 32_844

DATA_DIR = Path(__file__).resolve().parent / "data"
SHIPPED_TABLES = (DATA_DIR / "ward_age_census2021.csv.gz", DATA_DIR / "ward_imd2019.csv.gz")


def decile_label(decile: int) -> str:
    if decile == 1:
        return "1 (most deprived 10%)"
    if decile == 10:
        return "10 (least deprived 10%)"
    return str(decile)
