"""Lockout after failed sign-ins: a fixed cool-off, a limit per username and a higher one per address,
the address read from the configured proxy header, and borough leads who can unlock their people."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.test import RequestFactory, override_settings

from sn.accounts.models import User
from sn.accounts.selectors import users_looked_after_by
from sn.accounts.tests.factories import UserFactory
from sn.core.audit import history_for
from sn.core.middleware import client_address
from sn.core.roles import Role
from sn.testing.world import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "/accounts/locked/"
PROXY = {"SN_PROXY_HEADER": "X-Forwarded-For", "SN_TRUSTED_PROXY_COUNT": 1}


def _sign_in(client, username: str, password: str = "wrong", address: str = "192.0.2.1", **headers):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def _rewind(minutes: int) -> None:
    """As if `minutes` had passed since every failed attempt recorded so far."""
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))


def _lock(client, username: str, address: str = "192.0.2.1") -> None:
    for _ in range(5):
        _sign_in(client, username, address=address)


def test_attempts_during_a_lockout_do_not_extend_it(client, world):
    _lock(client, "sergeant")
    _rewind(14)
    assert _sign_in(client, "sergeant").status_code == 429
    _rewind(2)
    response = _sign_in(client, "sergeant", PASSWORD)
    assert response.status_code == 302, "the lockout ended 15 minutes after it began"


def test_a_username_is_locked_whichever_addresses_the_guesses_come_from(client, world):
    for n in range(5):
        _sign_in(client, "sergeant", address=f"198.51.100.{n + 1}")
    assert _sign_in(client, "sergeant", PASSWORD, address="198.51.100.99").status_code == 429


def test_an_address_guessing_across_many_usernames_is_locked(client, world):
    usernames = ["sergeant", "team_officer", "inspector", "analyst", "panel_member", "partner", "nobody"]
    for username in usernames:
        for _ in range(3):
            _sign_in(client, username, address="203.0.113.7")
    assert _sign_in(client, "borough_lead", PASSWORD, address="203.0.113.7").status_code == 429
    # Nobody else is kept out: each username failed only three times.
    assert _sign_in(client, "sergeant", PASSWORD, address="203.0.113.8").status_code == 302


def test_a_few_mistakes_from_a_shared_address_lock_nobody(client, world):
    for username in ("sergeant", "team_officer", "inspector", "analyst"):
        for _ in range(2):
            _sign_in(client, username, address="203.0.113.7")
    assert _sign_in(client, "borough_lead", PASSWORD, address="203.0.113.7").status_code == 302


@override_settings(**PROXY)
def test_behind_a_proxy_each_client_is_counted_by_its_own_address(client, world):
    for n in range(20):
        _sign_in(client, f"guess{n}", address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    other_client = _sign_in(
        client, "team_officer", PASSWORD, address="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.8"
    )
    assert other_client.status_code == 302
    client.logout()
    # A client cannot pass for another by sending its own X-Forwarded-For: the proxy appends the real one.
    spoofed = _sign_in(
        client,
        "sergeant",
        PASSWORD,
        address="10.0.0.1",
        HTTP_X_FORWARDED_FOR="192.0.2.50, 198.51.100.7",
    )
    assert spoofed.status_code == 429


@pytest.mark.parametrize(
    ("settings_", "forwarded", "expected"),
    [
        ({}, "198.51.100.7", "10.0.0.1"),  # no proxy configured: the header is ignored
        (PROXY, "198.51.100.7", "198.51.100.7"),
        (PROXY, "192.0.2.50, 198.51.100.7", "198.51.100.7"),
        ({**PROXY, "SN_TRUSTED_PROXY_COUNT": 2}, "192.0.2.50, 198.51.100.7, 10.9.9.9", "198.51.100.7"),
        ({**PROXY, "SN_TRUSTED_PROXY_COUNT": 2}, "198.51.100.7", "10.0.0.1"),  # not through both proxies
        (PROXY, "not-an-address", "10.0.0.1"),
        (PROXY, "", "10.0.0.1"),
    ],
)
def test_the_client_address_comes_from_the_configured_proxy_header(settings_, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(**settings_):
        assert client_address(request) == expected


def test_a_lockout_is_written_to_the_security_log(client, world, caplog):
    with caplog.at_level("WARNING", logger="sn.security"):
        _lock(client, "sergeant", address="198.51.100.3")
    expected = "sign-in locked out username='sergeant' address=198.51.100.3"
    assert any(r.getMessage() == expected for r in caplog.records)


# The locked accounts page


@pytest.fixture
def locked(client, world):
    """The PC of borough A and an analyst of borough B, both locked out."""
    outsider = UserFactory(username="analyst.b", role=Role.ANALYST, borough=world.boroughs["b"])
    _lock(client, "team_officer")
    _lock(client, "analyst.b")
    return {"pc": world.user("team_officer"), "outsider": outsider}


def _listed(client) -> set[str]:
    """The usernames the locked accounts page offers to unlock."""
    return {account.user.username for account in client.get(LOCKED).context["locked"]}


def test_a_borough_lead_sees_the_locked_accounts_of_their_borough_only(client_for, locked):
    lead = client_for("borough_lead")
    assert _listed(lead) == {"team_officer"}
    assert f'value="{locked["pc"].pk}"' in lead.get(LOCKED).content.decode()


def test_the_central_unit_sees_every_locked_account(client_for, locked):
    assert _listed(client_for("central_unit")) == {"team_officer", "analyst.b"}


def test_unlocking_lets_the_user_sign_in_and_is_audited_and_logged(client, client_for, locked, caplog):
    lead = client_for("borough_lead")
    with caplog.at_level("INFO", logger="sn.security"):
        response = lead.post(LOCKED, {"user": locked["pc"].pk})
    assert response.status_code == 302
    assert _listed(lead) == set()
    event = history_for(locked["pc"]).first()
    assert event.actor_label == "borough_lead"
    assert event.changes == {"sign_in_lockout": ["locked", "unlocked"]}
    assert any(
        r.getMessage().startswith(f"account unlocked user={locked['pc'].pk} username='team_officer' by=")
        for r in caplog.records
    )
    client.logout()
    assert _sign_in(client, "team_officer", PASSWORD).status_code == 302


def test_unlocking_an_account_out_of_scope_is_not_found_and_changes_nothing(client_for, locked):
    response = client_for("borough_lead").post(LOCKED, {"user": locked["outsider"].pk})
    assert response.status_code == 404
    assert AccessAttempt.objects.filter(username="analyst.b").exists()
    assert not history_for(locked["outsider"]).filter(changes__has_key="sign_in_lockout").exists()


def test_unlocking_without_saying_whom_names_the_field(client_for, locked):
    response = client_for("borough_lead").post(LOCKED, {"user": "someone"})
    assert response.status_code == 400
    assert "Choose an account to unlock" in response.content.decode()
    assert AccessAttempt.objects.filter(username="team_officer").exists()


def test_roles_without_the_permission_cannot_unlock(client_for, locked):
    response = client_for("sergeant").post(LOCKED, {"user": locked["pc"].pk})
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="team_officer").exists()


@pytest.mark.parametrize(
    ("role", "shown"), [("borough_lead", True), ("central_unit", True), ("sergeant", False)]
)
def test_the_locked_accounts_page_is_in_the_navigation_of_those_who_may_unlock(client_for, role, shown):
    body = client_for(role).get("/accounts/password/").content.decode()
    assert (f'href="{LOCKED}"' in body) is shown


def test_a_borough_lead_looks_after_everyone_anchored_in_their_borough(world):
    UserFactory(username="analyst.b", role=Role.ANALYST, borough=world.boroughs["b"])
    UserFactory(username="panel.b", role=Role.PANEL_MEMBER, neighbourhood=world.wards["b1"])
    UserFactory(username="pc.b", role=Role.TEAM_OFFICER, officer=world.officers["pc_b"])
    reached = set(users_looked_after_by(world.user("borough_lead")).values_list("username", flat=True))
    assert reached == {
        "borough_lead",
        "analyst",
        "inspector",
        "sergeant",
        "team_officer",
        "panel_member",
        "partner",
    }
    assert set(users_looked_after_by(world.user("central_unit"))) == set(User.objects.all())


def test_unlocking_an_account_that_is_not_locked_says_so(client_for, locked, world):
    response = client_for("borough_lead").post(LOCKED, {"user": world.user("sergeant").pk})
    assert response.status_code == 400
    assert "sergeant is not locked out." in response.content.decode()
    assert not history_for(world.user("sergeant")).filter(changes__has_key="sign_in_lockout").exists()


def test_signing_in_does_not_clear_the_count_of_guesses_at_others_from_the_same_address(client, world):
    for n in range(19):
        _sign_in(client, f"guess{n}", address="203.0.113.7")
    assert _sign_in(client, "sergeant", PASSWORD, address="203.0.113.7").status_code == 302
    client.logout()
    _sign_in(client, "guess19", address="203.0.113.7")
    assert _sign_in(client, "team_officer", PASSWORD, address="203.0.113.7").status_code == 429
