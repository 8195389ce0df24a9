"""Rebuilding the published layer for some months: the service the command, the import and the demo
call. A month at a time (its incidents read as numpy arrays, a ward at a time snapped and merged), and
written through a staging table of (incident, snap point) pairs that one INSERT ... SELECT joins to the
incidents and snap points, so that no crime's text passes through Python (on SQLite the SHA-256 of a
placed point's source key is a Python function the database calls)."""

import hashlib
import secrets
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction

from sn.incidents.categories import Category
from sn.incidents.disclosure.merging import WITHHELD, merged_cells
from sn.incidents.disclosure.snapping import Snapper, police_uk_points_sync, snapper
from sn.incidents.models import Incident, PublishedCrime, SnapPoint

STAGE = "sn_publish_stage"
# Moved whenever the published layer changes, so that readers holding a month in memory reload it
# (sn.crime.published_layer). In the shared cache: Redis, when configured, reaches every worker.
PUBLISHED_VERSION_KEY = "published-crimes:version"


def published_version_bump() -> None:
    cache.set(PUBLISHED_VERSION_KEY, secrets.token_hex(8), timeout=None)


SQLITE_CACHE_KIB = 65536


@dataclass
class PublishSummary:
    """What a rebuild published: crimes by how, and the points."""

    months: int = 0
    crimes: int = 0
    at_own_point: int = 0  # published at the snap point its own location went to
    merged: int = 0  # published at a nearby larger cell's point
    withheld_small: int = 0  # its ward's month too small for any point
    withheld_category: int = 0  # a category with no points
    no_location: int = 0
    cells: int = 0  # points published, summed over the months
    new_police_uk_points: int = 0
    new_grid_points: int = 0
    seconds: float = 0.0

    @property
    def withheld(self) -> int:
        return self.withheld_small + self.withheld_category + self.no_location

    def line(self) -> str:
        return (
            f"Published {self.crimes:,} crimes and ASB incidents for {self.months} month(s): "
            f"{self.at_own_point:,} at their own snap point, {self.merged:,} merged into a nearby point, "
            f"{self.withheld:,} with the location withheld ({self.withheld_category:,} of categories with "
            f"no points, {self.withheld_small:,} in a ward's month under the threshold, "
            f"{self.no_location:,} with no location); {self.cells:,} published points in all, "
            f"threshold {settings.SN_DISCLOSURE_MIN_COUNT}; new snap points: "
            f"{self.new_police_uk_points:,} police.uk, {self.new_grid_points:,} grid "
            f"({self.seconds:.1f} s)"
        )


def _as_date(month: date | str) -> date:
    """A month as its first day, from a date or text ('2024-01' or '2024-01-01')."""
    if isinstance(month, date):
        return month.replace(day=1)
    return date.fromisoformat(f"{str(month)[:7]}-01")


READ_CHUNK = 200_000


def _month_number_sql() -> str:
    """A month as one integer (year * 12 + month - 1), so that the database sends numbers, not dates."""
    if connection.vendor == "postgresql":
        return "(EXTRACT(YEAR FROM month)::int * 12 + EXTRACT(MONTH FROM month)::int - 1)"
    return "(CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) - 1)"


