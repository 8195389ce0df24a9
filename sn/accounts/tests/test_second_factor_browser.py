"""The second factor in a real Chromium on a phone: a sergeant sets up an authenticator app from the QR
page (the key read off the page, as an app would), signs out, signs in with the password and a code, and
is refused a wrong one; the pages fit the screen and axe finds nothing serious."""

import time

import pytest
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sn.testing.axe import screen_problems
from sn.testing.browser import BROWSER, PHONE

pytestmark = BROWSER


def _code(key_text: str, steps_ahead: int = 0) -> str:
    """What an authenticator app given the page's key shows (base32, in groups of four)."""
    from base64 import b32decode

    secret = key_text.replace(" ", "")
    secret += "=" * (-len(secret) % 8)
    step = int(time.time()) // 30 + steps_ahead
    return f"{hotp(b32decode(secret), step):06d}"


def _sign_in(page, url: str, password: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.get_by_label("Username").fill("sergeant")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.django_db(transaction=True)
def test_a_sergeant_enrols_signs_out_and_signs_in_with_a_code_and_a_wrong_code_is_refused(page, live_server):
    from sn.testing.world import PASSWORD, build_world

    world = build_world()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    url = live_server.url

    _sign_in(page, url, PASSWORD)
    page.wait_for_selector("h1:has-text('What needs doing')")
    page.goto(f"{url}/accounts/second-factor/")
    problems = screen_problems(page, PHONE["width"])
    page.get_by_role("link", name="Set up an authenticator app").click()
    page.wait_for_selector("h1:has-text('Set up your second factor')")
    assert page.locator(".sn-qr svg").is_visible()
    problems += screen_problems(page, PHONE["width"])
    key_text = page.locator("#otp-key").inner_text()
    page.get_by_label("Code from the app").fill(_code(key_text))
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_selector("#recovery-codes")
    assert page.locator("#recovery-codes li").count() == 10
    problems += screen_problems(page, PHONE["width"])
    assert TOTPDevice.objects.filter(user=world.user("sergeant"), confirmed=True).exists()

    # Sign out from the header, folded behind its menu on a phone.
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/")

    _sign_in(page, url, PASSWORD)
    page.wait_for_selector("h1:has-text('Enter your code')")
    problems += screen_problems(page, PHONE["width"])
    page.get_by_label("Code", exact=True).fill("000000" if _code(key_text) != "000000" else "111111")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("That code is not right").first.is_visible()
    # The code used at enrolment cannot be used again, so the app's next one (a clock a step ahead).
    page.get_by_label("Code", exact=True).fill(_code(key_text, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_selector("h1:has-text('What needs doing')")
    assert problems == []
    assert errors == []
