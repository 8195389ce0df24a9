"""Build the compact incident data shipped in sn/incidents/data from the raw data in ../shared/data.

Writes (see sn/incidents/data/ATTRIBUTION.md for sources, licences and method):

* met_burglary_2022-01_2024-12.csv.gz - every Met burglary row of police.uk 2022-01..2024-12, in the
  police.uk street layout (so the importer reads it as it is), coordinates rounded to 6 dp
* ward_crime_counts.csv.gz - MPS recorded crime per 2022 ward, month (2021-12..2023-11) and police.uk
  category (burglary included, so that every month of the counts is complete), the Heathrow
  aviation-security rows left out
* lsoa_wards.csv.gz - every London LSOA (2011 and 2021 codes) -> the 2022 ward holding a point inside it

Deterministic: sorted output, gzip mtime 0, so a re-run on the same inputs gives identical files.

Usage: python scripts/build_demo_incidents.py [--shared PATH] [--out PATH]
"""

import argparse
import csv
import gzip
import io
import json
from collections import defaultdict
from pathlib import Path

import shapely

REPO_ROOT = Path(__file__).resolve().parent.parent
WARDS = REPO_ROOT / "sn" / "geography" / "data" / "wards.geojson.gz"
STREET_HEADER = [
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
]
HEATHROW = "Aviation Security (SO18)"

# MPS "MajorText" (Home Office offence group) -> police.uk category slug. police.uk builds its
# categories from the same Home Office offence codes, so whole groups map across; the exceptions are
# taken by "MinorText" below. Reasons:
MAJOR_TO_CATEGORY = {
    "Arson and Criminal Damage": "criminal-damage-arson",  # police.uk "Criminal damage and arson"
    "Drug Offences": "drugs",  # trafficking and possession are both police.uk "Drugs"
    "Possession of Weapons": "possession-of-weapons",  # same group on police.uk
    "Public Order Offences": "public-order",  # same group on police.uk
    "Robbery": "robbery",  # personal and business property are both "Robbery"
    # Domestic, and business and community: both police.uk "Burglary". Kept as counts although the demo
    # loads the real burglary points: the points start in 2022-01, and a comparison needs every month.
    "Burglary": "burglary",
    "Sexual Offences": "violent-crime",  # police.uk "Violence and sexual offences"
    "Violence Against the Person": "violent-crime",  # police.uk "Violence and sexual offences"
    "Vehicle Offences": "vehicle-crime",  # theft of/from and interfering with vehicles, TWOC
    "Miscellaneous Crimes Against Society": "other-crime",  # police.uk "Other crime": forgery, perjury...
    "Historical Fraud and Forgery": "other-crime",  # one row; fraud is otherwise not on police.uk
}
MINOR_TO_CATEGORY = {  # Theft is split four ways on police.uk
    ("Theft", "Bicycle Theft"): "bicycle-theft",
    ("Theft", "Shoplifting"): "shoplifting",
    ("Theft", "Theft from Person"): "theft-from-the-person",
    ("Theft", "Other Theft"): "other-theft",
}


def write_gzip_csv(path: Path, header: list[str], rows) -> int:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(text.getvalue().encode("utf-8"))
    return count


def six_dp(text: str) -> str:
    return f"{round(float(text), 6):.6f}".rstrip("0").rstrip(".") if text else ""


def build_burglary(shared: Path, out: Path) -> int:
    rows = []
    for path in sorted((shared / "police_street" / "met_burglary").glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            assert next(reader) == STREET_HEADER, path
            for row in reader:
                row[4], row[5] = six_dp(row[4]), six_dp(row[5])
                rows.append(row)
    return write_gzip_csv(out / "met_burglary_2022-01_2024-12.csv.gz", STREET_HEADER, rows)


def category_for(major: str, minor: str) -> str:
    return MINOR_TO_CATEGORY.get((major, minor)) or MAJOR_TO_CATEGORY[major]


def build_ward_counts(shared: Path, out: Path) -> int:
    path = shared / "crime_aggregates" / "mps_ward_crime_2021-12_to_2023-11.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        months = [name for name in reader.fieldnames if name.isdigit()]
        totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * len(months))
        for row in reader:
            if row["LookUp_BoroughName"] == HEATHROW:
                continue
            category = category_for(row["MajorText"], row["MinorText"])
            counts = totals[(row["WardCode"], category)]
            for i, month in enumerate(months):
                counts[i] += int(row[month])
    header = ["ward_code", "category", *(f"{m[:4]}-{m[4:]}" for m in months)]
    rows = ([ward, category, *counts] for (ward, category), counts in sorted(totals.items()) if any(counts))
    return write_gzip_csv(out / "ward_crime_counts.csv.gz", header, rows)


def load_features(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)["features"]


def build_lsoa_wards(shared: Path, out: Path) -> int:
    wards = load_features(WARDS)
    ward_geoms = [shapely.geometry.shape(f["geometry"]) for f in wards]
    ward_codes = [f["properties"]["code"] for f in wards]
    tree = shapely.STRtree(ward_geoms)
    lookup: dict[str, str] = {}
    # 2011 first, then 2021: a code in both vintages takes its 2021 shape.
    for name, field in (
        ("london_lsoa_2011_GLA_wgs84.geojson.gz", "LSOA11CD"),
        ("london_lsoa_2021_ONS_gen20_wgs84.geojson.gz", "LSOA21CD"),
    ):
        features = load_features(shared / "boundaries" / name)
        # A point guaranteed inside each LSOA (a centroid can fall outside a crescent-shaped one).
        points = shapely.point_on_surface([shapely.geometry.shape(f["geometry"]) for f in features])
        point_idx, ward_idx = tree.query(points, predicate="within")
        for p, w in sorted(zip(point_idx.tolist(), ward_idx.tolist(), strict=True)):
            lookup[features[p]["properties"][field]] = ward_codes[w]
    rows = sorted(lookup.items())
    return write_gzip_csv(out / "lsoa_wards.csv.gz", ["lsoa_code", "ward_code"], rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "sn" / "incidents" / "data")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"burglary rows: {build_burglary(args.shared, args.out):,}")
    print(f"ward x category count rows: {build_ward_counts(args.shared, args.out):,}")
    print(f"LSOAs placed in a ward: {build_lsoa_wards(args.shared, args.out):,}")


if __name__ == "__main__":
    main()
