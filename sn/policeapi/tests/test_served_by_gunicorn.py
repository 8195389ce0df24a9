"""The 4,094-character limit on a GET as a client meets it behind gunicorn, the server `make demo` and
production run: gunicorn refuses a request line longer than its own limit (4,094 bytes by default, counted
with the method and protocol around the target) with its own 414 page before Django sees it, so the
police.uk contract (a GET up to 4,094 characters is served, a longer one is a 400 telling the client to
POST) holds only if the project's gunicorn.conf.py raises that limit. Found walking the API: a 4,094-
character GET answered gunicorn's 414 instead of the answer, and a 4,095-character one 414 instead of 400.

The server runs from the project's root, as every command there does, so it reads gunicorn.conf.py; its
database is an empty file, and both requests are answered before any table is read."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from sn.policeapi.middleware import MAX_GET_LENGTH

ROOT = Path(__file__).resolve().parents[3]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def gunicorn_port(tmp_path_factory):
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('gunicorn') / 'empty.sqlite3'}",
    }
    server = subprocess.Popen(
        [GUNICORN, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            if server.poll() is not None:
                raise RuntimeError("gunicorn stopped before serving")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer within 30 s")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(port: int, target: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _target(length: int) -> str:
    # A bad date, so that the operation refuses it by name without reading the database.
    start = "/api/crime-categories?date=bad&padding="
    return start + "x" * (length - len(start))


def test_a_get_of_exactly_the_limit_is_answered_by_the_api(gunicorn_port):
    status, body = _get(gunicorn_port, _target(MAX_GET_LENGTH))
    assert status == 400, body[:200]
    assert orjson.loads(body)["detail"].startswith("date:")


def test_a_longer_get_is_the_apis_400_telling_the_client_to_post(gunicorn_port):
    status, body = _get(gunicorn_port, _target(MAX_GET_LENGTH + 1))
    assert status == 400, body[:200]
    assert "POST" in orjson.loads(body)["detail"]
