"""Small helpers for the incident tests: import a path, and write corrupted copies of the fixtures."""

from pathlib import Path

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
