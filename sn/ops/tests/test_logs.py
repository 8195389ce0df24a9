"""Log lines carry the request's id, user and path; production writes them as JSON."""

import io
import json
import logging
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from sn.ops.logging import PLAIN_FORMAT, RequestContextFilter, SnJsonFormatter, formatter

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines():
    """The JSON lines the production handler would write for sn.access and sn.security."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(SnJsonFormatter())
    loggers = [logging.getLogger(name) for name in ("sn.access", "sn.security")]
    for logger in loggers:
        logger.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        for logger in loggers:
            logger.removeHandler(handler)


def test_each_request_writes_one_access_line_with_its_id(client, json_lines):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="proxy-id-0001")
    (line,) = [line for line in json_lines() if line["logger"] == "sn.access"]
    assert line["request_id"] == response["X-Request-ID"] == "proxy-id-0001"
    assert line["method"] == "GET"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert line["duration_ms"] >= 0
    assert line["level"] == "INFO"
    assert line["timestamp"]
    assert "user_id" not in line  # anonymous


def test_a_signed_in_users_lines_name_the_user(client_for, world, json_lines):
    client_for("sergeant").get("/")
    access_lines = [line for line in json_lines() if line["logger"] == "sn.access"]
    assert access_lines[-1]["user_id"] == world.user("sergeant").pk


def test_every_line_a_request_writes_carries_its_id(client_for, json_lines):
    """A refusal in the security log and the access line of the same request share the id."""
    response = client_for("team_officer").get("/no-such-page")
    assert response.status_code == 404
    lines = json_lines()
    refusal = next(line for line in lines if line["message"].startswith("refused"))
    access = next(line for line in lines if line["logger"] == "sn.access")
    assert refusal["request_id"] == access["request_id"] == response["X-Request-ID"]
    assert refusal["user_id"] == access["user_id"]


def test_lines_outside_a_request_have_no_request_fields(json_lines):
    logging.getLogger("sn.security").warning("from a command")
    (line,) = json_lines()
    assert line["message"] == "from a command"
    assert "request_id" not in line and "path" not in line


def test_an_exception_is_logged_with_its_traceback_in_one_line():
    record = logging.LogRecord("sn.jobs", logging.ERROR, __file__, 1, "failed", None, None)
    try:
        raise ValueError("boom")
    except ValueError:
        record.exc_info = sys.exc_info()
    text = SnJsonFormatter().format(record)
    assert "\n" not in text
    assert "ValueError: boom" in json.loads(text)["exc_info"]


def test_the_format_follows_sn_log_format(settings):
    settings.SN_LOG_FORMAT = "json"
    assert isinstance(formatter(), SnJsonFormatter)
    settings.SN_LOG_FORMAT = "plain"
    assert formatter()._fmt == PLAIN_FORMAT
    settings.SN_LOG_FORMAT = "xml"
    with pytest.raises(ImproperlyConfigured, match="SN_LOG_FORMAT"):
        formatter()


def test_plain_lines_show_a_dash_outside_a_request(settings):
    settings.SN_LOG_FORMAT = "plain"
    record = logging.LogRecord("sn.security", logging.INFO, __file__, 1, "hello", None, None)
    assert "[-] hello" in formatter().format(record)