def _month_of(number: int) -> date:
    return date(number // 12, number % 12 + 1, 1)


def _read(months: list[date] | None) -> tuple[list[date], dict[str, np.ndarray]]:
    """The incidents of `months` (every month when None) as numpy columns, with each one's month as an
    index into the months returned (ascending). Read in the order of the table, a chunk at a time, so
    that the table is read once from end to end rather than once a month. The database sends only
    numbers: the month as one, and whether the category has points as a flag."""
    no_point = list(settings.SN_DISCLOSURE_NO_POINT_CATEGORIES) or [""]
    marks = ", ".join(["%s"] * len(no_point))
    sql = (
        f"SELECT id, {_month_number_sql()}, CASE WHEN category IN ({marks}) THEN 1 ELSE 0 END, "
        f"neighbourhood_id, latitude, longitude, placed FROM {Incident._meta.db_table}"
    )
    params: list = list(no_point)
    if months is not None:
        if not months:
            return [], {}
        sql += f" WHERE month IN ({', '.join(['%s'] * len(months))})"
        params += list(months)
    parts: list[tuple[np.ndarray, ...]] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(READ_CHUNK):
            ids, numbers, no_points, wards, lats, lngs, placed = zip(*rows, strict=True)
            parts.append(
                (
                    np.array(ids, dtype=np.int64),
                    np.array(numbers, dtype=np.int64),
                    np.array(no_points, dtype=bool),
                    np.array(wards, dtype=np.int64),
                    np.array(lats, dtype=float),  # None (no location) becomes NaN
                    np.array(lngs, dtype=float),
                    np.array(placed, dtype=bool),
                )
            )
    if not parts:
        return [], {}
    names = ("id", "month", "no_point", "ward", "lat", "lng", "placed")
    crimes = {name: np.concatenate([part[i] for part in parts]) for i, name in enumerate(names)}
    numbers, crimes["month"] = np.unique(crimes["month"], return_inverse=True)
    crimes["month"] = crimes["month"].ravel()
    return [_month_of(int(n)) for n in numbers], crimes


def _groups(keys: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of equal values in sorted `keys`."""
    if not len(keys):
        return []
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]).tolist()
    return list(zip(starts, starts[1:] + [len(keys)], strict=True))


def _own_points(snaps: Snapper, crimes: dict[str, np.ndarray], mapped: np.ndarray) -> np.ndarray:
    """The snap point each crime's own location goes to (crimes `mapped`, sorted by ward)."""
    own = np.empty(len(mapped), dtype=np.int64)
    wards = crimes["ward"][mapped]
    for start, end in _groups(wards):
        ward, at = int(wards[start]), mapped[start:end]
        lat, lng, placed = crimes["lat"][at], crimes["lng"][at], crimes["placed"][at]
        part = own[start:end]
        if (~placed).any():
            part[~placed] = snaps.police_uk_ids(ward, lat[~placed], lng[~placed])
        if placed.any():
            part[placed] = snaps.placed_ids(ward, lat[placed], lng[placed])
    return own


def _publish(snaps: Snapper, crimes: dict[str, np.ndarray], summary: PublishSummary) -> np.ndarray:
    """The published snap point of each crime (of one or more months), or WITHHELD."""
    k = int(settings.SN_DISCLOSURE_MIN_COUNT)
    no_point = crimes["no_point"]
    no_location = np.isnan(crimes["lat"]) | np.isnan(crimes["lng"])
    published = np.full(len(no_point), WITHHELD, dtype=np.int64)
    summary.withheld_category += int(no_point.sum())
    summary.no_location += int((no_location & ~no_point).sum())
    candidates = np.flatnonzero(~no_point & ~no_location)
    if not len(candidates):
        return published
    mapped = candidates[np.argsort(crimes["ward"][candidates], kind="stable")]
    own = _own_points(snaps, crimes, mapped)
    # Cells: (ward, month, own point), each crime's cell found by sorting once.
    ward, month = crimes["ward"][mapped], crimes["month"][mapped]
    order = np.lexsort((own, month, ward))
    mapped, own, ward, month = mapped[order], own[order], ward[order], month[order]
    new_cell = np.r_[True, (own[1:] != own[:-1]) | (month[1:] != month[:-1]) | (ward[1:] != ward[:-1])]
    cell_of = np.cumsum(new_cell) - 1
    starts = np.flatnonzero(new_cell)
    counts = np.diff(np.r_[starts, len(own)])
    cell_point, cell_ward = own[starts], ward[starts]
    cell_month = month[starts]
    coords = np.array([snaps.coords[p] for p in cell_point.tolist()], dtype=float).reshape(-1, 2)
    final = np.empty(len(starts), dtype=np.int64)
    group_key = cell_ward * 10_000 + cell_month
    for start, end in _groups(group_key):
        w = int(cell_ward[start])
        x, y = snaps.metres(w, coords[start:end, 0], coords[start:end, 1])
        owner = merged_cells(counts[start:end], x, y, k)
        chosen = cell_point[start:end][np.maximum(owner, 0)]
        final[start:end] = np.where(owner == WITHHELD, WITHHELD, chosen)
        summary.cells += len(np.unique(chosen[owner != WITHHELD]))
    result = final[cell_of]
    published[mapped] = result
    withheld = result == WITHHELD
    summary.withheld_small += int(withheld.sum())
    summary.merged += int(((result != own) & ~withheld).sum())
    summary.at_own_point += int((result == own).sum())
    return published


def _persistent_id_sql() -> str:
    """The Crime ID when it is police.uk's 64 hexadecimal characters; for a crime without one (a demo
    point placed from a count) the SHA-256 of its source key, since police.uk gives every crime a
    persistent id and clients look crimes up by it; "" for ASB, which police.uk gives none."""
    asb = Category.ANTI_SOCIAL_BEHAVIOUR.value
    if connection.vendor == "postgresql":
        return (
            "CASE WHEN i.crime_id ~ '^[0-9a-fA-F]{64}$' THEN i.crime_id "
            f"WHEN i.category = '{asb}' THEN '' "
            "ELSE encode(sha256(convert_to(i.source_key, 'UTF8')), 'hex') END"
        )
    connection.ensure_connection()
    connection.connection.create_function(
        "sn_sha256_hex", 1, lambda text: hashlib.sha256(text.encode()).hexdigest(), deterministic=True
    )
    return (
        "CASE WHEN length(i.crime_id) = 64 AND i.crime_id NOT GLOB '*[^0-9a-fA-F]*' THEN i.crime_id "
        f"WHEN i.category = '{asb}' THEN '' ELSE sn_sha256_hex(i.source_key) END"
    )


def _write(ids: np.ndarray, published: np.ndarray) -> None:
    """Insert the published crimes (their months already emptied): the (incident, snap point) pairs
    through a staging table, and one INSERT ... SELECT joining them to the incidents and snap points, in
    the order of the incidents' ids, so that both tables are read and written in primary-key order."""
    order = np.argsort(ids)
    pairs = zip(ids[order].tolist(), [None if p < 0 else p for p in published[order].tolist()], strict=True)
    table, incident, point = (
        PublishedCrime._meta.db_table,
        Incident._meta.db_table,
        SnapPoint._meta.db_table,
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE} (incident_id bigint, snap_point_id bigint)"
            )
            cursor.execute(f"TRUNCATE {STAGE}")
            with cursor.cursor.copy(f"COPY {STAGE} (incident_id, snap_point_id) FROM STDIN") as copy:
                for pair in pairs:
                    copy.write_row(pair)
        else:
            # SQLite's default page cache (2 MB) makes most index updates a read from the OS.
            cursor.execute("PRAGMA cache_size")
            if cursor.fetchone()[0] > -SQLITE_CACHE_KIB:
                cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {STAGE} (incident_id integer, snap_point_id integer)"
            )
            cursor.execute(f"DELETE FROM {STAGE}")
            cursor.executemany(f"INSERT INTO {STAGE} (incident_id, snap_point_id) VALUES (%s, %s)", pairs)
        cursor.execute(
            f"INSERT INTO {table} (id, persistent_id, month, category, neighbourhood_id, snap_point_id, "
            "latitude, longitude, street_name, outcome_category, outcome_month) "
            f"SELECT i.id, {_persistent_id_sql()}, i.month, i.category, i.neighbourhood_id, s.id, "
            "s.latitude, s.longitude, coalesce(s.name, ''), i.last_outcome_category, i.last_outcome_month "
            f"FROM {STAGE} t JOIN {incident} i ON i.id = t.incident_id "
            f"LEFT JOIN {point} s ON s.id = t.snap_point_id"
        )
        cursor.execute(f"DELETE FROM {STAGE}")


