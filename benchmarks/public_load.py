"""The public face under load: the police.uk-compatible `crimes-street` (1-mile radius, one month) and a
cached public ward page, served by gunicorn with the production settings over the whole demo force, and
loaded over loopback by wrk in a second process.

Issue 11's targets on a 2-core machine: `crimes-street` at least 500 requests a second with p95 under
50 ms, a cached ward page at least 1,500 a second, and the rate limiter (15 a second, bursts of 30 per
client address) holding under that load with 429s, never errors. Many residents are many addresses, so
the load runs send each request from one of many addresses, as a load balancer would report them
(X-Forwarded-For, one trusted proxy); the rate limiter's run sends everything from one address.

Baselines, in the same run on the same server: a small static file (the stack's ceiling: whitenoise,
before any view) and the same ward page rendered without the cache (a request carrying a session
cookie is never served from the public cache).

The demo database is built afresh in a temporary folder (about two minutes), or copied from
SN_BENCH_DEMO_DB when set. The cache and the rate limiter live in Redis when it answers on
127.0.0.1:6379 (database 3, flushed first), shared by the workers as in production; without Redis
each worker keeps its own and the run says so.
"""

import gzip
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from benchmarks.report import line, section, times, verdict

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
SN = str(Path(sys.executable).parent / "sn")
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
PORT = 8391
REDIS_URL = "redis://127.0.0.1:6379/3"
TARGET_CRIMES_RPS, TARGET_CRIMES_P95_MS, TARGET_PAGE_RPS = 500, 50, 1500
# Westminster (Charing Cross): one of the busiest square miles of the force, in the demo's last month
# with points for every category (later months hold police.uk's burglaries only).
POINT = (51.5074, -0.1278)
FULL_MONTH = "2023-11"
# Clients of the police.uk API (requests, browsers) ask for compressed answers.
GZIP = {"Accept-Encoding": "gzip"}
# Open connections, each sending its next request as soon as the last is answered: as many as the server
# has threads (SN_BENCH_WORKERS x 4), so the figures are the server's and not a queue in front of it.
CONNECTIONS = int(os.environ.get("SN_BENCH_CONNECTIONS", "16"))


def _redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _environment(database: Path, *, redis: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=f"sqlite:///{database}",
        SN_SECRET_KEY=secrets.token_urlsafe(40),
        SN_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Loopback has no TLS terminator in front of it; in production the proxy sends X-Forwarded-Proto.
        SN_SECURE_SSL_REDIRECT="false",
        SN_PROXY_HEADER="X-Forwarded-For",
        SN_TRUSTED_PROXY_COUNT="1",
        SN_REDIS_URL=REDIS_URL if redis else "",
    )
    return env


