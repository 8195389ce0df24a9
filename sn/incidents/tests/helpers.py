"""Small helpers for the incident tests: import a path, and write corrupted copies of the fixtures."""

import csv
import gzip
import io
from pathlib import Path

from sn.incidents import demo
from sn.incidents.importing import police_file_import
from sn.incidents.kinds import STREET, SourceKind
from sn.incidents.reporting import FileResult
from sn.incidents.sources import expand

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def import_path(path: Path, kind: SourceKind = STREET, **options) -> FileResult:
    (source,) = expand([path])
    return police_file_import(source=source, kind=kind, **options)


def fixture_lines(name: str) -> list[str]:
    return (FIXTURES / name).read_text(encoding="utf-8").splitlines()


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def borough_demo_files(tmp_path: Path, borough, months: list[str] | None = None) -> None:
    """The shipped ward counts and burglary records cut down to one borough (and some months)."""
    wards = set(borough.neighbourhoods.values_list("code", flat=True))
    with gzip.open(demo.WARD_COUNTS, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    keep = [i for i, name in enumerate(rows[0]) if i < 2 or months is None or name in months]
    counts = [[row[i] for i in keep] for row in rows if row[0] in wards or row is rows[0]]
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(counts)
    (tmp_path / "counts.csv.gz").write_bytes(gzip.compress(text.getvalue().encode()))
    with gzip.open(demo.BURGLARY, "rt", encoding="utf-8", newline="") as handle:
        burglary = list(csv.reader(handle))
    mine = [burglary[0]] + [row for row in burglary[1:] if row[8].startswith(borough.name)]
    text = io.StringIO()
    csv.writer(text, lineterminator="\n").writerows(mine)
    (tmp_path / "burglary.csv").write_text(text.getvalue(), encoding="utf-8")
