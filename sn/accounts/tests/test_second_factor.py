"""The second factor: enrolment proved by a first code, recovery codes shown once and used once, the code
step of signing in held by the lockout rules, the setting that requires it of staff, and the central
unit's reset, audited and logged."""

import time

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sn.accounts.otp import (
    RECOVERY_CODE_COUNT,
    code_check,
    new_key,
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_reset,
    totp_device_confirm,
)
from sn.core.audit import history_for
from sn.testing.world import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ENROL = "/accounts/second-factor/set-up/"
CODE = "/accounts/second-factor/code/"
RECOVERY = "/accounts/second-factor/recovery-codes/"
PEOPLE = "/accounts/second-factor/people/"
OWN = "/accounts/second-factor/"
REQUIRED = override_settings(SN_REQUIRE_SECOND_FACTOR=True)


def code_for(key: str, steps_ahead: int = 0) -> str:
    """The code an authenticator app holding `key` shows now (or `steps_ahead` 30-second steps on:
    a code once used cannot be used again, so a second sign-in in the same step needs the next one)."""
    step = int(time.time()) // 30 + steps_ahead
    return f"{hotp(bytes.fromhex(key), step):06d}"


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    key = new_key()
    return totp_device_confirm(user=user, key=key, code=code_for(key), actor=user)


