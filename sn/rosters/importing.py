"""Importing calls for service (`sn import-calls FILE`): each file all or nothing, safe to run again.

A file is CSV (or .csv.gz) with a header naming at least `time`, `location` and `type`, and optionally
`reference` (the command-and-control system's call reference):
- time: ISO 8601, "2026-03-01 18:42" or "2026-03-01T18:42:00", local (London) time unless it carries an
  offset;
- location: "lat,lng" (quoted in the CSV, as it holds a comma), placed in its ward by the geography
  app's locator as crimes are, or a ward's code (E05...);
- type: what the call was about (up to 60 characters).
Arrow reads the file (fast, and .gz without help). Every row is checked before anything is written, and
a file with any bad row writes nothing: the message names each bad line (the header is line 1). A call
is known by its reference or, in a file without references, by a digest of the row and how many times
the same row came before it in the file; importing the same file again finds every call held and
writes nothing, and says so. A point outside every ward is counted and left out, as in the crime
import. Each file leaves a DutyImport of kind "calls", imported or rejected, with its figures.
"""

import csv
import gzip
import hashlib
import io
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TextIO

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from django.db import transaction
from django.utils import timezone

from sn.core.audit import current_actor, current_actor_label, record_bulk_create, record_change
from sn.geography.locate import NOT_FOUND, current_locator
from sn.geography.models import Neighbourhood
from sn.incidents.reporting import Progress
from sn.rosters.models import CallForService
from sn.workforce.models import DutyImport

REQUIRED = ("time", "location", "type")
PROBLEMS_NAMED = 20
BATCH = 5000
TYPE_LENGTH = CallForService._meta.get_field("call_type").max_length
REFERENCE_LENGTH = CallForService._meta.get_field("source_reference").max_length
_POINT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass
class CallsResult:
    name: str
    status: str = DutyImport.Status.IMPORTED
    rows_read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    repeated: int = 0  # rows whose reference an earlier row of the file already gave
    outside_area: int = 0
    rejected: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        if self.status == DutyImport.Status.REJECTED:
            more = self.rejected - len(self.problems)
            return "; ".join(self.problems) + (f" (and {more} more rejected rows)" if more > 0 else "")
        if not (self.imported or self.updated):
            return "Every call in the file is held already: nothing changed."
        return ""

    def summary_line(self) -> str:
        figures = (
            f"rows read {self.rows_read}, imported {self.imported}, updated {self.updated}, "
            f"unchanged {self.unchanged}, outside area {self.outside_area}, rejected {self.rejected}"
        )
        if self.repeated:
            figures += f", repeated in file {self.repeated}"
        line = f"{self.name}: {figures}, {self.seconds:.1f} s"
        if self.status == DutyImport.Status.REJECTED:
            return line + f"\n  REJECTED, nothing written: {self.message}"
        return line + (f"\n  {self.message}" if self.message else "")

    def reject(self, line: int, reason: str) -> None:
        self.rejected += 1
        if len(self.problems) < PROBLEMS_NAMED:
            self.problems.append(f"line {line}: {reason}")


