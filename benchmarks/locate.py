"""Locating points in wards: Locator.locate_many against a plain Python loop over the polygons.

Both run on the 679 real London wards shipped for the demo, over points spread uniformly across the
wards' total bounds, so about a third fall outside every ward (the River Thames, the corners of the
rectangle) just as stray coordinates do in real data.
"""

import gzip
import json
import time
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Point

from benchmarks.report import best_of, line, section, si, times, verdict
from sn.geography.geometry import parse_area
from sn.geography.locate import NOT_FOUND, Locator

# The demo's shipped boundaries, found without importing sn.geography.demo: that needs Django set up, and
# this benchmark needs no database.
WARDS = Path(__file__).resolve().parent.parent / "sn" / "geography" / "data" / "wards.geojson.gz"
POINTS, QUICK_POINTS = 1_000_000, 100_000
LOOP_SAMPLE = 2_000  # the plain loop is slow; its rate is measured on a sample and extrapolated
RUNS = 3
TARGET_RATE = 1_000_000  # points per second
TARGET_RATIO = 100  # times the plain loop


def load_wards() -> list:
    with gzip.open(WARDS, "rt", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return [parse_area(feature["geometry"]) for feature in features]


def plain_loop(geoms: list, lats: np.ndarray, lngs: np.ndarray) -> np.ndarray:
    """The naive answer: test every polygon in turn, with no index and no bounding-box filter of our own.

    It stops at the first hit. Wards don't overlap, so the first hit is the only one (the correctness
    check below would show it if not), and stopping early keeps the baseline as fast as it honestly can be.
    """
    result = np.full(lats.shape[0], NOT_FOUND, dtype=np.int64)
    for i, (lat, lng) in enumerate(zip(lats.tolist(), lngs.tolist(), strict=True)):
        pt = Point(lng, lat)
        for index, g in enumerate(geoms):
            if g.contains(pt):
                result[i] = index
                break
    return result


def run(*, quick: bool = False, seed: int = 2026) -> list[str]:
    section("locate: Locator.locate_many against a plain loop over polygons")
    geoms = load_wards()
    # Locator.build prepares its geometries in place; the loop gets its own unprepared copies so that it
    # stays the plain loop a newcomer would write, not one quietly sped up by the locator's preparation.
    loop_geoms = list(shapely.from_wkb(shapely.to_wkb(geoms)))
    started = time.perf_counter()
    locator = Locator.build(list(range(len(geoms))), geoms)
    build_seconds = time.perf_counter() - started

    count = QUICK_POINTS if quick else POINTS
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    lngs = rng.uniform(minx, maxx, count)
    lats = rng.uniform(miny, maxy, count)

    fast_seconds, found = best_of(RUNS, lambda: locator.locate_many(lats, lngs))
    fast_rate = count / fast_seconds

    # The sample is a fixed slice of the same random points, so both methods answer the same questions.
    sample = min(LOOP_SAMPLE, count)
    loop_seconds, loop_found = best_of(1, lambda: plain_loop(loop_geoms, lats[:sample], lngs[:sample]))
    loop_rate = sample / loop_seconds
    mismatches = np.flatnonzero(found[:sample] != loop_found)
    ratio = fast_rate / loop_rate

    line("wards", f"{len(geoms)} (total bounds {minx:.3f},{miny:.3f} to {maxx:.3f},{maxy:.3f})")
    line("Locator.build", f"{build_seconds * 1000:.0f} ms (once per change of boundaries)")
    line("points", f"{count:,}, {np.mean(found != NOT_FOUND):.1%} inside a ward")
    line(f"locate_many (best of {RUNS})", f"{fast_seconds * 1000:.0f} ms = {si(fast_rate)} points/s")
    line(f"plain loop ({sample:,}-point sample)", f"{loop_seconds * 1000:.0f} ms = {si(loop_rate)} points/s")
    line("speed-up", times(ratio))
    line("agreement on the sample", f"{sample - mismatches.size:,}/{sample:,} points")
    for i in mismatches[:5].tolist():
        line(f"  mismatch at ({lats[i]:.6f}, {lngs[i]:.6f})", f"locator {found[i]}, loop {loop_found[i]}")

    ok = fast_rate >= TARGET_RATE and ratio >= TARGET_RATIO and mismatches.size == 0
    summary = (
        f"locate: {si(fast_rate)} points/s, {times(ratio)} the plain loop "
        f"(target {si(TARGET_RATE)}/s and {TARGET_RATIO}x): {verdict(ok)}"
    )
    agreement = (
        f"locate correctness: {sample - mismatches.size:,}/{sample:,} sampled points agree with the loop: "
        f"{verdict(mismatches.size == 0)}"
    )
    return [summary, agreement]
