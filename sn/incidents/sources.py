"""Where import files come from: plain CSVs, .csv.gz, police.uk .zip archives and directories.

Each input becomes a Source: a display name and a way to open its text. Reading goes through a
counting, hashing wrapper so the importer learns the sha256 and the progress of the decompressed CSV
without a second pass over the file.
"""

import csv
import gzip
import hashlib
import io
import os
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sn.incidents.kinds import SourceKind, kind_of_header

READ_BLOCK = 1 << 20


@dataclass(frozen=True)
class Source:
    name: str
    opener: Callable[[], io.BufferedIOBase]
    size: int  # bytes of decompressed CSV when known, else 0
    walked: bool = False  # found inside a directory or archive rather than named by the user


class HashingReader(io.RawIOBase):
    """A binary stream that hashes and counts what passes through it."""

    def __init__(self, raw: io.BufferedIOBase):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        self.sha256.update(data)
        self.bytes_read += count
        return count


@contextmanager
def open_text(source: Source) -> Iterator[tuple[io.TextIOWrapper, HashingReader]]:
    raw = source.opener()
    hashing = HashingReader(raw)
    text = io.TextIOWrapper(io.BufferedReader(hashing, READ_BLOCK), encoding="utf-8-sig", newline="")
    try:
        yield text, hashing
    finally:
        text.close()
        raw.close()


def _gzip_size(path: Path) -> int:
    """The uncompressed size from a gzip trailer (modulo 4 GiB, as gzip stores it)."""
    with path.open("rb") as handle:
        handle.seek(-4, os.SEEK_END)
        return int.from_bytes(handle.read(4), "little")


def _file_source(path: Path, walked: bool) -> Source:
    if path.name.endswith(".gz"):
        return Source(str(path), lambda: gzip.open(path, "rb"), _gzip_size(path), walked)
    return Source(str(path), lambda: path.open("rb"), path.stat().st_size, walked)


def _zip_sources(path: Path) -> list[Source]:
    with zipfile.ZipFile(path) as archive:
        members = sorted(
            (info for info in archive.infolist() if info.filename.lower().endswith(".csv")),
            key=lambda info: info.filename,
        )

    def opener(member: str) -> Callable[[], io.BufferedIOBase]:
        def open_member() -> io.BufferedIOBase:
            archive = zipfile.ZipFile(path)
            handle = archive.open(member)
            return _ClosingMember(handle, archive)

        return open_member

    return [Source(f"{path}:{m.filename}", opener(m.filename), m.file_size, True) for m in members]


class _ClosingMember(io.RawIOBase):
    """A zip member that closes its archive with it."""

    def __init__(self, handle, archive: zipfile.ZipFile):
        self.handle, self.archive = handle, archive

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self.handle.read(size)

    def readinto(self, buffer) -> int:
        data = self.handle.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self.handle.close()
        self.archive.close()
        super().close()


def _is_import_file(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".csv", ".csv.gz", ".zip"))


def expand(paths: list[str | Path]) -> list[Source]:
    """Every CSV a list of paths names: files as given, directories walked, archives opened."""
    sources: list[Source] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file() and _is_import_file(p.name)):
                sources.extend(
                    _zip_sources(found) if found.suffix.lower() == ".zip" else [_file_source(found, True)]
                )
        elif path.suffix.lower() == ".zip":
            sources.extend(_zip_sources(path))
        elif path.exists():
            sources.append(_file_source(path, False))
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
    return sources


def detect_kind(source: Source) -> SourceKind | None:
    """The police.uk kind of a source from its header, or None (not police.uk, or unreadable)."""
    try:
        with open_text(source) as (text, _):
            header = next(csv.reader(text), [])
    except (OSError, UnicodeDecodeError, EOFError, zipfile.BadZipFile, csv.Error):
        return None
    return kind_of_header(header)
