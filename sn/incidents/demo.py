"""Demo incidents for the demo force: real burglary points, and points placed from real ward counts.

* Burglary: every Met burglary police.uk published for 2022-01..2024-12, loaded through the importer
  exactly as a police.uk file is (real locations, real Crime IDs).
* Every other crime category: the MPS's real recorded-crime counts per ward and month (2021-12..2023-11).
  Counts have no locations, so each counted crime becomes a point placed uniformly at random inside its
  ward, flagged `placed=True`; its "On or near" street is one of the streets the real burglary data
  names in that ward (empty if none).
* ASB: the ward counts have none. The demo assumes ASB_RATIO ASB incidents per recorded crime (burglary
  excluded) in each ward and month, drawn from a Poisson distribution: SYNTHETIC, labelled as such.

Every count (burglary too) is also loaded as a count-only figure, so every month of the table is complete:
2021-12 burglary, before the points start, is the count. Points are placed for the most recent
PLACED_MONTHS months only (placing all 24 months, about 2M rows, takes too long on SQLite for `make
demo`). The rollup counts records before placed points before counts (sn.incidents.rollup), so nothing
is counted twice. Deterministic for a seed.
"""

import csv
import gzip
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from itertools import repeat
from pathlib import Path

import numpy as np
import shapely
from django.db import transaction

from sn.geography.demo_bulk import demo_bulk_load
from sn.geography.geometry import from_geojson_text
from sn.geography.models import Neighbourhood
from sn.incidents.categories import Category
from sn.incidents.disclosure import published_crimes_rebuild
from sn.incidents.importing import police_file_import
from sn.incidents.kinds import STREET
from sn.incidents.models import CountSource, Coverage, ImportRun, Incident
from sn.incidents.rollup import counts_load, coverage_record, incidents_rollup_rebuild
from sn.incidents.sources import expand
from sn.incidents.writers import write_incidents

DATA_DIR = Path(__file__).resolve().parent / "data"
BURGLARY = DATA_DIR / "met_burglary_2022-01_2024-12.csv.gz"
WARD_COUNTS = DATA_DIR / "ward_crime_counts.csv.gz"
ASB_RATIO = 0.3
PLACED_MONTHS = 12
FORCE_NAME = "Metropolitan Police Service"
WRITE_BATCH = 50_000
COUNTS_LABEL = "MPS recorded crime by ward (London Datastore)"
ASB_LABEL = f"Synthetic ASB: {ASB_RATIO} per recorded crime, burglary excluded (demo)"
PLACED_LABEL = "Points placed inside the ward from MPS ward counts (demo)"
# A placed point is a street row with only what a count can tell: the other text columns are blank.
BLANK = ""
STREET_COLUMN_NAMES = tuple(column.name for column in STREET.columns)


