"""The container's health probe (python -m sn.ops.health) against a real server."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from sn.ops.health import probe, probe_host

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("allowed", "host"),
    [
        ("sn.example.org,other.example.org", "sn.example.org"),
        ("*,sn.example.org", "sn.example.org"),
        (".example.org", "example.org"),
        ("", "localhost"),
    ],
)
def test_the_probe_names_a_host_the_server_accepts(allowed, host):
    assert probe_host(allowed) == host


@pytest.fixture
def server():
    """A stand-in server answering /healthz with the status the test sets, noting the Host it was sent."""
    state = {"status": 200, "host": None}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            state["host"] = self.headers["Host"]
            self.send_response(state["status"])
            self.end_headers()
            self.wfile.write(b'{"status": "ok"}')

        def log_message(self, *args):
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1], state
    httpd.shutdown()
    httpd.server_close()


def test_a_200_is_healthy_and_the_host_is_sent(server):
    port, state = server
    healthy, said = probe(port=port, host="sn.example.org")
    assert healthy
    assert said.startswith("200")
    assert state["host"] == "sn.example.org"


def test_a_503_is_unhealthy(server):
    port, state = server
    state["status"] = 503
    assert probe(port=port, host="sn.example.org")[0] is False


def test_no_server_is_unhealthy(server):
    port, _ = server
    assert probe(port=1, host="sn.example.org", timeout=1)[0] is False


def test_healthz_answers_plain_http_where_https_is_enforced(client, settings):
    """The container's probe, the load balancer and Prometheus come over plain HTTP from inside."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/metrics").status_code == 200
    assert client.get("/").status_code == 301
