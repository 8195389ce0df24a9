"""Importing police.uk files: each file all-or-nothing, streamed in chunks, safe to run again.

A file is read a chunk at a time (memory does not grow with the file), each chunk validated, located
and written inside one transaction for the whole file. It is first read by Arrow (sn.incidents.columnar)
in a thread of its own, so that reading and parsing the next chunk overlaps the database's writing of
this one (the database's pace is then the import's: benchmarks/crime_import.py). A file Arrow cannot
vouch for, a bad one above all, is rolled back and read again with the csv module: the first bad row
rolls the file back; the rest of the file is still read, without writing, so the report lists every bad
row with its line.
Each file leaves an ImportRun: the audit record of what was imported or refused, by whom. What a
file holds and how each stage treats it is its kind's description (sn.incidents.kinds).
"""

import csv
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TextIO

from django.db import transaction

from sn.core.audit import current_actor, current_actor_label
from sn.geography.locate import Locator, current_locator
from sn.incidents.columnar import NotFast, read_chunks
from sn.incidents.disclosure import published_crimes_rebuild, published_outcomes_refresh
from sn.incidents.kinds import OUTCOMES, STREET, SourceKind, header_problem
from sn.incidents.lsoa import lsoa_neighbourhoods
from sn.incidents.models import ImportRun
from sn.incidents.parsing import RowProblem
from sn.incidents.read_ahead import ReadAhead
from sn.incidents.reporting import REJECTS_LISTED, FileResult, Progress, RejectsReport, explanation
from sn.incidents.sources import (
    READ_ERRORS,
    Source,
    UnreadableSource,
    bytes_per_row,
    detect_kind,
    expand,
    open_bytes,
    open_text,
)

CHUNK_ROWS = 50_000


class _Rejected(Exception):
    pass


class _Unreadable(Exception):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line, self.reason = line, reason


def _chunks(reader, size: int) -> Iterator[tuple[list[list[str]], list[int]]]:
    while True:
        rows: list[list[str]] = []
        lines: list[int] = []
        append_row, append_line = rows.append, lines.append
        try:
            for row in islice(reader, size):
                if row:  # a blank line carries nothing; police.uk files have none, edited ones may
                    append_row(row)
                    append_line(reader.line_num)
        except READ_ERRORS as error:
            raise _Unreadable(reader.line_num + 1, f"the file cannot be read here: {error}") from error
        if not rows:
            return
        yield rows, lines


def _reject(result: FileResult, problems: list[RowProblem]) -> None:
    room = REJECTS_LISTED - len(result.problems)
    result.problems.extend(problems[: max(room, 0)])
    result.rejected += len(problems)


def _message(result: FileResult) -> str:
    first = result.problems[0]
    more = result.rejected - 1
    extra = f" (and {more} more rejected row{'s' if more != 1 else ''})" if more > 0 else ""
    return f"{Path(result.name).name}, line {first.line}: {first.reason}{extra}"


def _record(result: FileResult, sha256: str, actor) -> ImportRun:
    # Without an explicit actor, whoever the writes are attributed to (a command's --actor or
    # operating-system user, a request's user) ran the import.
    actor = actor or current_actor()
    return ImportRun.objects.create(
        actor=actor,
        actor_label=actor.get_username() if actor else current_actor_label(),
        file_name=result.name[-255:],
        sha256=sha256,
        kind=result.kind,
        status=result.status,
        rows_read=result.rows_read,
        imported=result.imported,
        updated=result.updated,
        unchanged=result.unchanged,
        outside_area=result.outside_area,
        repeated=result.repeated,
        other_force=result.other_force,
        no_location=result.no_location,
        not_held=result.not_held,
        replaced=result.replaced,
        rejected=result.rejected,
        seconds=round(result.seconds, 3),
        message=result.message,
    )


@dataclass(frozen=True)
class _Job:
    """One file to import and how: shared by the two ways through it."""

    source: Source
    kind: SourceKind
    actor: object
    locator: Locator
    lsoa_ids: dict[str, int]
    progress_stream: TextIO | None
    chunk_rows: int
    on_progress: Callable[[int, int], None] | None
    rebuild_rollup: bool
    started: float

    def handler(self, result: FileResult):
        return self.kind.handler(self.kind, result, self.locator, self.lsoa_ids)

    def finish(self, result: FileResult, sha256: str) -> None:
        """Inside the file's transaction, so the run record exists exactly when the rows do."""
        changed = result.imported or result.updated or result.replaced
        if self.rebuild_rollup and self.kind.rollup and changed:
            self.kind.rollup(months=result.months)
        # The published crime layer (the public map, the police.uk API) follows, under disclosure control.
        if self.rebuild_rollup and changed and self.kind is STREET:
            published_crimes_rebuild(months=result.months)
        elif self.rebuild_rollup and changed and self.kind is OUTCOMES:
            published_outcomes_refresh()
        result.message = result.message or explanation(result)
        result.seconds = time.perf_counter() - self.started
        _record(result, sha256, self.actor)


