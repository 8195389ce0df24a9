"""gunicorn's settings for every server started from the project's root (gunicorn reads ./gunicorn.conf.py
by itself; options on the command line, such as --bind and --workers, take precedence).

limit_request_line: gunicorn refuses a request line (method, target and protocol) over 4,094 bytes by
default, with its own 414 page. The police.uk-compatible API must serve a GET of up to 4,094 characters and
answer a longer one with its own 400 telling the client to POST (sn.policeapi.middleware), so gunicorn
lets through lines up to its maximum and the application decides.

Metrics under several workers (sn/ops/metrics.py): with PROMETHEUS_MULTIPROC_DIR set in the environment,
each worker keeps its counters in files there and a scrape adds them up. The directory must start empty
(old files would count requests twice) and an exited worker's files must be marked, hence the hooks.
"""

import os
import shutil
from pathlib import Path

from prometheus_client import multiprocess

limit_request_line = 8190


def on_starting(server) -> None:
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        path = Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        for entry in path.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def child_exit(server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
