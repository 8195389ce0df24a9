"""What /metrics reports, in Prometheus' text format (prometheus_client).

- Requests: a counter and a latency histogram by route name and status class, fed by
  sn.ops.middleware.RequestIdMiddleware. Labelled by route name, never by path, so an id in a URL
  cannot make a new series per record.
- Jobs: how many jobs are queued, running, finished or failed, by kind, and how long the oldest queued
  one has waited: read from the Job records at scrape time, so the numbers are the same whichever web
  server answers and whichever queue backend runs the jobs.
- Import throughput: rows a second of the imports finished in the last hour, and of the latest one, by
  kind (Job.rows over the time between starting and finishing).
- The process: CPU, memory, open files (prometheus_client's own collectors).

Under several gunicorn workers each worker counts its own requests, so the counters live in files in
PROMETHEUS_MULTIPROC_DIR (prometheus_client's multiprocess mode, set in the environment before gunicorn
starts; gunicorn.conf.py empties the directory at start and marks exited workers) and a scrape adds up
every worker's files. Process metrics are then left out: they would describe whichever worker answered.
"""

import ipaddress
import os
from collections.abc import Iterator
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.core.checks import Error, register
from django.db import DatabaseError
from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from sn.jobs.models import Job, JobStatus
from sn.jobs.registry import JOB_KINDS

REQUESTS = Counter(
    "sn_http_requests", "HTTP requests answered, by route name and status class", ["route", "status"]
)
LATENCY = Histogram(
    "sn_http_request_duration_seconds",
    "Time to answer an HTTP request (until the response is returned), by route name and status class",
    ["route", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)

THROUGHPUT_WINDOW = timedelta(hours=1)


def observe_request(*, route: str, status: int, seconds: float) -> None:
    status_class = f"{status // 100}xx"
    REQUESTS.labels(route=route, status=status_class).inc()
    LATENCY.labels(route=route, status=status_class).observe(seconds)


def _rate(rows: int, started, finished) -> float | None:
    seconds = (finished - started).total_seconds()
    return rows / seconds if seconds > 0 else None


class JobCollector:
    """The jobs' numbers, read from the database at each scrape (a few grouped counts on the
    (status, kind) index). A database that does not answer gives sn_jobs_up 0 rather than a failed
    scrape, so the request metrics still arrive."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        up = GaugeMetricFamily("sn_jobs_up", "1 when the job records could be read for this scrape")
        try:
            families = list(self._families())
        except DatabaseError:
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families

    def _families(self) -> Iterator[GaugeMetricFamily]:
        jobs = GaugeMetricFamily(
            "sn_jobs",
            "Job records by status and kind: queued plus running is the queue's depth",
            labels=["status", "kind"],
        )
        counts = {
            (row["status"], row["kind"]): row["n"]
            for row in Job.objects.values("status", "kind").annotate(n=Count("id"))
        }
        # Every registered kind, at zero too, so that an alert on a kind's queue has a series to watch.
        kinds = sorted({kind.key for kind in JOB_KINDS} | {kind for _, kind in counts})
        for kind in kinds:
            for status in JobStatus.values:
                jobs.add_metric([status, kind], counts.get((status, kind), 0))
        yield jobs

        waiting = GaugeMetricFamily(
            "sn_jobs_oldest_queued_seconds",
            "How long the oldest queued job of a kind has waited",
            labels=["kind"],
        )
        now = timezone.now()
        oldest = Job.objects.filter(status=JobStatus.QUEUED).values("kind").annotate(since=Min("created_at"))
        for row in oldest:
            waiting.add_metric([row["kind"]], max(0.0, (now - row["since"]).total_seconds()))
        yield waiting

        yield from self._throughput(now)

    def _throughput(self, now) -> Iterator[GaugeMetricFamily]:
        finished = Job.objects.filter(
            status=JobStatus.SUCCEEDED,
            rows__isnull=False,
            started_at__isnull=False,
            finished_at__isnull=False,
        )
        hour = GaugeMetricFamily(
            "sn_import_rows_per_second_last_hour",
            "Rows a second over the imports that finished in the last hour (their rows over their time)",
            labels=["kind"],
        )
        totals: dict[str, list[float]] = {}
        for kind, rows, started, ended in finished.filter(
            finished_at__gte=now - THROUGHPUT_WINDOW
        ).values_list("kind", "rows", "started_at", "finished_at"):
            total = totals.setdefault(kind, [0.0, 0.0])
            total[0] += rows
            total[1] += (ended - started).total_seconds()
        for kind, (rows, seconds) in sorted(totals.items()):
            if seconds > 0:
                hour.add_metric([kind], rows / seconds)
        yield hour

        latest = GaugeMetricFamily(
            "sn_import_rows_per_second_latest",
            "Rows a second of the latest finished import of a kind",
            labels=["kind"],
        )
        for kind in sorted(set(finished.values_list("kind", flat=True).distinct())):
            job = finished.filter(kind=kind).order_by("-finished_at").first()
            rate = _rate(job.rows, job.started_at, job.finished_at)
            if rate is not None:
                latest.add_metric([kind], rate)
        yield latest


class _ThisProcess:
    """The default registry (this process's request metrics and process collectors) as one collector."""

    def collect(self):
        yield from REGISTRY.collect()


def multiprocess_dir() -> str:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


def scrape() -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_dir():
        MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(JobCollector())
    return generate_latest(registry)


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def address_allowed(address: str, networks: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(networks)) if network.version == ip.version)


@register("sn")
def check_metrics_networks(app_configs=None, **kwargs) -> list[Error]:
    """A mistyped network in SN_METRICS_NETWORKS fails at start, not at the first scrape."""
    errors = []
    for entry in getattr(settings, "SN_METRICS_NETWORKS", []):
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            errors.append(
                Error(
                    f"SN_METRICS_NETWORKS holds {entry!r}, which is not a network (e.g. 10.0.0.0/8).",
                    id="sn.E060",
                )
            )
    return errors
