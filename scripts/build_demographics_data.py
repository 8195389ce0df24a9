"""Build the demographic tables shipped in sn/profiles/data, in the import's long format.

Reads the raw public data in shared/data (see shared/data/SOURCES.md) and writes, for the 679 London
2022 wards of sn/geography/data (City of London excluded):

* ward_age_census2021.csv.gz - usual residents by age (six bands), Census 2021
* ward_imd2019.csv.gz        - English Indices of Deprivation 2019: how many of the ward's 2011 LSOAs
                               fall in each national decile, and their average rank, overall and for
                               each of the seven domains

Columns: area_code, measure, category, value, source, year (what `sn import-demographics` reads).

Age. The shipped ward populations (sn/geography/data/ward_populations.csv) are reused, not worked out
again: each ward's six age bands add up to exactly its population there. The bands are found as the
populations were: each 2021 LSOA's residents in each band are shared among the 2022 wards of its own
borough by the area of the LSOA lying in each ward (scripts/demo_data_population.py); the shares are
then put in whole people by largest remainder so that they add up to the ward's population. Camden's
wards take ONS's own ward totals, so there the LSOA shares give the ages and ONS the total. The GLA
best-fit lookup (lsoa21_to_ward22_bestfit_london.csv) is not used for ages: it would give totals 7%
out from the populations on average (26% at worst), and the profile would contradict the ward page.

Deprivation. IMD 2019 ranks 2011 LSOAs; each goes whole to the 2022 ward holding its population-
weighted centroid (GLA best-fit lookup lsoa11_to_ward22_bestfit_london.csv). The average rank is the
simple mean of the ward's LSOAs' ranks (1 = most deprived of 32,844 in England): LSOAs are of similar
size (about 1,500 people in 2011), and a simple mean says what it is without a population of a third
vintage. Stratford Olympic Park has no 2011 LSOA centred in it (no one lived there in 2011) and gets no
deprivation rows; the profile says so.

Output is deterministic (sorted by ward code, then the categories in order; gzip mtime 0), so a re-run
on the same inputs gives byte-identical files.

Usage: python scripts/build_demographics_data.py [--shared PATH] [--out PATH]
"""

import argparse
import csv
import gzip
import io
import math
from collections import defaultdict
from pathlib import Path

from build_demo_data import CITY_OF_LONDON, load_all_wards
from demo_data_population import census_lsoas
from shapely.strtree import STRtree

REPO_ROOT = Path(__file__).resolve().parent.parent
WARD_POPULATIONS = REPO_ROOT / "sn/geography/data/ward_populations.csv"
HEADER = ("area_code", "measure", "category", "value", "source", "year")

AGE_MEASURE = "age"
AGE_BANDS = {  # the census file's labels, in order, and the categories shipped
    "Aged 15 years and under": "0 to 15",
    "Aged 16 to 24 years": "16 to 24",
    "Aged 25 to 34 years": "25 to 34",
    "Aged 35 to 49 years": "35 to 49",
    "Aged 50 to 64 years": "50 to 64",
    "Aged 65 years and over": "65 and over",
}
AGE_YEAR = 2021
AGE_SOURCE = "ONS Census 2021, usual residents by age: 2021 LSOAs shared among the borough's wards by area"
AGE_SOURCE_OFFICIAL = (
    "ONS Census 2021, usual residents by age: ONS ward totals, ages from 2021 LSOAs shared by area"
)

IMD_DECILE_MEASURE = "imd-decile"
IMD_RANK_MEASURE = "imd-average-rank"
IMD_YEAR = 2019
IMD_SOURCE = "MHCLG English Indices of Deprivation 2019: 2011 LSOAs by GLA best-fit lookup to 2022 wards"
IMD_DOMAINS = {  # the file's rank columns, in order, and the categories shipped
    "index_of_multiple_deprivation_imd_rank": "Index of Multiple Deprivation",
    "income_rank": "Income",
    "employment_rank": "Employment",
    "education_skills_and_training_rank": "Education, skills and training",
    "health_deprivation_and_disability_rank": "Health deprivation and disability",
    "crime_rank": "Crime",
    "barriers_to_housing_and_services_rank": "Barriers to housing and services",
    "living_environment_rank": "Living environment",
}
IMD_DECILE_COLUMN = "index_of_multiple_deprivation_imd_decile"