def police_file_import(
    *,
    source: Source,
    kind: SourceKind,
    actor=None,
    locator: Locator | None = None,
    lsoa_ids: dict[str, int] | None = None,
    progress_stream: TextIO | None = None,
    chunk_rows: int = CHUNK_ROWS,
    rebuild_rollup: bool = True,
    on_progress: Callable[[int, int], None] | None = None,
) -> FileResult:
    """Import one police.uk file of `kind` (sn.incidents.kinds), all or nothing.

    A kind with a rollup (street) rebuilds it for the months the file touched, in the same transaction
    (unless `rebuild_rollup` is False: the caller then rebuilds once after many files). `on_progress`
    is told (bytes of CSV read, rows read) after each chunk."""
    if source.problem:
        return _refused(source, kind, source.problem, actor)
    job = _Job(
        source=source,
        kind=kind,
        actor=actor,
        locator=locator or current_locator(),
        lsoa_ids=lsoa_neighbourhoods() if lsoa_ids is None else lsoa_ids,
        progress_stream=progress_stream,
        chunk_rows=chunk_rows,
        rebuild_rollup=rebuild_rollup,
        on_progress=on_progress,
        started=time.perf_counter(),
    )
    try:
        return _columnar_import(job)
    except NotFast:
        # Rolled back: the csv module reads the file again, and says which rows are bad, if any are.
        return _csv_import(job)


def _columnar_import(job: _Job) -> FileResult:
    """The file read and parsed by Arrow in a thread of its own, a chunk ahead of the chunk being
    located and written (sn.incidents.columnar); NotFast, with nothing written, when it cannot be."""
    result = FileResult(name=job.source.name, kind=job.kind.name)
    try:
        with open_bytes(job.source) as hashing:
            progress = Progress(
                job.source.name,
                job.source.size,
                job.progress_stream,
                job.on_progress,
                bytes_per_row=bytes_per_row(job.source),
            )
            chunks = read_chunks(hashing, job.kind, job.chunk_rows)
            with ReadAhead(chunks, name="import-reader") as parsed, transaction.atomic():
                handler = job.handler(result)
                try:
                    for columns in parsed:
                        result.rows_read += len(columns)
                        handler.write(columns)
                        progress.update(hashing.bytes_read, result.rows_read)
                finally:
                    handler.close()  # no write may still be running when the transaction ends
                job.finish(result, hashing.sha256.hexdigest())
            progress.finish()
    except READ_ERRORS as error:  # the csv way reports it, with the line it happened on
        raise NotFast(str(error)) from error
    return result


def _csv_import(job: _Job) -> FileResult:
    """The file read with the csv module: every bad row is named with its line and raw row."""
    source, kind = job.source, job.kind
    result = FileResult(name=source.name, kind=kind.name)
    sha256 = ""
    try:
        with open_text(source) as (text, hashing):
            reader = csv.reader(text)
            progress = Progress(source.name, source.size, job.progress_stream, job.on_progress)
            chunks = _chunks(reader, job.chunk_rows)
            try:
                header = next(reader, None)
                problem = "the file is empty" if header is None else header_problem(header, kind)
                if problem:
                    _reject(result, [RowProblem(1, problem, header or [])])
                    for rows, _ in chunks:
                        result.rows_read += len(rows)
                else:
                    _import_chunks(
                        result,
                        chunks,
                        kind.parse,
                        job.handler(result),
                        lambda: job.finish(result, hashing.sha256.hexdigest()),
                        lambda: progress.update(hashing.bytes_read, result.rows_read),
                    )
            except _Unreadable as error:
                _reject(result, [RowProblem(error.line, error.reason, [])])
            progress.finish()
            sha256 = hashing.sha256.hexdigest()
    except READ_ERRORS as error:
        _reject(result, [RowProblem(1, f"the file cannot be read: {error}", [])])
    result.seconds = time.perf_counter() - job.started
    if result.rejected:
        result.status = ImportRun.Status.REJECTED
        result.clear_counts()
        result.message = _message(result)
        _record(result, sha256, job.actor)
    return result


