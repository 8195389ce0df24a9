"""Every server error is logged with its traceback, and every refusal (403 from a page or the API, 404
answered to a signed-in user, a CSRF failure) is in the security log with user, address, path and reason.
"""

import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _emitted(record: logging.LogRecord) -> list[logging.Handler]:
    """The handlers the settings' LOGGING would write `record` with (pytest's own capture aside)."""
    found, logger = [], logging.getLogger(record.name)
    while logger is not None:
        for handler in logger.handlers:
            if type(handler).__module__.startswith("_pytest"):
                continue
            if isinstance(handler, logging.StreamHandler) and record.levelno >= handler.level:
                if handler.filter(record):
                    found.append(handler)
        if not logger.propagate:
            break
        logger = logger.parent
    return found


def _refusals(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "sn.security" and "refused" in r.getMessage()]


@pytest.fixture
def failing_home(monkeypatch):
    def broken(user):
        raise RuntimeError("the landing page broke")

    monkeypatch.setattr("sn.pages.views.landing_for", broken)


def test_a_server_error_is_logged_with_its_traceback(world, failing_home, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(world.user("sergeant"))
    with caplog.at_level("ERROR", logger="django.request"):
        response = client.get("/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.exc_info and record.exc_info[0] is RuntimeError
    handlers = _emitted(record)
    assert handlers, "no configured handler writes server errors"
    assert "Traceback" in handlers[0].format(record)
    assert "the landing page broke" in handlers[0].format(record)


def test_the_error_page_needs_nothing_that_may_have_failed(world, failing_home, monkeypatch):
    def navigation_down(*args):
        raise RuntimeError("the database is down")

    monkeypatch.setattr("sn.pages.context_processors.navigation_for", navigation_down)
    client = Client(raise_request_exception=False)
    client.force_login(world.user("sergeant"))
    response = client.get("/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_a_page_out_of_scope_is_logged(client_for, world, caplog):
    sergeant = world.user("sergeant")
    with caplog.at_level("WARNING", logger="sn.security"):
        assert client_for("sergeant").get(f"/wards/{world.wards['b1'].code}/").status_code == 404
    assert _refusals(caplog) == [
        f"refused status=404 user={sergeant.pk} role=sergeant address=127.0.0.1 "
        f"path='/wards/{world.wards['b1'].code}/' reason='No such neighbourhood in your area'"
    ]


def test_an_api_object_out_of_scope_is_logged(client_for, world, caplog):
    with caplog.at_level("WARNING", logger="sn.security"):
        response = client_for("sergeant").get(f"/api/v1/neighbourhoods/{world.wards['b1'].code}")
    assert response.status_code == 404
    (message,) = _refusals(caplog)
    assert message.startswith(f"refused status=404 user={world.user('sergeant').pk} role=sergeant ")
    assert f"path='/api/v1/neighbourhoods/{world.wards['b1'].code}'" in message


def test_a_forbidden_page_is_logged_with_the_permission_missing(client_for, world, caplog):
    with caplog.at_level("WARNING", logger="sn.security"):
        assert client_for("sergeant").get("/force/").status_code == 403
    assert _refusals(caplog) == [
        f"refused status=403 user={world.user('sergeant').pk} role=sergeant address=127.0.0.1 "
        "path='/force/' reason='the role lacks the permission view_force_overview'"
    ]


def test_a_forbidden_api_call_is_logged(client_for, world, caplog):
    with caplog.at_level("WARNING", logger="sn.security"):
        assert client_for("partner").get("/api/v1/neighbourhoods").status_code == 403
    assert _refusals(caplog) == [
        f"refused status=403 user={world.user('partner').pk} role=partner address=127.0.0.1 "
        "path='/api/v1/neighbourhoods' reason='the role lacks the permission view_ward'"
    ]


def test_a_csrf_failure_is_logged_and_answered_with_the_403_page(world, caplog):
    client = Client(enforce_csrf_checks=True, REMOTE_ADDR="198.51.100.4")
    client.force_login(world.user("sergeant"))
    with caplog.at_level("WARNING", logger="sn.security"):
        response = client.post("/accounts/logout/")
    assert response.status_code == 403
    assert "Safer Neighbourhoods" in response.content.decode()
    assert "reload the page" in response.content.decode()
    (message,) = _refusals(caplog)
    assert message.startswith(
        f"refused status=403 user={world.user('sergeant').pk} role=sergeant address=198.51.100.4 "
        "path='/accounts/logout/' reason='CSRF: "
    )


def test_a_missing_page_for_an_anonymous_visitor_is_not_a_refusal(client, caplog):
    with caplog.at_level("WARNING", logger="sn.security"):
        assert client.get("/no-such-page/").status_code == 404
    assert _refusals(caplog) == []