def read_csv(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def ward_populations() -> dict[str, tuple[int, str]]:
    """The shipped ward populations: code -> (usual residents, source)."""
    return {row["code"]: (int(row["population"]), row["source"]) for row in read_csv(WARD_POPULATIONS)}


def lsoa_ages(shared: Path) -> dict[str, list[int]]:
    """LSOA21CD -> usual residents in each age band, in the order of AGE_BANDS."""
    ages: dict[str, list[int]] = defaultdict(lambda: [0] * len(AGE_BANDS))
    order = {label: i for i, label in enumerate(AGE_BANDS)}
    for row in read_csv(shared / "population/census2021_usual_residents_age6_lsoa21_london.csv.gz"):
        ages[row["lsoa21_code"]][order[row["age_group"]]] += int(row["usual_residents"])
    return dict(ages)


def lsoa_shares(lsoas: dict[str, dict], wards: list[dict]) -> dict[str, dict[int, float]]:
    """Each LSOA's share of its residents in each ward (index into `wards`): the share of its area in
    the ward, among the wards of its own borough; an LSOA overlapping none of them goes whole to the
    nearest. The rule of scripts/demo_data_population.py share_by_area, kept per LSOA here because the
    ages need the shares and not only the totals; main() checks that the totals still agree."""
    tree = STRtree([w["geom"] for w in wards])
    shares = {}
    for code in sorted(lsoas):
        lsoa = lsoas[code]
        overlaps = {}
        for idx in tree.query(lsoa["geom"], predicate="intersects"):
            ward = wards[int(idx)]
            if ward["borough_code"] != lsoa["borough_code"]:
                continue
            area = lsoa["geom"].intersection(ward["geom"]).area
            if area > 0:
                overlaps[int(idx)] = area
        if not overlaps:
            own = [i for i, w in enumerate(wards) if w["borough_code"] == lsoa["borough_code"]]
            overlaps = {min(own, key=lambda i: wards[i]["geom"].distance(lsoa["geom"])): 1.0}
        covered = sum(overlaps.values())
        shares[code] = {idx: area / covered for idx, area in overlaps.items()}
    return shares


def whole_people(parts: list[float], total: int) -> list[int]:
    """`parts` scaled to add up to `total`, in whole people by largest remainder (ties to the earlier
    band, so the result never depends on anything but the figures)."""
    scale = total / sum(parts)
    scaled = [p * scale for p in parts]
    floors = [math.floor(s) for s in scaled]
    short = total - sum(floors)
    by_remainder = sorted(range(len(parts)), key=lambda i: (-(scaled[i] - floors[i]), i))
    for i in by_remainder[:short]:
        floors[i] += 1
    return floors


def age_rows(shared: Path, all_wards: list[dict]) -> list[tuple]:
    populations = ward_populations()
    ages = lsoa_ages(shared)
    shares = lsoa_shares(census_lsoas(shared), all_wards)
    bands = [[0.0] * len(AGE_BANDS) for _ in all_wards]
    for code, by_ward in shares.items():
        for idx, share in by_ward.items():
            for band, people in enumerate(ages[code]):
                bands[idx][band] += people * share
    rows, drift = [], []
    for idx, ward in enumerate(all_wards):
        if ward["code"] not in populations:
            continue  # the City's wards: the City of London Police's
        population, population_source = populations[ward["code"]]
        official = "ONS ward figures" in population_source
        if not official and round(sum(bands[idx])) != population:
            drift.append(ward["code"])
        source = AGE_SOURCE_OFFICIAL if official else AGE_SOURCE
        for category, people in zip(AGE_BANDS.values(), whole_people(bands[idx], population), strict=True):
            rows.append((ward["code"], AGE_MEASURE, category, str(people), source, AGE_YEAR))
    if drift:
        raise SystemExit(
            f"the LSOA shares no longer give the shipped populations for {len(drift)} wards "
            f"(first {drift[0]}): rebuild sn/geography/data first (scripts/build_demo_data.py)"
        )
    print(f"ages: {len(rows) // len(AGE_BANDS)} wards, {sum(int(r[3]) for r in rows):,} people")
    return rows


def imd_rows(shared: Path, ward_codes: set[str]) -> list[tuple]:
    lookup = {
        r["lsoa11cd"]: r["ward22cd"] for r in read_csv(shared / "lookups/lsoa11_to_ward22_bestfit_london.csv")
    }
    by_ward: dict[str, list[dict]] = defaultdict(list)
    for row in read_csv(shared / "population/imd2019_domains_ranks_deciles_lsoa11_london.csv"):
        ward = lookup.get(row["lsoa11_code"])
        if ward in ward_codes:
            by_ward[ward].append(row)
    rows = []
    for code in sorted(by_ward):
        lsoas = by_ward[code]
        deciles = [0] * 10
        for lsoa in lsoas:
            deciles[int(lsoa[IMD_DECILE_COLUMN]) - 1] += 1
        for decile, count in enumerate(deciles, start=1):
            rows.append((code, IMD_DECILE_MEASURE, str(decile), str(count), IMD_SOURCE, IMD_YEAR))
        for column, category in IMD_DOMAINS.items():
            mean = sum(int(lsoa[column]) for lsoa in lsoas) / len(lsoas)
            rows.append((code, IMD_RANK_MEASURE, category, f"{mean:.1f}", IMD_SOURCE, IMD_YEAR))
    missing = sorted(ward_codes - set(by_ward))
    print(f"deprivation: {len(by_ward)} wards; no 2011 LSOA best-fits {len(missing)}: {', '.join(missing)}")
    return rows


def write_gzip_csv(path: Path, rows: list[tuple]) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    # filename="" and mtime=0 keep the gzip header free of run-specific bytes.
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    print(f"{path.name}: {len(rows):,} rows")


def parse_args() -> tuple[Path, Path]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default="../shared/data", help="raw data folder (default: %(default)s)")
    parser.add_argument("--out", default="sn/profiles/data", help="output folder (default: %(default)s)")
    args = parser.parse_args()
    # Relative paths are anchored at the repo root so the script works from any folder.
    return (REPO_ROOT / args.shared).resolve(), (REPO_ROOT / args.out).resolve()


def main() -> None:
    shared, out = parse_args()
    out.mkdir(parents=True, exist_ok=True)
    all_wards = load_all_wards(shared)  # the City's wards too: its LSOAs' shares must go somewhere
    write_gzip_csv(out / "ward_age_census2021.csv.gz", age_rows(shared, all_wards))
    ours = {w["code"] for w in all_wards if w["borough_code"] != CITY_OF_LONDON}
    write_gzip_csv(out / "ward_imd2019.csv.gz", imd_rows(shared, ours))


if __name__ == "__main__":
    main()
