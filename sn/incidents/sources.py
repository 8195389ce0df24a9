"""Where import files come from: plain CSVs, .csv.gz, police.uk .zip archives and directories.

Each input becomes a Source: a display name and a way to open its text. Reading goes through a
counting, hashing wrapper so the importer learns the sha256 and the progress of the decompressed CSV
without a second pass over the file. A file that cannot be opened as what its name says (a zip that
is not one or holds no CSV, a .gz that is not gzip) is still a Source, with the problem: the importer
refuses it with its name and records the refusal, and the other files go on.
"""

import csv
import gzip
import hashlib
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from sn.incidents.kinds import SourceKind, kind_of_header

READ_BLOCK = 1 << 20
# What reading a file, or inflating it, raises when its bytes are not what they should be.
READ_ERRORS = (csv.Error, UnicodeDecodeError, EOFError, OSError, zlib.error, zipfile.BadZipFile)
_GZIP_MAGIC = b"\x1f\x8b"
# The zip methods Python's zipfile can read; others (deflate64, from some Windows tools) are refused.
_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


@dataclass(frozen=True)
class Source:
    name: str
    opener: Callable[[], io.BufferedIOBase]
    size: int  # bytes of decompressed CSV when known, else 0
    walked: bool = False  # found inside a directory or archive rather than named by the user
    problem: str = ""  # why it cannot be opened at all, as a message ends: "not a zip archive (...)"


class UnreadableSource(Exception):
    """A source whose first line could not be read, so its kind cannot be told from its header."""


def _refused_source(name: str, problem: str, walked: bool) -> Source:
    def unopenable() -> io.BufferedIOBase:
        raise OSError(problem)  # a caller that forgets to check `problem` still gets a read error

    return Source(name, unopenable, 0, walked, problem)


class HashingReader(io.RawIOBase):
    """A binary stream that hashes and counts what passes through it."""

    def __init__(self, raw: io.BufferedIOBase):
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        # Arrow reads through here (sn.incidents.columnar): the bytes are passed on without a copy.
        data = self.raw.read(size)
        self.sha256.update(data)
        self.bytes_read += len(data)
        return data

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


@contextmanager
def open_bytes(source: Source) -> Iterator[HashingReader]:
    """The source's bytes, hashed and counted as they are read (Arrow decodes them itself)."""
    raw = source.opener()
    try:
        yield HashingReader(raw)
    finally:
        raw.close()


SAMPLE_BYTES = 1 << 20


def bytes_per_row(source: Source) -> float | None:
    """The mean length of a line over the file's first megabyte, or None when it cannot be read. Arrow
    reads tens of megabytes ahead of the rows it has handed over, so the bytes read overstate how far
    an import has got; rows done times this is the fairer measure."""
    try:
        with closing(source.opener()) as raw:
            sample = raw.read(SAMPLE_BYTES)
    except (OSError, EOFError, ValueError):
        return None
    lines = sample.count(b"\n")
    return len(sample) / lines if lines else None


def _gzip_size(path: Path) -> int:
    """The uncompressed size from a gzip trailer (modulo 4 GiB, as gzip stores it); 0 if it has none."""
    with path.open("rb") as handle:
        if handle.seek(0, os.SEEK_END) < 4:
            return 0
        handle.seek(-4, os.SEEK_END)
        return int.from_bytes(handle.read(4), "little")


def _gzip_problem(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            start = handle.read(len(_GZIP_MAGIC))
    except OSError as error:
        return f"cannot be opened ({error.strerror or error})"
    # gzip.open() only finds this out on the first read, as an error naming no file.
    return "" if start == _GZIP_MAGIC else "not a gzip file, though its name ends .gz"


def _file_source(path: Path, walked: bool) -> Source:
    if path.name.endswith(".gz"):
        if problem := _gzip_problem(path):
            return _refused_source(str(path), problem, walked)
        return Source(str(path), lambda: gzip.open(path, "rb"), _gzip_size(path), walked)
    return Source(str(path), lambda: path.open("rb"), path.stat().st_size, walked)


def _member_problem(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x1:
        return "encrypted; police.uk archives are not"
    if info.compress_type not in _ZIP_METHODS:
        return f"compressed with a method this import cannot read (zip method {info.compress_type})"
    return ""


def _zip_sources(path: Path, walked: bool) -> list[Source]:
    try:
        with zipfile.ZipFile(path) as archive:
            members = sorted(
                (info for info in archive.infolist() if info.filename.lower().endswith(".csv")),
                key=lambda info: info.filename,
            )
    except zipfile.BadZipFile as error:
        return [_refused_source(str(path), f"not a zip archive ({error})", walked)]
    except OSError as error:
        return [_refused_source(str(path), f"cannot be opened ({error.strerror or error})", walked)]
    if not members:
        return [_refused_source(str(path), "the archive holds no CSV file", walked)]

    def opener(member: str) -> Callable[[], io.BufferedIOBase]:
        def open_member() -> io.BufferedIOBase:
            archive = zipfile.ZipFile(path)
            handle = archive.open(member)
            return _ClosingMember(handle, archive)

        return open_member

    return [
        _refused_source(f"{path}:{m.filename}", problem, True)
        if (problem := _member_problem(m))
        else Source(f"{path}:{m.filename}", opener(m.filename), m.file_size, True)
        for m in members
    ]


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
                    _zip_sources(found, True)
                    if found.suffix.lower() == ".zip"
                    else [_file_source(found, True)]
                )
        elif path.suffix.lower() == ".zip":
            sources.extend(_zip_sources(path, False))
        elif path.exists():
            sources.append(_file_source(path, False))
        else:
            raise FileNotFoundError(f"{path}: no such file or directory")
    return sources


def detect_kind(source: Source) -> SourceKind | None:
    """The police.uk kind of a source from its header, or None when it is not police.uk. A source
    whose header cannot be read is UnreadableSource, with the reason: it is not "not police.uk"."""
    try:
        with open_text(source) as (text, _):
            header = next(csv.reader(text), [])
    except READ_ERRORS as error:
        raise UnreadableSource(f"the file cannot be read: {error}") from error
    return kind_of_header(header)
