"""Turning a parsed chunk into writes: keys, neighbourhoods, and the counts an import reports.

One handler per police.uk kind (sn.incidents.kinds names which), each living for one file (the
keyless-row occurrence counter is per file) and given its kind, whose columns say what to write. They
run inside the file's transaction.
"""

from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np
from django.conf import settings
from django.db import connection

from sn.geography.locate import NOT_FOUND, Locator
from sn.incidents.keys import OccurrenceKeys
from sn.incidents.models import CountSource, Incident, StopSearch
from sn.incidents.parsing import Columns
from sn.incidents.reporting import FileResult
from sn.incidents.rollup import coverage_record, placed_points_replace
from sn.incidents.writers import raw_connection, write_incidents

if TYPE_CHECKING:  # the kinds name these handlers, so they can only be imported for type checking
    from sn.incidents.kinds import SourceKind

LOOKUP_BATCH = 500
NO_LOCATION = -2  # neither coordinates nor an LSOA: the row cannot be placed at all
OTHER_FORCE = -3  # falls within another force: never placed in our areas
RECORDS_LABEL = "police.uk street records"


def ours(columns: Columns, result: FileResult) -> np.ndarray:
    """Which rows fall within the force the platform serves (settings.SN_POLICE_FORCE_NAME); the others
    are counted as another force's and their forces named. A row that names no force is taken as ours."""
    force = settings.SN_POLICE_FORCE_NAME.strip().casefold()
    falls_within = columns.values["falls_within"]
    if not force:
        return np.ones(len(columns), dtype=bool)
    names = {name: (not name.strip() or name.strip().casefold() == force) for name in set(falls_within)}
    mask = np.fromiter((names[name] for name in falls_within), dtype=bool, count=len(columns))
    others = [name.strip() for name, is_ours in names.items() if not is_ours]
    if others:
        result.other_forces.update(others)
        result.other_force += int(len(columns) - mask.sum())
    return mask


def _none_for_nan(values: np.ndarray) -> list[float | None]:
    return [None if x != x else x for x in values.tolist()]


def _locate(columns: Columns, locator: Locator) -> np.ndarray:
    """Neighbourhood id per row by point in polygon, NOT_FOUND outside every area or with no point."""
    found = np.full(len(columns), NOT_FOUND, dtype=np.int64)
    has_point = ~np.isnan(columns.longitude)
    if has_point.any():
        found[has_point] = locator.locate_many(columns.latitude[has_point], columns.longitude[has_point])
    return found


class StreetHandler:
    """Writes each chunk in a worker thread while the caller parses the next one: the database works in
    its own process (or, for SQLite, without the GIL), so parsing and writing overlap. At most one chunk
    is in flight, so memory stays at about two chunks whatever the file size."""

    def __init__(self, kind: "SourceKind", result: FileResult, locator: Locator, lsoa_ids: dict[str, int]):
        self.result, self.locator, self.lsoa_ids = result, locator, lsoa_ids
        self.columns = kind.columns
        self.keys = OccurrenceKeys()
        self.raw = raw_connection()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="incident-writer")
        self.pending: tuple[Future, int] | None = None
        self.cells: set[tuple[str, str]] = set()  # (month, category) of our force's rows

    def _collect(self) -> None:
        if self.pending is None:
            return
        future, written = self.pending
        self.pending = None
        inserted, updated = future.result()
        self.result.imported += inserted
        self.result.updated += updated
        self.result.unchanged += written - inserted - updated

    def close(self) -> None:
        """Wait for the chunk in flight (its error, if any, is raised here), then record what the file
        covers: its records replace any points placed from counts for the same month and category."""
        try:
            self._collect()
        finally:
            self.pool.shutdown(wait=True)
        if self.cells:
            coverage_record(cells=self.cells, source=CountSource.RECORDS, label=RECORDS_LABEL)
            self.result.replaced += placed_points_replace(cells=self.cells)

    def write(self, columns: Columns) -> None:
        v = columns.values
        mine = ours(columns, self.result)
        keys = list(v["crime_id"])
        keyless = [i for i, crime_id in enumerate(keys) if not crime_id]
        if keyless:
            for i, key in zip(keyless, self.keys.keys_for([columns.raw[i] for i in keyless]), strict=True):
                keys[i] = key
        where = _locate(columns, self.locator)
        for i in np.flatnonzero(np.isnan(columns.longitude)).tolist():
            lsoa = v["lsoa_code"][i]
            where[i] = self.lsoa_ids.get(lsoa, NOT_FOUND) if lsoa else NO_LOCATION
        where[~mine] = OTHER_FORCE
        months, categories = np.asarray(v["month"])[mine].tolist(), np.asarray(v["category"])[mine].tolist()
        self.cells.update(zip(months, categories, strict=True))
        self.result.no_location += int((where == NO_LOCATION).sum())
        self.result.outside_area += int((where == NOT_FOUND).sum())
        kept = np.flatnonzero(where >= 0)
        picked = _unique_last(keys, kept.tolist())
        written = len(kept) if picked is None else len(picked)
        self.result.repeated += len(kept) - written
        chunk = {**v, "longitude": columns.longitude, "latitude": columns.latitude}
        chunk |= {"source_key": keys, "neighbourhood_id": where}
        if picked is not None:
            chunk = {
                name: values[picked] if isinstance(values, np.ndarray) else [values[i] for i in picked]
                for name, values in chunk.items()
            }
        for name in ("longitude", "latitude"):
            chunk[name] = _none_for_nan(chunk[name])
        chunk["neighbourhood_id"] = chunk["neighbourhood_id"].tolist()
        chunk["placed"] = repeat(False, len(chunk["source_key"]))
        self.result.months.update(date.fromisoformat(month) for month in set(chunk["month"]))
        rows = zip(*(chunk[column.name] for column in self.columns), strict=False)  # read by the writer
        self._collect()
        self.pending = (self.pool.submit(write_incidents, rows, self.columns, self.raw), written)