def _structure_problem(text: str) -> tuple[int, str]:
    """Where the csv module finds the row Arrow could not read: a row with the wrong number of fields."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, [])
    for row in reader:
        if len(row) != len(header):
            return reader.line_num, f"{len(row)} fields where the header has {len(header)}"
    return 1, "the file cannot be read as CSV"


def _table(data: bytes, result: CallsResult) -> pa.Table | None:
    try:
        return pacsv.read_csv(
            pa.BufferReader(data),
            read_options=pacsv.ReadOptions(block_size=1 << 22),
            parse_options=pacsv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in (*REQUIRED, "reference")},
                strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            result.reject(1, "the file is not UTF-8 text")
            return None
        if not text.strip():
            result.reject(1, "the file is empty")
            return None
        line, reason = _structure_problem(text)
        result.reject(line, reason if line > 1 else f"{reason} ({error})")
        return None


def _time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


@dataclass
class _Row:
    line: int
    received_at: datetime
    ward_id: int | None
    lat: float | None
    lng: float | None
    call_type: str
    reference: str


def _parse(table: pa.Table, result: CallsResult) -> list[_Row]:
    columns = {name.strip().lower(): name for name in table.column_names}
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        result.reject(1, f"the header has no {', '.join(missing)} column (it needs time, location and type)")
        return []
    times = table.column(columns["time"]).to_pylist()
    locations = table.column(columns["location"]).to_pylist()
    types = table.column(columns["type"]).to_pylist()
    references = table.column(columns["reference"]).to_pylist() if "reference" in columns else None
    wards = dict(Neighbourhood.objects.filter(kind="ward").values_list("code", "id"))
    rows, seen = [], {}
    for index, (when, where, kind) in enumerate(zip(times, locations, types, strict=True)):
        line = index + 2
        received_at = _time(when)
        if received_at is None:
            result.reject(line, f"time {when!r} is not a date and time like 2026-03-01 18:42")
            continue
        kind = kind.strip()
        if not kind or len(kind) > TYPE_LENGTH:
            result.reject(line, f"type is {'empty' if not kind else f'longer than {TYPE_LENGTH} characters'}")
            continue
        lat = lng = ward_id = None
        point = _POINT.match(where)
        if point:
            lat, lng = float(point.group(1)), float(point.group(2))
            if not (-90 <= lat <= 90 and -180 <= lng <= 180):
                result.reject(line, f"location {where!r} is not a latitude and longitude")
                continue
        else:
            ward_id = wards.get(where.strip())
            if ward_id is None:
                result.reject(line, f"location {where!r} is neither a point (lat,lng) nor a ward code held")
                continue
        reference = (references[index] or "").strip() if references is not None else ""
        if len(reference) > REFERENCE_LENGTH - 4:
            result.reject(line, f"reference is longer than {REFERENCE_LENGTH - 4} characters")
            continue
        if reference:
            reference = f"ref:{reference}"
        else:
            content = f"{received_at.isoformat()}|{where.strip()}|{kind}"
            seen[content] = seen.get(content, 0) + 1
            reference = "row:" + hashlib.sha256(f"{content}|{seen[content]}".encode()).hexdigest()[:56]
        rows.append(_Row(line, received_at, ward_id, lat, lng, kind, reference))
    return rows


def _place(rows: list[_Row], result: CallsResult) -> list[_Row]:
    """Points into their wards (the crime import's locator); those outside every ward counted and left."""
    pointed = [row for row in rows if row.ward_id is None]
    if pointed:
        found = current_locator().locate_many(
            np.array([row.lat for row in pointed]), np.array([row.lng for row in pointed])
        )
        for row, ward_id in zip(pointed, found.tolist(), strict=True):
            row.ward_id = None if ward_id == NOT_FOUND else ward_id
    placed = [row for row in rows if row.ward_id is not None]
    result.outside_area = len(rows) - len(placed)
    return placed


def _held(references: list[str]) -> dict[str, tuple]:
    held = {}
    for start in range(0, len(references), 900):  # SQLite's limit on a query's parameters
        for row in CallForService.objects.filter(
            source_reference__in=references[start : start + 900]
        ).values_list(
            "source_reference", "id", "received_at", "neighbourhood_id", "call_type", "latitude", "longitude"
        ):
            held[row[0]] = row[1:]
    return held


def _record(result: CallsResult, path: Path, sha256: str, actor) -> DutyImport:
    actor = actor or current_actor()
    return DutyImport.objects.create(
        kind="calls",
        actor=actor,
        actor_label=actor.get_username() if actor else current_actor_label(),
        file_name=str(path)[-255:],
        sha256=sha256,
        status=result.status,
        rows_read=result.rows_read,
        imported=result.imported,
        updated=result.updated,
        unchanged=result.unchanged,
        rejected=result.rejected,
        seconds=round(result.seconds, 3),
        message=result.message,
    )


def calls_import(*, path: str | Path, actor=None, progress_stream: TextIO | None = None) -> CallsResult:
    """Import one calls file, all or nothing (see the module's docstring)."""
    path = Path(path)
    started = time.perf_counter()
    result = CallsResult(name=str(path))
    raw = path.read_bytes()
    sha256 = hashlib.sha256(raw).hexdigest()
    try:
        data = gzip.decompress(raw) if path.suffix == ".gz" else raw
    except (OSError, EOFError) as error:
        data = b""
        result.reject(1, f"the file is not the gzip its name says ({error})")
    table = _table(data, result) if not result.rejected else None
    rows = []
    if table is not None:
        result.rows_read = table.num_rows
        rows = _parse(table, result)
    if result.rejected:
        result.status = DutyImport.Status.REJECTED
        result.seconds = time.perf_counter() - started
        _record(result, path, sha256, actor)
        return result
    rows = _place(rows, result)
    unique: dict[str, _Row] = {}
    for row in rows:
        if row.reference in unique:
            result.repeated += 1
        unique[row.reference] = row  # a later row of the same call supersedes an earlier one
    progress = Progress(path.name, len(unique), progress_stream)
    held = _held(list(unique))
    new, changed = [], []
    for reference, row in unique.items():
        values = (row.received_at, row.ward_id, row.call_type, row.lat, row.lng)
        if reference not in held:
            new.append(
                CallForService(
                    received_at=row.received_at,
                    neighbourhood_id=row.ward_id,
                    latitude=row.lat,
                    longitude=row.lng,
                    call_type=row.call_type,
                    source_reference=reference,
                )
            )
        elif held[reference][1:] != values:
            pk = held[reference][0]
            changed.append(
                CallForService(
                    pk=pk,
                    received_at=row.received_at,
                    neighbourhood_id=row.ward_id,
                    latitude=row.lat,
                    longitude=row.lng,
                    call_type=row.call_type,
                )
            )
        else:
            result.unchanged += 1
    with transaction.atomic():
        run = _record(result, path, sha256, actor)
        for call in new:
            call.import_run = run
        for start in range(0, len(new), BATCH):
            CallForService.objects.bulk_create(new[start : start + BATCH])
            progress.update(start + BATCH, start + BATCH)
        CallForService.objects.bulk_update(
            changed, ["received_at", "neighbourhood", "call_type", "latitude", "longitude"], batch_size=BATCH
        )
        record_bulk_create(CallForService, new, f"import-calls {path.name}")
        for call in changed:
            record_change(call, {"import": [None, path.name]})
        result.imported, result.updated = len(new), len(changed)
        result.seconds = time.perf_counter() - started
        DutyImport.objects.filter(pk=run.pk).update(
            imported=result.imported,
            updated=result.updated,
            unchanged=result.unchanged,
            seconds=round(result.seconds, 3),
            message=result.message,
        )
    progress.finish()
    return result


def calls_files_import(*, paths: list[str], actor=None, out=print) -> list[CallsResult]:
    results = []
    for name in paths:
        result = calls_import(path=name, actor=actor, progress_stream=sys.stderr)
        out(result.summary_line())
        results.append(result)
    return results
