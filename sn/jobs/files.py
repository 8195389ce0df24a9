"""Where a job's files live: one directory per job under SN_JOB_FILES_DIR, which the web servers and the
workers must share (a volume in the compose file; a network share across several app servers)."""

import json
import os
import tempfile
from pathlib import Path

from django.conf import settings


def job_dir(job_id: int) -> Path:
    path = Path(settings.SN_JOB_FILES_DIR) / str(job_id)
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_atomically(path: Path, data: bytes) -> None:
    # Write beside, then rename: a reader sees the old file or the new one, never half of one.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_progress(job_id: int, state: dict) -> None:
    write_atomically(job_dir(job_id) / "progress.json", json.dumps(state).encode())


def read_progress(job_id: int) -> dict | None:
    try:
        return json.loads((Path(settings.SN_JOB_FILES_DIR) / str(job_id) / "progress.json").read_bytes())
    except (FileNotFoundError, ValueError):
        return None


def staged_input(job) -> Path:
    """The job's uploaded file under the name it was uploaded with (its directory is the job's own), for
    importers that tell a .zip, a .gz and a plain CSV apart by the name, as the commands do."""
    name = Path(job.input_name or "upload").name.replace(":", "_") or "upload"
    staged = job_dir(job.pk) / "upload" / name
    staged.parent.mkdir(exist_ok=True)
    if not staged.exists():
        os.link(job.input_path, staged)
    return staged
