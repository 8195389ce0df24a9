"""The session's idle clock is renewed by every request (SESSION_SAVE_EVERY_REQUEST). On SQLite a long
import holds the one write lock for minutes: a request that only renews the clock must not wait for it
and then fail, while a request that changed the session must still save it or fail loudly."""

from unittest import mock

import pytest
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.models import Session
from django.db import OperationalError
from django.urls import reverse

from sn.accounts.models import Role

LOCKED = OperationalError("database is locked")


@pytest.fixture
def signed_in(client, world):
    client.force_login(world.user(Role.ANALYST))
    return client


def test_a_request_that_only_renews_the_idle_clock_is_answered_when_the_database_is_locked(signed_in):
    with mock.patch.object(Session, "save", side_effect=LOCKED) as save:
        response = signed_in.get(reverse("pages:home"))
    assert save.called
    assert response.status_code == 200


def test_a_request_that_changed_the_session_still_fails_when_it_cannot_save_it(signed_in, rf):
    from sn.core.middleware import SessionRefreshMiddleware

    request = rf.get("/")
    middleware = SessionRefreshMiddleware(lambda request: _changing_view(request))
    with (
        mock.patch.object(Session, "save", side_effect=LOCKED),
        pytest.raises((OperationalError, SessionInterrupted)),
    ):
        middleware(request)


def test_the_renewal_still_saves_when_the_database_is_free(signed_in):
    with mock.patch.object(Session, "save", autospec=True) as save:
        signed_in.get(reverse("pages:home"))
    assert save.called


def _changing_view(request):
    from django.http import HttpResponse

    request.session["something"] = "changed"
    return HttpResponse("ok")