def _unique_last(keys: list[str], kept: list[int]) -> list[int] | None:
    """The rows to write, in file order: those kept, and of a source key repeated within the chunk only
    the last (its earlier rows add nothing). None when that is every row, as it nearly always is."""
    if len(kept) == len(keys) and len(set(keys)) == len(keys):
        return None
    last = {keys[i]: i for i in kept}
    return sorted(last.values())


def _older_or_same(held: tuple[str, date | None], outcome: str, when: date) -> bool:
    held_outcome, held_month = held
    return (held_month is not None and when < held_month) or (held_outcome, held_month) == (outcome, when)


class OutcomesHandler:
    """Sets each crime's last outcome: the latest month wins, so files may come in any order."""

    def __init__(self, kind: "SourceKind", result: FileResult, locator: Locator, lsoa_ids: dict[str, int]):
        self.result = result

    def close(self) -> None:
        pass

    def write(self, columns: Columns) -> None:
        v = columns.values
        mine = ours(columns, self.result).tolist()
        latest: dict[str, tuple[date, str]] = {}
        rows = zip(v["crime_id"], v["month"], v["outcome_type"], mine, strict=True)
        for crime_id, month, outcome, is_ours in rows:
            when = date.fromisoformat(month)
            if is_ours and (crime_id not in latest or when >= latest[crime_id][0]):
                latest[crime_id] = (when, outcome)
        # Of several rows for one crime only the latest counts; the others are repeats, held or not.
        self.result.repeated += sum(mine) - len(latest)
        held: dict[str, tuple[str, date | None]] = {}
        ids = list(latest)
        for start in range(0, len(ids), LOOKUP_BATCH):
            batch = Incident.objects.filter(source_key__in=ids[start : start + LOOKUP_BATCH])
            held.update(
                (k, (c, m))
                for k, c, m in batch.values_list("source_key", "last_outcome_category", "last_outcome_month")
            )
        updates = []
        for crime_id, (when, outcome) in latest.items():
            if crime_id not in held:
                self.result.not_held += 1
            elif _older_or_same(held[crime_id], outcome, when):
                self.result.unchanged += 1
            else:
                updates.append((outcome, when, crime_id))
        if updates:
            table = Incident._meta.db_table
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"UPDATE {table} SET last_outcome_category = %s, last_outcome_month = %s "
                    "WHERE source_key = %s",
                    updates,
                )
        self.result.updated += len(updates)


class StopsHandler:
    """Stops carry no id: the key is the row's hash with its occurrence number (sn.incidents.keys).
    Stops with no coordinates are kept with no neighbourhood; those placed outside the force are not."""

    def __init__(self, kind: "SourceKind", result: FileResult, locator: Locator, lsoa_ids: dict[str, int]):
        self.result, self.locator = result, locator
        self.keys = OccurrenceKeys()

    def close(self) -> None:
        pass

    def write(self, columns: Columns) -> None:
        v = columns.values
        keys = self.keys.keys_for(columns.raw)
        where = _locate(columns, self.locator).tolist()
        has_point = (~np.isnan(columns.longitude)).tolist()
        lngs, lats = _none_for_nan(columns.longitude), _none_for_nan(columns.latitude)
        candidates = {}
        for i, key in enumerate(keys):
            if has_point[i] and where[i] == NOT_FOUND:
                self.result.outside_area += 1
                continue
            if not has_point[i]:
                self.result.kept_without_place += 1
            candidates[key] = StopSearch(
                source_key=key,
                latitude=lats[i],
                longitude=lngs[i],
                neighbourhood_id=where[i] if has_point[i] else None,
                **{name: values[i] for name, values in v.items()},  # every other field, named as the model's
            )
        held: dict[str, int | None] = {}
        ids = list(candidates)
        for start in range(0, len(ids), LOOKUP_BATCH):
            batch = StopSearch.objects.filter(source_key__in=ids[start : start + LOOKUP_BATCH])
            held.update(batch.values_list("source_key", "neighbourhood_id"))
        new = [stop for key, stop in candidates.items() if key not in held]
        moved = [
            stop for key, stop in candidates.items() if key in held and held[key] != stop.neighbourhood_id
        ]
        if moved:
            ids_by_key = dict(
                StopSearch.objects.filter(source_key__in=[s.source_key for s in moved]).values_list(
                    "source_key", "id"
                )
            )
            for stop in moved:
                stop.pk = ids_by_key[stop.source_key]
            StopSearch.objects.bulk_update(moved, ["neighbourhood"], batch_size=1000)
        StopSearch.objects.bulk_create(new, batch_size=1000)
        self.result.imported += len(new)
        self.result.updated += len(moved)
        self.result.unchanged += len(candidates) - len(new) - len(moved)