def _import_chunks(
    result, chunks, parse, handler, finish: Callable[[], None], tick: Callable[[], None]
) -> None:
    """Write every chunk in one transaction; on the first bad chunk roll back and read on for rejects.
    `finish` runs inside the transaction, so the run record exists exactly when the rows do."""
    try:
        with transaction.atomic():
            try:
                for rows, lines in chunks:
                    result.rows_read += len(rows)
                    columns = parse(rows, lines)
                    if columns.problems:
                        _reject(result, columns.problems)
                        raise _Rejected
                    handler.write(columns)
                    tick()
            finally:
                handler.close()  # no write may still be running when the transaction ends
            finish()
    except _Rejected:
        for rows, lines in chunks:
            result.rows_read += len(rows)
            _reject(result, parse(rows, lines).problems)


def police_files_import(
    *,
    paths: list[str | Path],
    kind: SourceKind | None = None,
    actor=None,
    rejects_path: str | Path | None = None,
    out: Callable[[str], None] = print,
    progress_stream: TextIO | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[FileResult]:
    """Import every police.uk file the paths name (files, .gz, .zip, directories walked).

    `progress`, when given, is told (bytes of CSV read, bytes of CSV in all the files, a message) as
    the import goes: a background job's progress bar (sn.incidents.jobs).

    With `kind` None each file's kind comes from its header. With a kind, files named directly are
    imported as that kind (a wrong header is refused); files found in a directory or archive that are
    another police.uk kind are skipped, as a police.uk monthly archive holds all three kinds."""
    sources = expand(paths)
    locator = current_locator()
    lsoa_ids = lsoa_neighbourhoods()
    report = RejectsReport(rejects_path) if rejects_path else None
    results = []
    total_bytes = sum(source.size for source in sources)
    done_before = 0
    try:
        for number, source in enumerate(sources, start=1):
            result = _source_import(
                source,
                kind,
                actor,
                out,
                locator=locator,
                lsoa_ids=lsoa_ids,
                progress_stream=progress_stream,
                on_progress=_file_progress(progress, source, number, len(sources), done_before, total_bytes),
            )
            done_before += source.size
            if result is None:
                continue
            if report and result.problems:
                report.add(result.name, result.problems)
            out(result.summary_line())
            results.append(result)
    finally:
        if report:
            report.close()
    return results


def _file_progress(
    progress: Callable[[int, int, str], None] | None,
    source: Source,
    number: int,
    count: int,
    done_before: int,
    total_bytes: int,
) -> Callable[[int, int], None] | None:
    """One file's (bytes, rows) progress as a share of all the files'."""
    if progress is None:
        return None
    name = Path(source.name.rsplit(":", 1)[-1]).name
    where = f"file {number} of {count}, " if count > 1 else ""
    progress(done_before, total_bytes, f"Reading {where}{name}")

    def tell(done_bytes: int, rows: int) -> None:
        # A gzip's stated size wraps at 4 GiB and may be absent: never past this file's share.
        done = done_before + (min(done_bytes, source.size) if source.size else 0)
        progress(done, total_bytes, f"{where}{name}: {rows:,} rows read")

    return tell


def _source_import(source: Source, kind: SourceKind | None, actor, out, **options) -> FileResult | None:
    """One source imported as `kind`, or as the kind its header shows; None when it is skipped."""
    if source.problem:
        return _refused(source, kind, source.problem, actor)
    try:
        detected = detect_kind(source) if (kind is None or source.walked) else None
    except UnreadableSource as error:
        return _refused(source, kind, str(error), actor)
    if kind and source.walked and detected and detected is not kind:
        out(f"{source.name}: skipped, a police.uk {detected.label.lower()} file")
        return None
    file_kind = kind or detected
    if file_kind is None:
        return _unrecognised(source, actor)
    return police_file_import(source=source, kind=file_kind, actor=actor, **options)


def _refused(source: Source, kind: SourceKind | None, reason: str, actor) -> FileResult:
    """A file refused whole, before any row: not the zip or gzip its name says, no CSV inside, or its
    first line unreadable. Recorded like any refused file, so the import log shows it was tried."""
    result = FileResult(name=source.name, kind=(kind or STREET).name, status=ImportRun.Status.REJECTED)
    result.message = f"{Path(source.name).name}: {reason}"
    _record(result, "", actor)
    return result


def _unrecognised(source: Source, actor) -> FileResult:
    result = FileResult(name=source.name, kind=STREET.name, status=ImportRun.Status.REJECTED)
    _reject(
        result,
        [RowProblem(1, "the header is not a police.uk street, outcomes or stop-and-search header", [])],
    )
    result.message = _message(result)
    _record(result, "", actor)
    return result
