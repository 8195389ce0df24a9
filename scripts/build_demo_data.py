"""Build the compact geography data shipped in sn/geography/data.

Reads the raw public data in shared/data (see shared/data/SOURCES.md) and writes:

* wards.geojson.gz      - 679 London 2022 wards (City of London excluded)
* boroughs.geojson.gz   - 32 London boroughs (City excluded), lightly simplified
* ward_populations.csv  - ONS mid-2020 population per 2022 ward

ATTRIBUTION.md in the same folder is maintained by hand; update it if the
inputs or the method change.

Output is deterministic (sorted by code, fixed key order, 6 dp coordinates,
gzip mtime=0), so re-running on the same inputs gives byte-identical files.

Usage: python scripts/build_demo_data.py [--shared PATH] [--out PATH]
"""

import argparse
import csv
import gzip
import json
import statistics
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.strtree import STRtree

REPO_ROOT = Path(__file__).resolve().parent.parent
CITY_OF_LONDON = "E09000001"
PRECISION = 6
BOROUGH_SIMPLIFY_TOLERANCE = 0.0002  # degrees, roughly 14-22 m in London
POPULATION_YEAR = 2020
POPULATION_SOURCE = (
    "ONS mid-2020 LSOA population estimates (2011 LSOAs), shared among 2022 wards by area"
)


def load_features(path):
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return json.load(fh)["features"]


