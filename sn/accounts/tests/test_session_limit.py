"""A session ends 12 hours after sign-in however busy it has been, as well as after 8 idle hours."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from sn.core.middleware import SIGNED_IN_AT
from sn.testing.world import PASSWORD

pytestmark = pytest.mark.django_db


def _signed_in_ago(client, delta: timedelta) -> None:
    session = client.session
    session[SIGNED_IN_AT] = (timezone.now() - delta).timestamp()
    session.save()


def _sign_in(client) -> None:
    response = client.post("/accounts/login/", {"username": "sergeant", "password": PASSWORD})
    assert response.status_code == 302


def test_signing_in_starts_the_absolute_limit(client, world):
    before = timezone.now().timestamp()
    _sign_in(client)
    assert before <= client.session[SIGNED_IN_AT] <= timezone.now().timestamp()


def test_a_session_still_in_use_ends_twelve_hours_after_sign_in(client, world, caplog):
    _sign_in(client)
    ward = f"/wards/{world.wards['a1'].code}/"
    _signed_in_ago(client, timedelta(hours=11, minutes=59))
    assert client.get(ward).status_code == 200
    _signed_in_ago(client, timedelta(hours=12, minutes=1))
    with caplog.at_level("INFO", logger="sn.security"):
        response = client.get(ward)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session
    assert any(r.getMessage().startswith("session ended user=") for r in caplog.records)


def test_the_api_answers_401_once_the_session_has_ended(client, world):
    _sign_in(client)
    _signed_in_ago(client, timedelta(hours=13))
    assert client.get("/api/v1/neighbourhoods").status_code == 401


def test_the_limit_is_twelve_hours_and_longer_than_the_idle_timeout():
    assert settings.SN_SESSION_ABSOLUTE_AGE == 12 * 60 * 60
    assert settings.SN_SESSION_ABSOLUTE_AGE > settings.SESSION_COOKIE_AGE
