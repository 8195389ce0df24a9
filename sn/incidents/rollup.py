"""The monthly counts, kept per source so that no import loses counts it did not bring.

Three tables, each with one job:

* IncidentCount, the ledger: counts per area, month, category and source. Records and placed demo
  points are recounted from Incident (GROUP BY) for the months an import touched; counts-only figures
  (a published table, the demo's synthetic ASB) are stored as loaded and only a counts load replaces
  them. A rebuild deletes and rewrites only the derived sources of the months it is given.
* Coverage: which source holds which month and category for the whole force, recorded by the load
  that brought it (a street file, for the categories its rows bring; a counts table, for every cell).
* Non-ward areas are overlays (docs/adr/0005-non-ward-areas-are-overlays.md): every incident belongs to
  its ward, and counts besides in each overlay its point falls in. Their counts are recounted with the
  records and placed points; counts-only figures are per ward and give an overlay nothing.
* IncidentMonthly, what every page reads: for each month and category, the counts of the first source
  in PRECEDENCE that covers it. Records replace placed points, which replace bare counts; no source is
  ever added to another, so nothing is counted twice.
"""

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

import numpy as np
import shapely
from django.db import connection, transaction
from django.db.models import Q

from sn.geography.locate import current_overlay_locator
from sn.incidents.models import PRECEDENCE, CountSource, Coverage, Incident, IncidentCount, IncidentMonthly

MONTHS_PER_STATEMENT = 200
DERIVED = (CountSource.RECORDS, CountSource.PLACED)


def _as_date(month: date | str) -> date:
    return month if isinstance(month, date) else date.fromisoformat(str(month)[:10])


def _batches(months: list[date]) -> Iterable[tuple[list[date], str]]:
    for start in range(0, len(months), MONTHS_PER_STATEMENT):
        batch = months[start : start + MONTHS_PER_STATEMENT]
        yield batch, ", ".join(["%s"] * len(batch))


def _derived_recount(cursor, months: list[date] | None) -> None:
    """IncidentCount's records and placed rows for `months` (every month when None), from Incident."""
    ledger, incident = IncidentCount._meta.db_table, Incident._meta.db_table
    source = f"CASE WHEN placed THEN '{CountSource.PLACED.value}' ELSE '{CountSource.RECORDS.value}' END"
    insert = (
        f"INSERT INTO {ledger} (neighbourhood_id, month, category, source, count) "
        f"SELECT neighbourhood_id, month, category, {source}, count(*) FROM {incident} "
    )
    group = f" GROUP BY neighbourhood_id, month, category, {source}"
    derived = [s.value for s in DERIVED]
    if months is None:
        cursor.execute(f"DELETE FROM {ledger} WHERE source IN (%s, %s)", derived)
        cursor.execute(insert + group)
        return
    for batch, marks in _batches(months):
        cursor.execute(
            f"DELETE FROM {ledger} WHERE source IN (%s, %s) AND month IN ({marks})", derived + batch
        )
        cursor.execute(insert + f"WHERE month IN ({marks})" + group, batch)


OVERLAY_READ_CHUNK = 20_000


def _overlay_recount(months: list[date] | None) -> int:
    """IncidentCount rows for each overlay from the incidents whose points fall inside it (the ward
    recount has already deleted their old rows with the months'). Reads only the incidents inside the
    overlays' bounding boxes. Returns the number of rows written."""
    locator = current_overlay_locator()
    if locator.ids.size == 0:
        return 0
    boxes = Q()
    for minx, miny, maxx, maxy in shapely.bounds(locator.geometries).tolist():
        boxes |= Q(longitude__gte=minx, longitude__lte=maxx, latitude__gte=miny, latitude__lte=maxy)
    rows = Incident.objects.filter(boxes)
    if months is not None:
        rows = rows.filter(month__in=months)
    found: Counter = Counter()
    batch: list[tuple] = []

    def count(batch: list[tuple]) -> None:
        lats = np.fromiter((r[0] for r in batch), dtype=float, count=len(batch))
        lngs = np.fromiter((r[1] for r in batch), dtype=float, count=len(batch))
        points, overlays = locator.locate_every(lats, lngs)
        for i, overlay in zip(points.tolist(), overlays.tolist(), strict=True):
            _, _, month, category, placed = batch[i]
            found[overlay, month, category, CountSource.PLACED if placed else CountSource.RECORDS] += 1

    fields = ("latitude", "longitude", "month", "category", "placed")
    for row in rows.values_list(*fields).order_by().iterator(chunk_size=OVERLAY_READ_CHUNK):
        batch.append(row)
        if len(batch) == OVERLAY_READ_CHUNK:
            count(batch)
            batch = []
    if batch:
        count(batch)
    IncidentCount.objects.bulk_create(
        [
            IncidentCount(neighbourhood_id=o, month=m, category=c, source=s, count=n)
            for (o, m, c, s), n in sorted(found.items())
        ],
        batch_size=5000,
    )
    return len(found)


def winning_coverage(
    months: list[date] | None = None, *, exclude: tuple[str, ...] = ()
) -> dict[tuple[date, str], Coverage]:
    """(month, category) -> the coverage record of the source counted for it (the first of PRECEDENCE
    that covers it), for the months given (every month when None), leaving out the `exclude` sources."""
    rank = {source.value: i for i, source in enumerate(PRECEDENCE)}
    coverage = Coverage.objects.all() if months is None else Coverage.objects.filter(month__in=months)
    if exclude:
        coverage = coverage.exclude(source__in=exclude)
    winners: dict[tuple[date, str], Coverage] = {}
    for record in coverage.only("month", "category", "source", "label"):
        held = winners.get((record.month, record.category))
        if held is None or rank[record.source] < rank[held.source]:
            winners[record.month, record.category] = record
    return winners