def polygonal(geom):
    """Keep only the (multi)polygon part; make_valid can emit stray lines/points."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def round_geometry(geom):
    """Round coordinates to PRECISION dp; if that breaks validity, snap to the grid instead.

    set_precision is the fallback rather than the default because it may
    rewrite rings; plain rounding keeps the published vertices untouched.
    """
    rounded = shapely.transform(geom, lambda xy: np.round(xy, PRECISION))
    if rounded.is_valid:
        return rounded, False
    return polygonal(shapely.set_precision(geom, 10.0**-PRECISION)), True


def write_gzip_geojson(path, features):
    collection = {"type": "FeatureCollection", "features": features}
    payload = json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    # filename="" and mtime=0 keep the gzip header free of run-specific bytes.
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(payload)


def feature(properties, geom):
    return {"type": "Feature", "properties": properties, "geometry": mapping(geom)}


def load_all_wards(shared):
    """All 704 WD22 wards (City included), sorted by code, geometries made valid."""
    wards, repaired = [], 0
    for f in load_features(shared / "boundaries/london_wards_2022_WD22.geojson"):
        geom = shape(f["geometry"])
        if not geom.is_valid:
            geom, repaired = polygonal(shapely.make_valid(geom)), repaired + 1
        p = f["properties"]
        wards.append(
            {
                "code": p["WD22CD"],
                "name": p["WD22NM"],
                "borough_code": p["LAD22CD"],
                "borough_name": p["LAD22NM"],
                "geom": geom,
            }
        )
    wards.sort(key=lambda w: w["code"])
    print(f"wards: {len(wards)} read, {repaired} repaired with make_valid")
    return wards


def build_wards(wards, out):
    features, snapped = [], 0
    for w in wards:
        geom, was_snapped = round_geometry(w["geom"])
        snapped += was_snapped
        assert geom.is_valid and not geom.is_empty, w["code"]
        props = {k: w[k] for k in ("code", "name", "borough_code", "borough_name")}
        features.append(feature(props, geom))
    write_gzip_geojson(out / "wards.geojson.gz", features)
    boroughs = {w["borough_code"] for w in wards}
    print(
        f"wards.geojson.gz: {len(features)} wards in {len(boroughs)} boroughs, "
        f"{snapped} needed grid snapping after rounding"
    )


def build_boroughs(shared, wards, out):
    features, borough_names = [], {}
    for f in load_features(shared / "boundaries/London_Borough_Excluding_MHW.geojson"):
        p = f["properties"]
        if p["GSS_CODE"] == CITY_OF_LONDON:
            continue
        borough_names[p["GSS_CODE"]] = p["NAME"]
        simplified = shape(f["geometry"]).simplify(BOROUGH_SIMPLIFY_TOLERANCE, preserve_topology=True)
        geom, _ = round_geometry(polygonal(shapely.make_valid(simplified)))
        assert geom.is_valid and not geom.is_empty, p["GSS_CODE"]
        features.append(feature({"code": p["GSS_CODE"], "name": p["NAME"]}, geom))
    features.sort(key=lambda ft: ft["properties"]["code"])
    write_gzip_geojson(out / "boroughs.geojson.gz", features)
    print(f"boroughs.geojson.gz: {len(features)} boroughs")

    # The two sources come from different publishers (GLA vs ONS): cross-check them.
    ward_boroughs = {w["borough_code"]: w["borough_name"] for w in wards}
    if set(ward_boroughs) != set(borough_names):
        print("  MISMATCH borough codes:", sorted(set(ward_boroughs) ^ set(borough_names)))
    for code in sorted(set(ward_boroughs) & set(borough_names)):
        if ward_boroughs[code] != borough_names[code]:
            print(f"  MISMATCH name {code}: wards={ward_boroughs[code]!r} boroughs={borough_names[code]!r}")


def load_lsoa_population(shared):
    """LSOA11CD -> all-persons mid-2020 estimate."""
    with open(shared / "population/london-mid2020-lsoa-pop.csv", newline="", encoding="utf-8") as fh:
        return {row["LSOA11CD"]: int(row["Persons_All-Ages"]) for row in csv.DictReader(fh)}


def apportion_lsoas_to_wards(lsoas, population, wards):
    """Each ward's share of every LSOA's population, by the area of the LSOA that lies in the ward.

    LSOAs (about 1,500 people each) are small enough that people are close to evenly spread within
    one, so sharing by area is far closer than giving a whole LSOA to the ward under its centroid,
    which put a tenth of wards out by more than 30%. Shares are normalised over the LSOA's overlap
    with all wards, so every LSOA's people are counted once. City wards take part, so City LSOAs
    stay in the City.
    """
    tree = STRtree([w["geom"] for w in wards])
    totals = [0.0] * len(wards)
    nearest = 0
    for code, geom in sorted(lsoas.items()):
        overlaps = {}
        for idx in tree.query(geom, predicate="intersects"):
            area = geom.intersection(wards[int(idx)]["geom"]).area
            if area > 0:
                overlaps[int(idx)] = area
        if not overlaps:
            overlaps = {int(tree.nearest(geom.centroid)): 1.0}
            nearest += 1
        covered = sum(overlaps.values())
        for idx, area in overlaps.items():
            totals[idx] += population[code] * area / covered
    print(f"LSOAs placed in the nearest ward (no overlap): {nearest}")
    return totals


def build_populations(shared, wards, out):
    population = load_lsoa_population(shared)
    lsoas = {
        f["properties"]["LSOA11CD"]: shape(f["geometry"])
        for f in load_features(shared / "boundaries/london_lsoa_2011_GLA_wgs84.geojson.gz")
    }
    if set(lsoas) != set(population):
        print(f"  MISMATCH LSOA codes: {len(set(lsoas) ^ set(population))} differ")
    lsoas = {code: shapely.make_valid(geom) for code, geom in lsoas.items() if code in population}

    ward_pop = apportion_lsoas_to_wards(lsoas, population, wards)
    rows = [
        (ward["code"], round(ward_pop[idx]), POPULATION_YEAR, POPULATION_SOURCE)
        for idx, ward in enumerate(wards)
        if ward["borough_code"] != CITY_OF_LONDON
    ]

    with open(out / "ward_populations.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("code", "population", "year", "source"))
        writer.writerows(rows)

    values = [r[1] for r in rows]
    print(f"ward_populations.csv: {len(rows)} wards")
    print(f"  total {sum(values):,} (all LSOAs incl. City: {sum(population.values()):,})")
    print(f"  min {min(values):,}  median {statistics.median(values):,}  max {max(values):,}")
    print(f"  wards with population >= 14000: {sum(v >= 14000 for v in values)}")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--shared",
        default="../shared/data",
        help="raw data folder, relative to the repo root (default: %(default)s)",
    )
    parser.add_argument(
        "--out",
        default="sn/geography/data",
        help="output folder, relative to the repo root (default: %(default)s)",
    )
    args = parser.parse_args()
    # Relative paths are anchored at the repo root so the script works from any cwd.
    return (REPO_ROOT / args.shared).resolve(), (REPO_ROOT / args.out).resolve()


def main():
    shared, out = parse_args()
    out.mkdir(parents=True, exist_ok=True)
    all_wards = load_all_wards(shared)
    wards = [w for w in all_wards if w["borough_code"] != CITY_OF_LONDON]
    build_wards(wards, out)
    build_boroughs(shared, wards, out)
    build_populations(shared, all_wards, out)


if __name__ == "__main__":
    main()
