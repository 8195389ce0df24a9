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
    "ONS mid-2020 LSOA population estimates (2011 LSOAs), assigned to 2022 wards by LSOA centroid"
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


def assign_lsoas_to_wards(lsoas, wards):
    """Map each LSOA code to the index of the ward containing its centroid.

    City wards take part here so that City LSOAs are not pushed into
    neighbouring boroughs by the fallbacks.
    """
    tree = STRtree([w["geom"] for w in wards])
    assignment, fallbacks = {}, {"representative_point": 0, "nearest": 0}
    for code, geom in sorted(lsoas.items()):
        # Lowest ward index wins if a point sits exactly on a shared boundary.
        hits = tree.query(geom.centroid, predicate="intersects")
        if len(hits) == 0:
            hits = tree.query(geom.representative_point(), predicate="intersects")
            if len(hits):
                fallbacks["representative_point"] += 1
        if len(hits) == 0:
            hits = [tree.nearest(geom.centroid)]
            fallbacks["nearest"] += 1
        assignment[code] = int(min(hits))
    print(f"LSOA assignment fallbacks: {fallbacks}")
    return assignment


def area_weighted_population(ward, lsoas, population):
    """Share of each overlapping LSOA's population in proportion to overlapping area."""
    total = 0.0
    for code, geom in lsoas.items():
        if geom.intersects(ward["geom"]):
            total += population[code] * geom.intersection(ward["geom"]).area / geom.area
    return round(total)


def build_populations(shared, wards, out):
    population = load_lsoa_population(shared)
    lsoas = {
        f["properties"]["LSOA11CD"]: shape(f["geometry"])
        for f in load_features(shared / "boundaries/london_lsoa_2011_GLA_wgs84.geojson.gz")
    }
    if set(lsoas) != set(population):
        print(f"  MISMATCH LSOA codes: {len(set(lsoas) ^ set(population))} differ")
    lsoas = {code: shapely.make_valid(geom) for code, geom in lsoas.items() if code in population}

    ward_pop = [0] * len(wards)
    counted = [0] * len(wards)
    for code, idx in assign_lsoas_to_wards(lsoas, wards).items():
        ward_pop[idx] += population[code]
        counted[idx] += 1

    rows, estimated = [], []
    for idx, ward in enumerate(wards):
        if ward["borough_code"] == CITY_OF_LONDON:
            continue
        if counted[idx] == 0:
            ward_pop[idx] = area_weighted_population(ward, lsoas, population)
            estimated.append(f"{ward['code']} {ward['name']} ({ward['borough_name']}): {ward_pop[idx]}")
        rows.append((ward["code"], ward_pop[idx], POPULATION_YEAR, POPULATION_SOURCE))

    with open(out / "ward_populations.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("code", "population", "year", "source"))
        writer.writerows(rows)

    values = [r[1] for r in rows]
    print(f"ward_populations.csv: {len(rows)} wards")
    print(f"  wards with no LSOA centroid, area-weighted estimate ({len(estimated)}):")
    for line in estimated:
        print(f"    {line}")
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