def _ward_counts() -> tuple[list[date], dict[str, dict[str, np.ndarray]]]:
    """ward code -> category -> counts per month (months ascending)."""
    with gzip.open(WARD_COUNTS, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        months = [date.fromisoformat(f"{m}-01") for m in header[2:]]
        counts: dict[str, dict[str, np.ndarray]] = defaultdict(dict)
        for ward, category, *values in reader:
            counts[ward][category] = np.array(values, dtype=np.int64)
    return months, counts


def _with_asb(counts: dict[str, np.ndarray], rng: np.random.Generator, months: int) -> dict[str, np.ndarray]:
    crimes = sum(
        (n for category, n in counts.items() if category != Category.BURGLARY),
        np.zeros(months, dtype=np.int64),
    )
    return {**counts, Category.ANTI_SOCIAL_BEHAVIOUR.value: rng.poisson(ASB_RATIO * crimes)}


def sample_in(geometry, count: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`count` points uniformly at random inside a polygon: draw in its bounding box, keep the inside."""
    minx, miny, maxx, maxy = geometry.bounds
    fill = max(geometry.area / ((maxx - minx) * (maxy - miny)), 0.05)
    xs, ys, found = [], [], 0
    while found < count:
        draw = int((count - found) / fill * 1.2) + 16
        x, y = rng.uniform(minx, maxx, draw), rng.uniform(miny, maxy, draw)
        inside = shapely.contains_xy(geometry, x, y)
        xs.append(x[inside])
        ys.append(y[inside])
        found += int(inside.sum())
    return np.concatenate(xs)[:count], np.concatenate(ys)[:count]


def _streets() -> dict[int, list[str]]:
    """The real "On or near" streets recorded in each neighbourhood (from the burglary points)."""
    found: dict[int, set[str]] = defaultdict(set)
    rows = (
        Incident.objects.filter(placed=False).exclude(location="").values_list("neighbourhood_id", "location")
    )
    for neighbourhood_id, location in rows.distinct().iterator():
        found[neighbourhood_id].add(location)
    return {n: sorted(streets) for n, streets in found.items()}


def _placed_rows(ward, geometry, cells: list[tuple[date, str, int]], streets, rng) -> list[tuple]:
    """A point inside the ward for each count of `cells` (month, category, count). Built a column at a
    time and zipped into rows: a million points, so no dictionary per point."""
    total = sum(n for _, _, n in cells)
    if total == 0:
        return []
    xs, ys = sample_in(geometry, total, rng)
    names = streets.get(ward.id, [])
    picks = rng.integers(0, len(names), total).tolist() if names else None
    keys: list[str] = []
    months: list[str] = []
    categories: list[str] = []
    for month, category, n in cells:
        prefix = f"placed:{ward.code}:{month:%Y%m}:{category}:"
        keys += [f"{prefix}{i}" for i in range(n)]
        months += [month.isoformat()] * n
        categories += [category] * n
    columns = {
        "source_key": keys,
        "month": months,
        "category": categories,
        "reported_by": repeat(FORCE_NAME),
        "falls_within": repeat(FORCE_NAME),
        "longitude": [round(x, 6) for x in xs.tolist()],
        "latitude": [round(y, 6) for y in ys.tolist()],
        "location": [names[pick] for pick in picks] if picks is not None else repeat(""),
        "neighbourhood_id": repeat(ward.id),
        "placed": repeat(True),
    }
    # The constant columns repeat without end: the listed ones, all `total` long, end the rows.
    return list(zip(*(columns.get(name, repeat(BLANK)) for name in STREET_COLUMN_NAMES), strict=False))


@demo_bulk_load()
def incidents_seed(
    *, seed: int = 2026, placed_months: int = PLACED_MONTHS, progress: Callable[[str], None] = print
) -> str:
    """Load the demo incidents into the demo force (its wards must exist: run seed-demo first).

    Every count is loaded as a count-only figure covering its month and category (zeros included), so
    each month of the table is complete. The real burglary records cover their own months. For the most
    recent `placed_months` months, each count of a category the records do not cover becomes a placed
    point. The rollup then counts, per month and category, records before placed points before counts."""
    started = time.perf_counter()
    burglary = police_file_import(source=expand([BURGLARY])[0], kind=STREET, rebuild_rollup=False)
    progress(burglary.summary_line())
    months, ward_counts = _ward_counts()
    wards = list(Neighbourhood.objects.filter(code__in=list(ward_counts)).order_by("code"))
    if not wards:
        raise ValueError("none of the demo wards is in the database: run seed-demo first")
    rng = np.random.default_rng(seed)
    placed_from = max(len(months) - placed_months, 0)
    recorded = set(
        Coverage.objects.filter(source=CountSource.RECORDS, month__in=months).values_list("month", "category")
    )
    streets = _streets()
    counted: list[tuple[int, date, str, int]] = []
    asb: list[tuple[int, date, str, int]] = []
    placed_cells: set[tuple[date, str]] = set()
    placed = 0
    with transaction.atomic():
        batch: list[tuple] = []
        for ward in wards:
            counts = _with_asb(ward_counts[ward.code], rng, len(months))
            for category, per_month in counts.items():
                into = asb if category == Category.ANTI_SOCIAL_BEHAVIOUR else counted
                into += [
                    (ward.id, month, category, int(n)) for month, n in zip(months, per_month, strict=True)
                ]
            cells = [
                (months[m], category, int(per_month[m]))
                for category, per_month in sorted(counts.items())
                for m in range(placed_from, len(months))
                if (months[m], category) not in recorded
            ]
            placed_cells.update((month, category) for month, category, _ in cells)
            geometry = from_geojson_text(ward.boundary)
            shapely.prepare(geometry)
            batch += _placed_rows(ward, geometry, [c for c in cells if c[2] > 0], streets, rng)
            if len(batch) >= WRITE_BATCH:
                write_incidents(batch, STREET.columns)
                placed += len(batch)
                batch = []
        write_incidents(batch, STREET.columns)
        placed += len(batch)
        run = ImportRun.objects.create(
            file_name=f"demo: points placed from MPS ward counts (seed {seed})",
            sha256="",
            kind=STREET.name,
            status=ImportRun.Status.IMPORTED,
            rows_read=placed,
            imported=placed,
            seconds=round(time.perf_counter() - started, 3),
            message=f"placed points, not recorded locations; ASB synthetic at {ASB_RATIO} per crime",
        )
        every_cell = {(m, c) for _, m, c, _ in counted}
        asb_cells = {(m, c) for _, m, c, _ in asb}
        counts_load(counts=counted, cells=every_cell, label=COUNTS_LABEL, import_run=run, rebuild=False)
        counts_load(counts=asb, cells=asb_cells, label=ASB_LABEL, import_run=run, rebuild=False)
        coverage_record(cells=placed_cells, source=CountSource.PLACED, label=PLACED_LABEL, import_run=run)
        incidents_rollup_rebuild(months=None)
        published = published_crimes_rebuild(months=None)
    progress(published.line())
    placed_span = f"{months[placed_from]:%Y-%m}..{months[-1]:%Y-%m}" if placed else "no months"
    return (
        f"Demo incidents: {burglary.imported + burglary.unchanged + burglary.updated:,} real burglaries, "
        f"{placed:,} placed points for {placed_span}, counts for {months[0]:%Y-%m}..{months[-1]:%Y-%m} "
        f"({time.perf_counter() - started:.1f} s)"
    )
