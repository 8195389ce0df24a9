"""The kinds of background job. Higher apps register theirs from their hooks.py (the registry pattern of
sn.core.registries): sn.jobs runs them without importing the apps that own them.

A kind's `run(job, progress)` does the work and returns a JobOutcome. It must be all-or-nothing like the
command it mirrors: raise JobRefused(summary, errors) to fail with messages naming the line, row or field
and nothing written; any other exception fails the job with a generic message (logged with its
traceback). `progress(done, total=None, message="")` may be called as often as convenient: writes are
throttled.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sn.core.registry import Registry


class Progress(Protocol):
    def __call__(self, done: int, total: int | None = None, message: str = "") -> None: ...


@dataclass
class JobOutcome:
    summary: str
    rows: int | None = None  # rows read, for the import throughput metric
    result_url: str = ""
    # A document made by the job: its bytes are stored and offered for download under this name.
    output_name: str = ""
    output_bytes: bytes | None = None
    warnings: list[str] = field(default_factory=list)


class JobRefused(Exception):
    """The job's input was refused: nothing was written. `errors` name the line, row or field."""

    def __init__(self, summary: str, errors: list[str] | None = None) -> None:
        super().__init__(summary)
        self.summary = summary
        self.errors = list(errors or [])


@dataclass(frozen=True)
class JobKind:
    key: str
    label: str
    run: Callable[[Any, Progress], JobOutcome]
    # Who may start a job of this kind (a permission name); seeing one needs the same permission plus
    # the job's area in scope, or having asked for it.
    permission: str
    # Imports read a file; documents don't.
    takes_file: bool = False
    # The URL name of the page that starts a job of this kind (an upload form), listed on the jobs page
    # for whoever holds `permission`; "" when jobs of the kind start elsewhere (a report's button).
    start_url_name: str = ""
    # The words of the link to the outcome's result_url, once the job has finished.
    result_label: str = "See the record of what was imported"


JOB_KINDS: Registry[JobKind] = Registry("job kinds", key=lambda kind: kind.key)


@dataclass(frozen=True)
class PeriodicJob:
    """A job `sn worker` queues on a schedule (the retention review, say): a job of `kind` is queued when
    none of that kind was queued in the last `every_hours`, as the system (no requester)."""

    kind: str
    title: str
    every_hours: int


PERIODIC_JOBS: Registry[PeriodicJob] = Registry("periodic jobs", key=lambda entry: entry.kind)
