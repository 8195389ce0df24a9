"""Census 2021 populations for the shipped geography data (called by build_demo_data.py).

* ward_populations.csv         - usual residents per 2022 ward, with the year and source of each figure
* lsoa_populations.geojson.gz  - the 2021 LSOAs near the non-ward areas, with their usual residents, so
                                 that an overlay's residents can be worked out without ../shared/data

Where ../shared/data has ONS's own ward figures (Camden), they are used as published. Elsewhere each
2021 LSOA's usual residents are shared among the 2022 wards of its own borough by the area of the LSOA
lying in each ward. LSOAs nest in boroughs, so sharing within the borough keeps every borough's total
exactly the sum of its LSOAs, whatever the 20 m generalisation of the LSOA boundaries does at borough
edges. Against ONS's Camden ward figures this is 2.7% out on average (at most 9.6%); the GLA best-fit
lookup (whole LSOAs to the ward holding their population-weighted centroid) is 7.3% out (at most 26%).
"""

import csv
import gzip
import json
import statistics
from collections import Counter

import shapely
from shapely.geometry import mapping, shape
from shapely.strtree import STRtree

CITY_OF_LONDON = "E09000001"
YEAR = 2021
THRESHOLD = 14_000  # the demo's 1-2-6 establishment threshold, reported for the effect of a rebuild
SOURCE_BY_AREA = "ONS Census 2021, usual residents: 2021 LSOAs shared among the borough's 2022 wards by area"
SOURCE_OFFICIAL = "ONS Census 2021, usual residents: ONS ward figures"
# How far round each non-ward area the LSOAs are shipped, so that a small redraw still finds them.
SMALL_AREA_MARGIN_DEGREES = 0.004  # about 300 m


def census_lsoa_population(shared) -> dict[str, int]:
    """LSOA21CD -> usual residents, summed over the six age bands."""
    totals: Counter = Counter()
    path = shared / "population/census2021_usual_residents_age6_lsoa21_london.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            totals[row["lsoa21_code"]] += int(row["usual_residents"])
    return dict(totals)


def census_lsoas(shared) -> dict[str, dict]:
    """LSOA21CD -> name, borough code and polygon (ONS 2021 LSOAs generalised to 20 m)."""
    with gzip.open(shared / "boundaries/london_lsoa_2021_ONS_gen20_wgs84.geojson.gz", "rt") as fh:
        features = json.load(fh)["features"]
    lsoas = {}
    for f in features:
        p = f["properties"]
        geom = shape(f["geometry"])
        lsoas[p["LSOA21CD"]] = {
            "name": p["LSOA21NM"],
            "borough_code": p["LAD22CD"],
            "geom": geom if geom.is_valid else shapely.make_valid(geom),
        }
    return lsoas


def official_ward_population(shared) -> dict[str, int]:
    """ONS Census 2021 usual residents per 2022 ward, where the shared data has them (Camden)."""
    with open(shared / "population/camden_ward_pop_stats_2021.csv", encoding="utf-8-sig", newline="") as fh:
        return {row["ward_code"]: int(row["usual_residents"]) for row in csv.DictReader(fh)}


def share_by_area(lsoas, population, wards) -> list[float]:
    """Each ward's share of the usual residents of the LSOAs of its borough, by overlap area."""
    tree = STRtree([w["geom"] for w in wards])
    totals = [0.0] * len(wards)
    nearest = 0
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
            nearest += 1
        covered = sum(overlaps.values())
        for idx, area in overlaps.items():
            totals[idx] += population[code] * area / covered
    print(f"LSOAs given to the nearest ward of their borough (no overlap): {nearest}")
    return totals


def load_census(shared) -> tuple[dict[str, int], dict[str, dict]]:
    """The usual residents and the polygon of every London 2021 LSOA."""
    population, lsoas = census_lsoa_population(shared), census_lsoas(shared)
    if set(lsoas) != set(population):
        raise SystemExit(
            f"LSOA codes differ between boundaries and census: {len(set(lsoas) ^ set(population))}"
        )
    return population, lsoas


def build_ward_populations(census, shared, wards, out, previous: dict[str, int]) -> None:
    """Write ward_populations.csv for the non-City wards; `wards` must include the City's."""
    population, lsoas = census
    official = official_ward_population(shared)
    by_area = share_by_area(lsoas, population, wards)
    rows = []
    for idx, ward in enumerate(wards):
        if ward["borough_code"] == CITY_OF_LONDON:
            continue
        if ward["code"] in official:
            rows.append((ward["code"], official[ward["code"]], YEAR, SOURCE_OFFICIAL))
        else:
            rows.append((ward["code"], round(by_area[idx]), YEAR, SOURCE_BY_AREA))
    with open(out / "ward_populations.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(("code", "population", "year", "source"))
        writer.writerows(rows)
    _report(rows, official, by_area, wards, previous)


def _report(rows, official, by_area, wards, previous) -> None:
    values = {code: value for code, value, _, _ in rows}
    low, middle, high = min(values.values()), statistics.median(values.values()), max(values.values())
    print(f"ward_populations.csv: {len(rows)} wards, total {sum(values.values()):,}")
    print(f"  min {low:,}  median {middle:,}  max {high:,}")
    print(f"  from ONS ward figures: {sum(code in official for code in values)} wards")
    area_of = {w["code"]: by_area[i] for i, w in enumerate(wards)}
    errors = [abs(area_of[c] - official[c]) / official[c] for c in official]
    mean, worst = statistics.mean(errors), max(errors)
    print(f"  sharing by area against ONS ward figures: mean {mean:.1%}, max {worst:.1%}")
    print(f"  wards of {THRESHOLD:,} or more: {sum(v >= THRESHOLD for v in values.values())}")
    if previous:
        up = sum(previous[c] < THRESHOLD <= values[c] for c in values if c in previous)
        down = sum(values[c] < THRESHOLD <= previous[c] for c in values if c in previous)
        print(f"  against the previous file: {up} wards cross up to {THRESHOLD:,}, {down} fall below")


def build_small_areas(census, overlays, out) -> None:
    """Write the LSOAs within SMALL_AREA_MARGIN_DEGREES of any non-ward area, with their residents."""
    population, lsoas = census
    near = shapely.union_all([o.buffer(SMALL_AREA_MARGIN_DEGREES) for o in overlays])
    features = []
    for code in sorted(lsoas):
        lsoa = lsoas[code]
        if not lsoa["geom"].intersects(near):
            continue
        properties = {
            "code": code,
            "name": lsoa["name"],
            "borough_code": lsoa["borough_code"],
            "population": population[code],
        }
        features.append({"type": "Feature", "properties": properties, "geometry": mapping(lsoa["geom"])})
    collection = {"type": "FeatureCollection", "features": features}
    payload = json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    # filename="" and mtime=0 keep the gzip header free of run-specific bytes.
    with (
        open(out / "lsoa_populations.geojson.gz", "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(payload)
    boroughs = sorted({f["properties"]["borough_code"] for f in features})
    print(f"lsoa_populations.geojson.gz: {len(features)} LSOAs in {len(boroughs)} boroughs")