def _build_demo(database: Path, env: dict[str, str]) -> None:
    source = os.environ.get("SN_BENCH_DEMO_DB")
    started = time.perf_counter()
    build_env = dict(env, DJANGO_SETTINGS_MODULE="config.settings.local")
    if source:
        shutil.copy(source, database)
        subprocess.run([SN, "migrate", "--no-input", "-v", "0"], env=build_env, check=True, cwd=ROOT)
        line("demo database", f"copied from {source}")
        return
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["setup-roles", "-v", "0"],
        ["seed-demo", "--if-empty"],
        ["seed-incidents", "--if-empty"],
        ["seed-cycle", "--if-empty"],
    ):
        subprocess.run([SN, *command], env=build_env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    line("demo database", f"built in {time.perf_counter() - started:.0f} s")


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _wait_until_serving(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn stopped before serving")
        try:
            _get(f"{base}/local/")
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("gunicorn did not answer within 60 s")


def _wrk(url: str, *, seconds: int, connections: int, addresses: int, headers: dict[str, str] | None = None):
    command = [
        "wrk",
        "-t",
        "2",
        "-c",
        str(connections),
        "-d",
        f"{seconds}s",
        "-s",
        str(LUA),
        "--timeout",
        "5s",
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    env = dict(os.environ, WRK_ADDRESSES=str(addresses))
    output = subprocess.run([*command, url], env=env, capture_output=True, text=True, check=True).stdout
    found = [row for row in output.splitlines() if row.startswith("WRK_JSON ")]
    if not found:
        raise RuntimeError(f"wrk printed no summary:\n{output}")
    result = json.loads(found[-1].removeprefix("WRK_JSON "))
    result["rps"] = result["requests"] / result["seconds"]
    result["server_errors"] = sum(n for status, n in result["statuses"].items() if status.startswith("5"))
    return result


def _describe(result: dict) -> str:
    statuses = ", ".join(f"{status}: {n:,}" for status, n in sorted(result["statuses"].items()))
    return (
        f"{result['rps']:,.0f} req/s, p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms "
        f"({result['requests']:,} requests; {statuses})"
    )


def _ward_page(base: str, env: dict[str, str]) -> str:
    code = (
        subprocess.run(
            [
                SN,
                "shell",
                "-c",
                "from sn.geography.models import Neighbourhood as N; "
                "print(N.objects.filter(team__isnull=False).order_by('-population')"
                ".values_list('code', flat=True)[0])",
            ],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    return f"{base}/local/{code}/"


def _static_file(env: dict[str, str]) -> str:
    # The manifest's hashed name, as the pages link it.
    manifest = json.loads((ROOT / "var" / "staticfiles" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["vendor/htmx/htmx.min.js"]


def run(*, quick: bool = False) -> list[str]:
    section("The public face under load: gunicorn with the production settings, wrk over loopback")
    if shutil.which("wrk") is None:
        message = "SKIPPED: wrk is not installed (make bench installs Debian's wrk where it can)"
        print(f"  !!! {message} !!!", flush=True)
        return [f"Public load: {message}"]
    seconds = 4 if quick else 15
    redis = _redis_available()
    if not redis:
        print(
            "  !!! Redis is not answering on 127.0.0.1:6379: each worker keeps its own cache and "
            "rate limits, so the limiter is per worker in this run !!!",
            flush=True,
        )
    workdir = Path(tempfile.mkdtemp(prefix="sn-load-"))
    database = workdir / "demo.sqlite3"
    env = _environment(database, redis=redis)
    try:
        _build_demo(database, env)
        subprocess.run([SN, "collectstatic", "--no-input", "-v", "0"], env=env, check=True, cwd=ROOT)
        if redis:
            subprocess.run(
                [sys.executable, "-c", f"import redis; redis.Redis.from_url({REDIS_URL!r}).flushdb()"],
                check=True,
            )
        workers = int(os.environ.get("SN_BENCH_WORKERS", "4"))
        server = subprocess.Popen(
            [
                GUNICORN,
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(workers),
                "--worker-class",
                "gthread",
                "--threads",
                "4",
                "--keep-alive",
                "5",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        base = f"http://127.0.0.1:{PORT}"
        try:
            _wait_until_serving(base, server)
            line(
                "server",
                f"gunicorn, {workers} workers x 4 threads (gthread), "
                f"{'Redis' if redis else 'per-process'} cache, {os.cpu_count()} cores shared with wrk",
            )
            page = _ward_page(base, env)
            crimes = f"{base}/api/crimes-street/all-crime?lat={POINT[0]}&lng={POINT[1]}&date={FULL_MONTH}"
            status, body = _get(crimes, {"X-Forwarded-For": "10.255.255.1"})
            month_count = len(json.loads(body)) if status == 200 else 0
            line(
                f"crimes-street, 1 mile, {FULL_MONTH}",
                f"HTTP {status}, {month_count:,} crimes, {len(body) / 1e6:.1f} MB "
                f"({len(gzip.compress(body)) / 1e3:,.0f} kB gzipped)",
            )
            _get(page)  # fills the cache, as the first resident would
            many = 5000
            static = _wrk(
                f"{base}{_static_file(env)}", seconds=seconds, connections=CONNECTIONS, addresses=many
            )
            line("baseline: a static file", _describe(static))
            uncached = _wrk(
                page,
                seconds=seconds,
                connections=CONNECTIONS,
                addresses=many,
                headers={"Cookie": "sessionid=not-a-session"},
            )
            line("baseline: ward page without the cache", _describe(uncached))
            _wrk(page, seconds=2, connections=CONNECTIONS, addresses=many)  # warm-up, not measured
            cached = _wrk(page, seconds=seconds, connections=CONNECTIONS, addresses=many)
            line("ward page, cached", _describe(cached))
            # Warm-up, not measured: each worker's first answer comes from Redis (2.5 MB to unpickle),
            # later ones from the worker's own memory, as on a server that has been up for a minute.
            _wrk(crimes, seconds=2, connections=CONNECTIONS, addresses=many, headers=GZIP)
            street = _wrk(crimes, seconds=seconds, connections=CONNECTIONS, addresses=many, headers=GZIP)
            line("crimes-street, many residents", _describe(street))
            one = _wrk(crimes, seconds=seconds, connections=CONNECTIONS, addresses=1, headers=GZIP)
            allowed = one["statuses"].get("200", 0)
            limited = one["statuses"].get("429", 0)
            line("crimes-street, one client address", _describe(one))
            ceiling = 30 + 15 * one["seconds"]
            line(
                "rate limiter",
                f"{allowed:,} allowed (the bucket allows at most {ceiling:,.0f}), "
                f"{limited:,} answered 429, {one['server_errors']} server errors",
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    page_ok = cached["rps"] >= TARGET_PAGE_RPS and cached["server_errors"] == 0
    street_ok = (
        street["rps"] >= TARGET_CRIMES_RPS
        and street["p95_ms"] < TARGET_CRIMES_P95_MS
        and street["server_errors"] == 0
        and street["statuses"].get("429", 0) == 0
    )
    limiter_ok = one["server_errors"] == 0 and limited > 0 and allowed <= ceiling * 1.1
    return [
        f"Public ward page, cached: {cached['rps']:,.0f} req/s, p95 {cached['p95_ms']:.1f} ms; "
        f"{times(cached['rps'] / uncached['rps'])} the uncached page, "
        f"{cached['rps'] / static['rps']:.0%} of a static file: {verdict(page_ok)} "
        f"(target {TARGET_PAGE_RPS:,} req/s)",
        f"crimes-street, 1 mile, one month: {street['rps']:,.0f} req/s, p95 {street['p95_ms']:.1f} ms; "
        f"{street['rps'] / static['rps']:.0%} of a static file: {verdict(street_ok)} "
        f"(target {TARGET_CRIMES_RPS} req/s, p95 < {TARGET_CRIMES_P95_MS} ms)",
        f"Rate limiter under load: {allowed:,} allowed, {limited:,} answered 429, {one['server_errors']} "
        f"server errors: {verdict(limiter_ok)}",
    ]
