"""What an import tells people: a summary per file, a progress bar on a terminal, a rejected-rows CSV."""

import csv
import io
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TextIO

from sn.core.exports import safe_cell
from sn.incidents.parsing import RowProblem

REJECTS_LISTED = 10_000  # rows listed in a report per file; all are counted


@dataclass
class FileResult:
    name: str
    kind: str
    status: str = "imported"
    rows_read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    outside_area: int = 0
    rejected: int = 0
    not_found: int = 0
    seconds: float = 0.0
    message: str = ""
    months: set[date] = field(default_factory=set)
    problems: list[RowProblem] = field(default_factory=list)

    def summary_line(self) -> str:
        line = (
            f"{self.name}: rows read {self.rows_read}, imported {self.imported}, updated {self.updated}, "
            f"unchanged {self.unchanged}, outside area {self.outside_area}, rejected {self.rejected}, "
            f"{self.seconds:.1f} s"
        )
        if self.not_found:
            line += f" ({self.not_found} outcomes for crimes not held)"
        if self.status == "rejected":
            line += f"\n  REJECTED, nothing written: {self.message}"
        return line


class Progress:
    """A one-line bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, name: str, total_bytes: int, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.name = name if len(name) <= 40 else "..." + name[-37:]
        self.total = total_bytes
        self.started, self.last = time.perf_counter(), 0.0

    def update(self, done_bytes: int, rows: int, *, force: bool = False) -> None:
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