def _unpublish(months: list[date] | None) -> None:
    """Delete the published crimes of `months` (every month when None). In SQL, not QuerySet.delete():
    the audit's post_delete receiver would make Django fetch every row first."""
    table = PublishedCrime._meta.db_table
    with connection.cursor() as cursor:
        if months is None:
            cursor.execute(f"DELETE FROM {table}")
        elif months:
            cursor.execute(f"DELETE FROM {table} WHERE month IN ({', '.join(['%s'] * len(months))})", months)


def published_crimes_rebuild(
    *, months: Iterable[date | str] | None = None, progress: Callable[[str], None] | None = None
) -> PublishSummary:
    """Rebuild the published layer for `months` (every month incidents hold when None), in one
    transaction: the same incidents give the same published crimes every time. `progress` hears a line
    per month."""
    started = time.perf_counter()
    asked = None if months is None else sorted({_as_date(m) for m in months})
    summary = PublishSummary()
    with transaction.atomic():
        summary.new_police_uk_points = police_uk_points_sync()
        snaps = snapper()
        found, crimes = _read(asked)
        if progress:
            progress(f"Read {len(crimes.get('id', [])):,} crimes and ASB incidents of {len(found)} month(s)")
        # Every month asked for is emptied first: one no incident holds any more stays empty.
        _unpublish(asked)
        if found:
            published = _publish(snaps, crimes, summary)
            _write(crimes["id"], published)
            for number, month in enumerate(found):
                of_month = crimes["month"] == number
                at_points = int((published[of_month] != WITHHELD).sum())
                if progress:
                    count = int(of_month.sum())
                    progress(f"{month:%Y-%m}: {count:,} crimes published, {at_points:,} at map points")
            summary.months, summary.crimes = len(found), len(published)
        # Now for this process (and its tests), and again once committed for every other process.
        published_version_bump()
        transaction.on_commit(published_version_bump)
    summary.new_grid_points = snaps.created_grid
    summary.seconds = time.perf_counter() - started
    return summary


def published_outcomes_refresh() -> int:
    """Copy each crime's latest outcome onto its published crime, where it differs (after an outcomes
    file, which changes outcomes but no location or count). Returns how many were changed."""
    table, incident = PublishedCrime._meta.db_table, Incident._meta.db_table
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET outcome_category = i.last_outcome_category, "
            f"outcome_month = i.last_outcome_month FROM {incident} i WHERE i.id = {table}.id AND "
            f"({table}.outcome_category {differs} i.last_outcome_category "
            f"OR {table}.outcome_month {differs} i.last_outcome_month)"
        )
        changed = cursor.rowcount
    if changed:
        published_version_bump()
        transaction.on_commit(published_version_bump)
    return changed
