"""The archive: one tar file (.snbackup) holding the database file, manifest.json and manifest.sha256.

manifest.json says what the archive holds (versions, migrations, per-table counts and checksums) and
the size and SHA-256 of the database member; manifest.sha256 is the SHA-256 of manifest.json. Reading
checks all of it before anything is restored: the set of members, the manifest's own checksum, and each
member's size and checksum while it is extracted, so a flipped byte, a truncated file or a missing
member is refused with the reason.
"""

import hashlib
import io
import json
import os
import tarfile
from dataclasses import dataclass
from pathlib import Path

from sn.ops.backup.errors import BackupError

FORMAT = "sn-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.sha256"
CHUNK = 1 << 20


class _Hashing(io.RawIOBase):
    """A file read through, keeping the SHA-256 of what was read (one pass writes and hashes)."""

    def __init__(self, file) -> None:
        self.file, self.digest = file, hashlib.sha256()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.digest.update(data)
        return data


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), mtime, 0o600
    tar.addfile(info, io.BytesIO(data))


def write(path: Path, member: Path, manifest: dict) -> dict:
    """Write the archive at `path` (through a .partial file renamed at the end, so an interrupted backup
    never leaves a file that looks complete). Returns the manifest with the member's checksum."""
    partial = path.with_name(path.name + ".partial")
    mtime = member.stat().st_mtime
    try:
        with (
            open(partial, "wb") as raw,
            tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar,
        ):
            info = tarfile.TarInfo(member.name)
            info.size, info.mtime, info.mode = member.stat().st_size, mtime, 0o600
            with open(member, "rb") as source:
                hashing = _Hashing(source)
                tar.addfile(info, hashing)
            manifest = {
                **manifest,
                "files": {member.name: {"bytes": info.size, "sha256": hashing.digest.hexdigest()}},
            }
            text = json.dumps(manifest, indent=2, sort_keys=True).encode()
            _add_bytes(tar, MANIFEST, text, mtime)
            _add_bytes(tar, MANIFEST_SUM, f"{hashlib.sha256(text).hexdigest()}  {MANIFEST}\n".encode(), mtime)
            tar.close()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


@dataclass
class Opened:
    manifest: dict
    member: Path  # the verified database file, extracted


def _copy(tar: tarfile.TarFile, info: tarfile.TarInfo, target: Path) -> str:
    source = tar.extractfile(info)
    if source is None:
        raise BackupError(f"{info.name} in the archive is not a file")
    digest = hashlib.sha256()
    with open(target, "wb") as out:
        while chunk := source.read(CHUNK):
            digest.update(chunk)
            out.write(chunk)
    return digest.hexdigest()


def open_verified(path: Path, directory: Path) -> Opened:
    """Extract the archive into `directory` and check every member against the manifest, or refuse."""
    if not path.is_file():
        raise BackupError(f"There is no archive at {path}")
    extracted: dict[str, Path] = {}
    sums: dict[str, str] = {}
    try:
        with tarfile.open(path, mode="r:") as tar:
            for info in tar:
                if info.name in extracted or "/" in info.name or info.name.startswith("."):
                    raise BackupError(f"The archive holds an unexpected member {info.name!r}: refused")
                target = directory / info.name
                sums[info.name] = _copy(tar, info, target)
                extracted[info.name] = target
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise BackupError(
            f"The archive {path} is damaged or truncated ({exc}); the database was not touched"
        ) from exc

    for required in (MANIFEST, MANIFEST_SUM):
        if required not in extracted:
            raise BackupError(
                f"The archive {path} is incomplete: {required} is missing; the database was not touched"
            )
    expected_sum = extracted[MANIFEST_SUM].read_text(errors="replace").split()[:1]
    if expected_sum != [sums[MANIFEST]]:
        raise BackupError(
            "The archive's manifest.json does not match manifest.sha256 (it was changed or damaged); "
            "the database was not touched"
        )
    try:
        manifest = json.loads(extracted[MANIFEST].read_bytes())
    except ValueError as exc:
        raise BackupError(f"The archive's manifest.json is not valid JSON ({exc})") from exc
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"This is not an sn backup of format {FORMAT_VERSION} (it says {manifest.get('format')!r} "
            f"{manifest.get('format_version')!r}); the database was not touched"
        )
    files = manifest.get("files", {})
    if len(files) != 1:
        raise BackupError("The manifest must name exactly one database file; the database was not touched")
    unexpected = set(extracted) - {MANIFEST, MANIFEST_SUM, *files}
    if unexpected:
        raise BackupError(f"The archive holds members its manifest does not list: {sorted(unexpected)}")
    for name, expected in files.items():
        if name not in extracted:
            raise BackupError(
                f"The archive {path} is incomplete: {name} is missing; the database was not touched"
            )
        size = extracted[name].stat().st_size
        if size != expected["bytes"]:
            raise BackupError(
                f"{name} in the archive is {size} bytes, the manifest says {expected['bytes']} (truncated?); "
                "the database was not touched"
            )
        if sums[name] != expected["sha256"]:
            raise BackupError(
                f"{name} in the archive does not match its checksum in the manifest (the file is damaged); "
                "the database was not touched"
            )
    (name,) = files
    return Opened(manifest=manifest, member=extracted[name])