def sign_in_verified(client, user, device) -> None:
    """Signed in as `user`, past the code step with `device`, without the forms."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def sign_in(client, username: str, password: str = PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="192.0.2.1")


def send_code(client, code: str):
    return client.post(CODE, {"code": code}, REMOTE_ADDR="192.0.2.1")


# Services


def test_enrolling_saves_a_confirmed_device_and_ten_recovery_codes_and_is_audited(world):
    user = world.user("sergeant")
    device, codes = enrol(user)
    assert device.confirmed and device.user == user
    assert len(set(codes)) == RECOVERY_CODE_COUNT == recovery_codes_left(user)
    assert history_for(user).first().changes == {"second_factor": ["none", "enrolled"]}


def test_a_wrong_first_code_saves_nothing_and_names_the_field(world):
    from django.core.exceptions import ValidationError

    user = world.user("sergeant")
    key = new_key()
    wrong = f"{(int(code_for(key)) + 1) % 1_000_000:06d}"
    with pytest.raises(ValidationError) as error:
        totp_device_confirm(user=user, key=key, code=wrong, actor=user)
    assert "code" in error.value.message_dict
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_enrolling_again_replaces_the_old_device(world):
    user = world.user("sergeant")
    old, _ = enrol(user)
    new, _ = enrol(user)
    assert list(TOTPDevice.objects.filter(user=user)) == [new]
    assert history_for(user).first().changes == {"second_factor": ["replaced", "enrolled"]}


def test_a_recovery_code_works_once(world):
    user = world.user("sergeant")
    _, codes = enrol(user)
    assert code_check(user=user, code=codes[0].upper()) is not None
    assert code_check(user=user, code=codes[0]) is None
    assert recovery_codes_left(user) == RECOVERY_CODE_COUNT - 1


def test_a_new_set_of_recovery_codes_stops_the_old_ones(world):
    user = world.user("sergeant")
    _, old = enrol(user)
    new = recovery_codes_renew(user=user, actor=user)
    assert code_check(user=user, code=old[1]) is None
    assert code_check(user=user, code=new[1]) is not None
    assert history_for(user).first().changes == {"recovery_codes": ["old set", "new set"]}


def test_the_app_code_is_accepted_once_only(world):
    user = world.user("sergeant")
    device, _ = enrol(user)
    # Enrolment used this step's code; the next step's is accepted (a clock a step ahead), once.
    code = code_for(device.key, steps_ahead=1)
    assert code_check(user=user, code=code[:3] + " " + code[3:]) == device
    assert code_check(user=user, code=code) is None


def test_a_reset_removes_everything_and_is_audited_with_the_actor(world, caplog):
    user = world.user("sergeant")
    enrol(user)
    central = world.user("central_unit")
    with caplog.at_level("WARNING", logger="sn.security"):
        second_factor_reset(user=user, actor=central, address="192.0.2.9")
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()
    event = history_for(user).first()
    assert event.changes == {"second_factor": ["enrolled", "reset"]}
    assert event.actor_label == "central_unit"
    assert any(
        r.getMessage()
        == f"second factor reset user={user.pk} username='sergeant' by={central.pk} address=192.0.2.9"
        for r in caplog.records
    )


# Signing in


def test_an_enrolled_user_is_asked_for_a_code_even_where_it_is_optional(client, world):
    device, _ = enrol(world.user("sergeant"))
    response = sign_in(client, "sergeant")
    assert response.status_code == 302 and response["Location"] == f"{CODE}?next=%2F"
    assert client.get("/wards/E05900000/")["Location"].startswith(CODE)
    assert client.get("/").context["user"].is_anonymous, "a public page, as to a visitor"
    passed = send_code(client, code_for(device.key, steps_ahead=1))
    assert passed.status_code == 302 and passed["Location"] == "/"
    assert client.get("/").status_code == 200


def test_an_unenrolled_user_is_not_asked_where_it_is_optional(client, world):
    sign_in(client, "sergeant")
    assert client.get("/").status_code == 200


def test_the_code_step_returns_to_the_page_first_asked_for(client, world):
    device, _ = enrol(world.user("sergeant"))
    sign_in(client, "sergeant")
    held = client.get("/accounts/password/")
    assert held.status_code == 302
    assert held["Location"] == f"{CODE}?next=%2Faccounts%2Fpassword%2F"
    passed = client.post(
        held["Location"],
        {"code": code_for(device.key, 1), "next": "/accounts/password/"},
        REMOTE_ADDR="192.0.2.1",
    )
    assert passed["Location"] == "/accounts/password/"


def test_the_code_step_does_not_return_to_another_site(client, world):
    device, _ = enrol(world.user("sergeant"))
    sign_in(client, "sergeant")
    passed = client.post(CODE, {"code": code_for(device.key, 1), "next": "https://evil.example/"})
    assert passed["Location"] == "/"


def test_a_recovery_code_passes_the_code_step_once(client, world):
    _, codes = enrol(world.user("sergeant"))
    sign_in(client, "sergeant")
    assert send_code(client, codes[0]).status_code == 302
    client.post("/accounts/logout/")
    sign_in(client, "sergeant")
    refused = send_code(client, codes[0])
    assert refused.status_code == 400
    assert "That code is not right" in refused.content.decode()


def test_a_wrong_code_is_refused_with_a_message_and_counted(client, world):
    enrol(world.user("sergeant"))
    sign_in(client, "sergeant")
    response = send_code(client, "000000x")
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    assert AccessAttempt.objects.get(username="sergeant").failures_since_start == 1


def test_five_wrong_codes_lock_the_account_like_five_wrong_passwords(client, world, caplog):
    device, _ = enrol(world.user("sergeant"))
    sign_in(client, "sergeant")
    with caplog.at_level("WARNING", logger="sn.security"):
        for _ in range(4):
            assert send_code(client, "not-a-code").status_code == 400
        locked = send_code(client, "not-a-code")
    assert locked.status_code == 429
    assert "Your account is locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session, "the lockout ends the session"
    assert any(r.getMessage().startswith("sign-in locked out username='sergeant'") for r in caplog.records)
    assert any(r.getMessage().startswith("sign-in code refused username='sergeant'") for r in caplog.records)
    # The right password meets the lockout, and so would the right code.
    assert sign_in(client, "sergeant").status_code == 429


def test_a_locked_account_cannot_pass_the_code_step(client, world):
    device, _ = enrol(world.user("sergeant"))
    sign_in(client, "sergeant")
    for _ in range(5):
        client.post(LOGIN, {"username": "sergeant", "password": "wrong"}, REMOTE_ADDR="192.0.2.1")
    response = send_code(client, code_for(device.key, 1))
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_does_not_clear_the_count_of_wrong_codes(client, world):
    enrol(world.user("sergeant"))
    for _ in range(2):
        sign_in(client, "sergeant")
        send_code(client, "111111")
        send_code(client, "222222")
        client.post("/accounts/logout/")
    assert sign_in(client, "sergeant").status_code == 302, "four failures: not locked yet"
    assert send_code(client, "333333").status_code == 429


def test_passing_the_code_step_clears_the_count(client, world):
    device, _ = enrol(world.user("sergeant"))
    sign_in(client, "sergeant")
    send_code(client, "111111")
    send_code(client, code_for(device.key, 1))
    assert not AccessAttempt.objects.filter(username="sergeant").exists()


def test_the_code_step_is_written_to_the_security_log(client, world, caplog):
    user = world.user("sergeant")
    device, _ = enrol(user)
    sign_in(client, "sergeant")
    with caplog.at_level("INFO", logger="sn.security"):
        send_code(client, "123")
        send_code(client, code_for(device.key, 1))
    messages = [r.getMessage() for r in caplog.records if r.name == "sn.security"]
    assert "sign-in code refused username='sergeant' address=192.0.2.1" in messages
    assert f"sign-in code passed user={user.pk} with=app address=192.0.2.1" in messages


# Required of staff


@REQUIRED
def test_where_required_an_unenrolled_staff_member_is_sent_to_enrol(client, world):
    response = sign_in(client, "team_officer")
    assert response.status_code == 302 and response["Location"].startswith(ENROL)
    assert client.get(ENROL).status_code == 200
    assert client.get(OWN).status_code == 302, "only the code step's pages are open"


@REQUIRED
def test_where_required_an_enrolled_staff_member_is_sent_to_the_code_step(client, world):
    enrol(world.user("inspector"))
    assert sign_in(client, "inspector")["Location"].startswith(CODE)
    assert client.get("/wards/E05900000/")["Location"].startswith(CODE)


@REQUIRED
@pytest.mark.parametrize("role", ["partner", "analyst", "borough_lead", "central_unit", "sergeant"])
def test_where_required_every_staff_role_and_partners_must_enrol(client, world, role):
    assert sign_in(client, role)["Location"].startswith(ENROL)
    assert client.get("/accounts/password/")["Location"].startswith(ENROL)


@REQUIRED
def test_a_panel_member_is_not_asked_for_a_code(client, world):
    assert sign_in(client, "panel_member")["Location"] == "/"
    assert client.get("/").context["user"].username == "panel_member"


@REQUIRED
def test_enrolling_at_sign_in_passes_the_code_step_and_shows_the_codes_once(client, world):
    sign_in(client, "team_officer")
    page = client.get(ENROL + "?next=/")
    key = client.session["sn_otp_enrol_key"]
    assert page.context["key_text"].replace(" ", "")
    assert "<svg" in page.content.decode()
    done = client.post(ENROL + "?next=/", {"code": code_for(key)})
    assert done.status_code == 302 and done["Location"].startswith(RECOVERY)
    shown = client.get(done["Location"])
    codes = shown.context["codes"]
    assert len(codes) == RECOVERY_CODE_COUNT
    assert all(code in shown.content.decode() for code in codes)
    assert client.get(RECOVERY).context["codes"] is None, "shown once"
    assert client.get("/").status_code == 200


@REQUIRED
def test_public_pages_and_signing_out_stay_open_during_the_code_step(client, world):
    sign_in(client, "team_officer")
    assert client.get("/healthz").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302


@REQUIRED
def test_the_api_treats_a_session_that_has_not_passed_the_code_step_as_none(client, world):
    sign_in(client, "team_officer")
    assert client.get("/api/v1/neighbourhoods").status_code == 401


@REQUIRED
def test_an_api_token_is_not_asked_for_a_code_even_beside_a_session_that_is(client, world):
    from sn.accounts.tokens import api_token_create

    user = world.user("team_officer")
    _, raw = api_token_create(owner=user, name="Dashboard", expires_in_days=None, actor=user)
    sign_in(client, "team_officer")
    response = client.get("/api/v1/neighbourhoods", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200


def test_an_enrolled_user_cannot_replace_the_app_before_the_code_step(client, world):
    enrol(world.user("sergeant"))
    sign_in(client, "sergeant")
    assert client.get(ENROL)["Location"].startswith(CODE)


# Pages: anonymous, wrong role, right role


@pytest.mark.parametrize("url", [OWN, ENROL, CODE, RECOVERY, PEOPLE])
def test_the_pages_send_anonymous_visitors_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_only_the_central_unit_sees_who_has_enrolled(client_for, world):
    enrol(world.user("sergeant"))
    assert client_for("borough_lead").get(PEOPLE).status_code == 403
    page = client_for("central_unit").get(PEOPLE)
    assert page.status_code == 200
    assert [d.user.username for d in page.context["devices"]] == ["sergeant"]


def test_the_central_unit_resets_a_second_factor_from_the_page(client_for, world):
    user = world.user("sergeant")
    enrol(user)
    response = client_for("central_unit").post(PEOPLE, {"user": user.pk})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert history_for(user).first().actor_label == "central_unit"


def test_a_wrong_role_cannot_reset(client_for, world):
    user = world.user("sergeant")
    enrol(user)
    assert client_for("borough_lead").post(PEOPLE, {"user": user.pk}).status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()


def test_resetting_someone_without_a_second_factor_says_so(client_for, world):
    response = client_for("central_unit").post(PEOPLE, {"user": world.user("sergeant").pk})
    assert response.status_code == 400
    assert "sergeant has no second factor to reset." in response.content.decode()


def test_resetting_without_saying_whom_names_the_field(client_for, world):
    response = client_for("central_unit").post(PEOPLE, {"user": "x"})
    assert response.status_code == 400
    assert "Choose whose second factor to reset." in response.content.decode()


def test_the_own_page_offers_enrolment_then_shows_the_codes_left(client, world):
    user = world.user("analyst")
    client.force_login(user)
    assert "Set up an authenticator app" in client.get(OWN).content.decode()
    device, _ = enrol(user)
    sign_in_verified(client, user, device)
    body = client.get(OWN).content.decode()
    assert "Recovery codes left" in body


def test_making_new_recovery_codes_from_the_page_shows_them_once(client, world):
    user = world.user("analyst")
    device, old = enrol(user)
    sign_in_verified(client, user, device)
    response = client.post(RECOVERY)
    assert response.status_code == 302
    codes = client.get(RECOVERY).context["codes"]
    assert len(codes) == RECOVERY_CODE_COUNT and not set(codes) & set(old)
    assert code_check(user=user, code=old[0]) is None


def test_making_recovery_codes_without_an_app_says_so(client, world):
    client.force_login(world.user("analyst"))
    client.post(RECOVERY)
    assert (
        "Set up an authenticator app before making recovery codes." in client.get(RECOVERY).content.decode()
    )
