"""What an import tells people: a summary per file, a progress bar on a terminal, a rejected-rows CSV."""

import csv
import io
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from sn.core.exports import safe_cell
from sn.incidents.parsing import RowProblem

REJECTS_LISTED = 10_000  # rows listed in a report per file; all are counted


@dataclass
class FileResult:
    """What one file did. Every row read ends in exactly one of: imported, updated, unchanged, repeated,
    outside area, other force, no location, not held, rejected (so the figures add up to rows read);
    `kept_without_place` and `replaced` say more about rows already counted."""

    name: str
    kind: str
    status: str = "imported"
    rows_read: int = 0
    imported: int = 0  # new records written
    updated: int = 0  # records held already, now changed
    unchanged: int = 0  # records held already, exactly as the row says
    repeated: int = 0  # rows that a later row of the same record in the same file supersedes
    outside_area: int = 0  # placed (by coordinates or LSOA) outside every area of the force
    other_force: int = 0  # rows that fall within another force, wherever their point lies
    no_location: int = 0  # street rows with neither coordinates nor a known LSOA: cannot be placed
    not_held: int = 0  # outcomes naming a crime that is not held
    rejected: int = 0
    kept_without_place: int = 0  # stops with no coordinates: kept (imported or held), in no area
    replaced: int = 0  # placed demo points that this file's records replaced
    seconds: float = 0.0
    message: str = ""
    months: set[date] = field(default_factory=set)
    problems: list[RowProblem] = field(default_factory=list)
    other_forces: set[str] = field(default_factory=set)

    FIGURES = (
        ("imported", "imported"),
        ("updated", "updated"),
        ("unchanged", "unchanged"),
        ("repeated", "repeated in file"),
        ("outside_area", "outside area"),
        ("other_force", "other force"),
        ("no_location", "no location"),
        ("not_held", "crime not held"),
        ("rejected", "rejected"),
    )

    def clear_counts(self) -> None:
        """A rejected file wrote nothing: only rows read and rejected stay."""
        for name, _ in self.FIGURES:
            if name != "rejected":
                setattr(self, name, 0)
        self.kept_without_place = self.replaced = 0
        self.months = set()

    def summary_line(self) -> str:
        figures = [f"rows read {self.rows_read}"]
        for name, label in self.FIGURES:
            value = getattr(self, name)
            # The figures every file can have are always shown; the others when they happened.
            if value or name in {"imported", "updated", "unchanged", "outside_area", "rejected"}:
                figures.append(f"{label} {value}")
        if self.kept_without_place:
            figures.append(f"kept with no location {self.kept_without_place}")
        if self.replaced:
            figures.append(f"placed demo points replaced {self.replaced}")
        line = f"{self.name}: {', '.join(figures)}, {self.seconds:.1f} s"
        if self.status == "rejected":
            line += f"\n  REJECTED, nothing written: {self.message}"
        elif self.message:
            line += f"\n  {self.message}"
        return line


def explanation(result: FileResult) -> str:
    """A plain sentence for what the figures alone would leave a reader to puzzle out."""
    read = result.rows_read - result.rejected
    if read and result.other_force == read:
        forces = ", ".join(sorted(result.other_forces)) or "another force"
        return f"Another force's file: all {read} rows fall within {forces}; nothing was imported."
    notes = []
    if result.other_force:
        forces = ", ".join(sorted(result.other_forces))
        notes.append(f"{result.other_force} rows fall within another force ({forces}) and were left out")
    if result.not_held:
        notes.append(f"{result.not_held} outcomes name crimes that are not held")
    if result.replaced:
        notes.append(f"{result.replaced} placed demo points were replaced by these records")
    return "; ".join(notes)


class Progress:
    """A one-line bar on stderr when it is a terminal; silent otherwise."""

    def __init__(
        self,
        name: str,
        total_bytes: int,
        stream: TextIO | None = None,
        callback: Callable[[int, int], None] | None = None,
        bytes_per_row: float | None = None,
    ):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        # Told (bytes read, rows read) at every update: a background job's progress (sn.incidents.jobs).
        self.callback = callback
        self.name = name if len(name) <= 40 else "..." + name[-37:]
        self.total = total_bytes
        # Rows done times this caps the bytes read, which run ahead of the rows written (read-ahead).
        self.bytes_per_row = bytes_per_row
        self.started, self.last = time.perf_counter(), 0.0

    def update(self, done_bytes: int, rows: int, *, force: bool = False) -> None:
        if self.bytes_per_row:
            done_bytes = min(done_bytes, round(rows * self.bytes_per_row))
        if self.callback is not None:
            self.callback(done_bytes, rows)
        if not self.enabled:
            return
        now = time.perf_counter()
        if not force and now - self.last < 0.2:
            return
        self.last = now
        fraction = min(done_bytes / self.total, 1.0) if self.total else 0.0
        bar = "#" * int(fraction * 30)
        rate = rows / max(now - self.started, 1e-9)
        self.stream.write(f"\r{self.name} [{bar:<30}] {fraction:4.0%} {rows:,} rows ({rate:,.0f}/s)")
        self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 100 + "\r")
            self.stream.flush()


class RejectsReport:
    """file, line, reason, raw row: one CSV line per rejected row, across all files of a command.

    People open it in a spreadsheet and the rows are whatever a bad file held, so it is written like
    every download (sn.core.exports): a byte-order mark, and formula-like text kept as text."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.handle = self.path.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.writer(self.handle)
        self.writer.writerow(["file", "line", "reason", "raw_row"])

    def add(self, file_name: str, problems: list[RowProblem]) -> None:
        for problem in problems:
            raw = io.StringIO()
            csv.writer(raw, lineterminator="").writerow(problem.raw)
            row = [file_name, problem.line, problem.reason, raw.getvalue()]
            self.writer.writerow([safe_cell(v) for v in row])

    def close(self) -> None:
        self.handle.close()
