import importlib
import os

import pytest
from django.test import override_settings

from sn.testing.world import PASSWORD

pytestmark = pytest.mark.django_db


def test_signing_in_with_the_right_password_lands_on_the_home_page(client, world):
    response = client.post("/accounts/login/", {"username": "sergeant", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_wrong_password_is_refused_with_a_message(client, world):
    response = client.post("/accounts/login/", {"username": "sergeant", "password": "wrong"})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()


def test_five_failed_attempts_lock_the_account_even_against_the_right_password(client, world):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "sergeant", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "sergeant", "password": PASSWORD})
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_ends_the_session(client, world):
    client.post("/accounts/login/", {"username": "sergeant", "password": PASSWORD})
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/wards/E05900000/").status_code == 302


def test_signing_out_needs_a_post(client, world):
    client.force_login(world.user("sergeant"))
    assert client.get("/accounts/logout/").status_code == 405


def test_a_password_change_needs_the_old_password_and_a_strong_new_one(client, world):
    client.force_login(world.user("sergeant"))
    weak = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    assert weak.status_code == 200
    assert "too common" in weak.content.decode()
    strong = "a-much-better-passphrase-for-2027"
    done = client.post(
        "/accounts/password/", {"old_password": PASSWORD, "new_password1": strong, "new_password2": strong}
    )
    assert done.status_code == 302
    world.user("sergeant").refresh_from_db()
    assert world.user("sergeant").check_password(strong)


def test_production_settings_hash_passwords_with_argon2_and_secure_cookies(monkeypatch):
    monkeypatch.setenv("SN_SECRET_KEY", "x" * 60)
    production = importlib.import_module("config.settings.production")
    production = importlib.reload(production)
    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert production.SESSION_COOKIE_SECURE and production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY
    assert production.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert production.DEBUG is False


def test_production_settings_refuse_to_start_without_a_secret_key(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("SN_SECRET_KEY", raising=False)
    assert "SN_SECRET_KEY" not in os.environ
    with pytest.raises(ImproperlyConfigured, match="SN_SECRET_KEY"):
        importlib.reload(importlib.import_module("config.settings.production"))


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_stored_passwords_are_argon2_hashes(world):
    user = world.user("team_officer")
    user.set_password("another-long-passphrase")
    assert user.password.startswith("argon2")


def test_failed_and_successful_sign_ins_are_logged(client, world, caplog):
    with caplog.at_level("INFO", logger="sn.security"):
        client.post("/accounts/login/", {"username": "sergeant\nforged line", "password": "wrong"})
        client.post("/accounts/login/", {"username": "sergeant", "password": PASSWORD})
    messages = [r.getMessage() for r in caplog.records if r.name == "sn.security"]
    assert any(m.startswith("sign-in failed username='sergeant\\nforged line'") for m in messages)
    assert any(m.startswith(f"sign-in user={world.user('sergeant').pk}") for m in messages)


def test_a_forbidden_page_is_logged(client_for, caplog):
    with caplog.at_level("WARNING", logger="sn.security"):
        client_for("sergeant").get("/force/")
    assert any(r.getMessage().startswith("refused status=403") for r in caplog.records)
