"""/metrics: open to the internal networks only, with request, job queue and import throughput metrics."""

from datetime import timedelta

import pytest
from django.core.checks import run_checks
from django.db import DatabaseError
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from sn.jobs.models import Job, JobStatus
from sn.ops import metrics
from sn.ops.metrics import address_allowed

pytestmark = pytest.mark.django_db

INTERNAL = "10.20.0.5"
OUTSIDE = "203.0.113.9"


def samples(response) -> dict[tuple[str, tuple], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


@pytest.fixture
def internal(settings):
    settings.SN_METRICS_NETWORKS = ["10.20.0.0/16", "fd00::/8"]


@pytest.mark.parametrize("role", [None, "team_officer", "central_unit"])
def test_metrics_are_open_to_an_internal_address_whoever_asks(client_for, internal, role):
    response = client_for(role).get("/metrics", REMOTE_ADDR=INTERNAL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize("role", [None, "team_officer", "central_unit"])
def test_metrics_are_not_found_from_outside_whoever_asks(client_for, internal, role):
    assert client_for(role).get("/metrics", REMOTE_ADDR=OUTSIDE).status_code == 404


def test_behind_a_proxy_the_clients_address_decides(client, internal, settings):
    settings.SN_PROXY_HEADER = "X-Forwarded-For"
    settings.SN_TRUSTED_PROXY_COUNT = 1
    proxy = "10.20.9.9"  # the proxy itself is inside: its address must not open the door
    assert client.get("/metrics", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=OUTSIDE).status_code == 404
    assert client.get("/metrics", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=INTERNAL).status_code == 200
    # An entry the client wrote itself, left of the one the proxy appended, proves nothing.
    forged = f"{INTERNAL}, {OUTSIDE}"
    assert client.get("/metrics", REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forged).status_code == 404


def test_the_default_networks_are_the_machine_itself(client):
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.168.1.2").status_code == 404


def test_only_get_is_answered(client):
    assert client.post("/metrics").status_code == 405


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("10.20.3.4", True),
        ("10.21.0.1", False),
        ("fd00::1", True),
        ("2001:db8::1", False),
        ("nonsense", False),
    ],
)
def test_address_allowed(address, allowed):
    assert address_allowed(address, ["10.20.0.0/16", "fd00::/8"]) is allowed


def test_a_mistyped_network_fails_the_checks(settings):
    settings.SN_METRICS_NETWORKS = ["10.0.0.0/8", "10.0.0.300/8"]
    errors = [error for error in run_checks() if error.id == "sn.E060"]
    assert len(errors) == 1
    assert "10.0.0.300/8" in errors[0].msg


def test_requests_are_counted_by_route_name_and_status_class(client):
    before = samples(client.get("/metrics"))
    client.get("/healthz")
    client.get("/healthz")
    client.get("/no-such-page")
    after = samples(client.get("/metrics"))
    ok = ("sn_http_requests_total", (("route", "core:healthz"), ("status", "2xx")))
    missing = ("sn_http_requests_total", (("route", "unmatched"), ("status", "4xx")))
    assert after[ok] - before.get(ok, 0) == 2
    assert after[missing] - before.get(missing, 0) == 1
    count = ("sn_http_request_duration_seconds_count", (("route", "core:healthz"), ("status", "2xx")))
    assert after[count] - before.get(count, 0) == 2


def _job(kind: str, status: str, **fields) -> Job:
    return Job.objects.create(kind=kind, title=f"{kind} job", status=status, **fields)


def test_the_job_queue_depth_by_status_and_kind(client, db):
    for _ in range(3):
        _job("crime_import", JobStatus.QUEUED)
    _job("crime_import", JobStatus.RUNNING)
    _job("report_pdfs", JobStatus.FAILED)
    found = samples(client.get("/metrics"))
    assert found[("sn_jobs", (("kind", "crime_import"), ("status", "queued")))] == 3
    assert found[("sn_jobs", (("kind", "crime_import"), ("status", "running")))] == 1
    assert found[("sn_jobs", (("kind", "crime_import"), ("status", "failed")))] == 0
    assert found[("sn_jobs", (("kind", "report_pdfs"), ("status", "failed")))] == 1
    assert found[("sn_jobs_up", ())] == 1
    assert found[("sn_jobs_oldest_queued_seconds", (("kind", "crime_import"),))] >= 0


def test_import_throughput_over_the_last_hour_and_the_latest(client, db):
    now = timezone.now()

    def finished(rows: int, seconds: int, ago: timedelta) -> Job:
        end = now - ago
        return _job(
            "crime_import",
            JobStatus.SUCCEEDED,
            rows=rows,
            started_at=end - timedelta(seconds=seconds),
            finished_at=end,
        )

    finished(50_000, 100, timedelta(hours=3))  # too old for the hour, not the latest
    finished(1_000, 10, timedelta(minutes=30))
    finished(3_000, 10, timedelta(minutes=5))  # the latest: 300 rows a second
    _job("crime_import", JobStatus.FAILED, rows=10, started_at=now, finished_at=now)  # failures don't count
    found = samples(client.get("/metrics"))
    assert found[("sn_import_rows_per_second_last_hour", (("kind", "crime_import"),))] == pytest.approx(200)
    assert found[("sn_import_rows_per_second_latest", (("kind", "crime_import"),))] == pytest.approx(300)


def test_a_database_that_does_not_answer_still_gives_the_request_metrics(client, db, monkeypatch):
    def broken(self):
        raise DatabaseError("gone")
        yield

    monkeypatch.setattr(metrics.JobCollector, "_families", broken)
    found = samples(client.get("/metrics"))
    assert found[("sn_jobs_up", ())] == 0
    assert any(name == "sn_http_requests_total" for name, _ in found)


def test_process_metrics_are_included_in_a_single_process(client):
    assert any(name == "process_cpu_seconds_total" for name, _ in samples(client.get("/metrics")))


def test_multiprocess_mode_adds_up_the_workers_files(client, db, monkeypatch, tmp_path):
    """With PROMETHEUS_MULTIPROC_DIR set, the scrape reads every worker's files there (none yet) and
    still reports the jobs."""
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    found = samples(client.get("/metrics"))
    assert found[("sn_jobs_up", ())] == 1
    assert not any(name.startswith("process_") for name, _ in found)
