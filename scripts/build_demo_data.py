"""Build the compact geography data shipped in sn/geography/data.

Reads the raw public data in shared/data (see shared/data/SOURCES.md) and writes:

* wards.geojson.gz            - 679 London 2022 wards (City of London excluded)
* boroughs.geojson.gz         - 32 London boroughs (City excluded), lightly simplified
* ward_populations.csv        - Census 2021 usual residents per 2022 ward (demo_data_population.py)
* non_ward_areas.geojson      - the demo's four non-ward areas, drawn from real streets
                                (draw_non_ward_areas.py, which needs no raw data)
* lsoa_populations.geojson.gz - the 2021 LSOAs near those areas, with their usual residents

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
from pathlib import Path

import numpy as np
import shapely
from demo_data_population import build_small_areas, build_ward_populations, load_census
from draw_non_ward_areas import write as draw_non_ward_areas
from shapely.geometry import mapping, shape

REPO_ROOT = Path(__file__).resolve().parent.parent
CITY_OF_LONDON = "E09000001"
PRECISION = 6
BOROUGH_SIMPLIFY_TOLERANCE = 0.0002  # degrees, roughly 14-22 m in London


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
    census = load_census(shared)
    build_ward_populations(census, shared, all_wards, out, previous=previous_populations(out))
    overlays = [shape(f["geometry"]) for f in draw_non_ward_areas(out / "non_ward_areas.geojson")]
    build_small_areas(census, overlays, out)


def previous_populations(out) -> dict[str, int]:
    """The ward populations shipped before this run, to report how many wards a rebuild moves across
    the establishment threshold."""
    path = out / "ward_populations.csv"
    if not path.exists():
        return {}
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["code"]: int(row["population"]) for row in csv.DictReader(fh)}


if __name__ == "__main__":
    main()