def _effective_rebuild(cursor, months: list[date] | None) -> int:
    """IncidentMonthly for `months` (every month when None): each month and category from its winner."""
    monthly, ledger = IncidentMonthly._meta.db_table, IncidentCount._meta.db_table
    if months is None:
        cursor.execute(f"DELETE FROM {monthly}")
    else:
        for batch, marks in _batches(months):
            cursor.execute(f"DELETE FROM {monthly} WHERE month IN ({marks})", batch)
    chosen: dict[tuple[str, date], list[str]] = defaultdict(list)
    for (month, category), record in winning_coverage(months).items():
        chosen[record.source, month].append(category)
    written = 0
    for (source, month), categories in sorted(chosen.items()):
        marks = ", ".join(["%s"] * len(categories))
        cursor.execute(
            f"INSERT INTO {monthly} (neighbourhood_id, month, category, count) "
            f"SELECT neighbourhood_id, month, category, count FROM {ledger} "
            f"WHERE source = %s AND month = %s AND category IN ({marks}) AND count > 0",
            [source, month, *sorted(categories)],
        )
        written += max(cursor.rowcount, 0)
    return written


@transaction.atomic
def incidents_rollup_rebuild(*, months: Iterable[date | str] | None = None) -> int:
    """Recount records and placed points for the given months (first days), or every month when
    `months` is None, and choose what IncidentMonthly holds for them. Counts-only figures, and every
    other month, are left as they are. Returns the number of IncidentMonthly rows written."""
    wanted = None if months is None else sorted({_as_date(m) for m in months})
    with connection.cursor() as cursor:
        _derived_recount(cursor, wanted)
    _overlay_recount(wanted)
    with connection.cursor() as cursor:
        return _effective_rebuild(cursor, wanted)


def coverage_record(
    *, cells: Iterable[tuple[date, str]], source: CountSource, label: str = "", import_run=None
) -> int:
    """Record that `source` holds these (month, category) cells for the whole force. Returns how many
    cells were new for the source."""
    cells = {(_as_date(m), c) for m, c in cells}
    if not cells:
        return 0
    held = set(
        Coverage.objects.filter(source=source, month__in={m for m, _ in cells}).values_list(
            "month", "category"
        )
    )
    new = [
        Coverage(month=m, category=c, source=source, label=label, import_run=import_run)
        for m, c in sorted(cells - held)
    ]
    Coverage.objects.bulk_create(new)
    return len(new)


def placed_points_replace(*, cells: Iterable[tuple[date, str]]) -> int:
    """Records have arrived for these (month, category) cells: the points placed from counts for them
    go, with their coverage, so that they are neither counted nor mapped beside the records. Returns the
    number of placed points deleted."""
    removed = 0
    by_month: dict[date, set[str]] = defaultdict(set)
    for month, category in cells:
        by_month[_as_date(month)].add(category)
    placed = Coverage.objects.filter(source=CountSource.PLACED)
    for month, categories in sorted(by_month.items()):
        superseded = set(
            placed.filter(month=month, category__in=categories).values_list("category", flat=True)
        )
        if not superseded:
            continue
        removed += Incident.objects.filter(placed=True, month=month, category__in=superseded).delete()[0]
        placed.filter(month=month, category__in=superseded).delete()
        IncidentCount.objects.filter(source=CountSource.PLACED, month=month, category__in=superseded).delete()
    return removed


@transaction.atomic
def counts_load(
    *,
    counts: Iterable[tuple[int, date, str, int]],
    cells: Iterable[tuple[date, str]],
    label: str,
    import_run=None,
    rebuild: bool = True,
) -> int:
    """Load counts-only figures: `counts` as (neighbourhood id, month, category, count), covering
    `cells` (every (month, category) the table has, zeros included). They replace earlier counts-only
    figures for those cells and nothing else; IncidentMonthly is rebuilt for their months (unless
    `rebuild` is False: the caller rebuilds once after several loads). Returns the counts stored."""
    cells = {(_as_date(m), c) for m, c in cells}
    by_month: dict[date, set[str]] = defaultdict(set)
    for month, category in cells:
        by_month[month].add(category)
    rows = [(area, _as_date(month), category, n) for area, month, category, n in counts if n > 0]
    outside = next(((m, c) for _, m, c, _ in rows if (m, c) not in cells), None)
    if outside:
        raise ValueError(f"counts given for {outside[0]:%Y-%m} {outside[1]}, a cell the load does not cover")
    for month, categories in by_month.items():
        IncidentCount.objects.filter(source=CountSource.COUNTS, month=month, category__in=categories).delete()
    ledger = IncidentCount._meta.db_table
    with connection.cursor() as cursor:
        # A counts table is hundreds of thousands of rows: one prepared statement, not model objects.
        cursor.executemany(
            f"INSERT INTO {ledger} (neighbourhood_id, month, category, source, count) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(area, month, category, CountSource.COUNTS.value, n) for area, month, category, n in rows],
        )
    coverage_record(cells=cells, source=CountSource.COUNTS, label=label, import_run=import_run)
    if rebuild:
        with connection.cursor() as cursor:
            _effective_rebuild(cursor, sorted(by_month))
    return len(rows)
