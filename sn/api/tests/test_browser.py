"""The API tokens page and the API's documentation page in a real Chromium: a token is made, shown once,
fits a phone and is revoked; the documentation page draws Swagger UI from our own files under the site's
content security policy, with no script error and no refused resource, and "Try it out" answers with the
browser's session."""

import pytest

from sn.accounts.models import ApiToken
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, PHONE, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_token_is_made_shown_once_and_revoked_on_a_page_that_fits_the_screen(page, live_server, viewport):
    world = build_world()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size(viewport)
    sign_in(page, live_server, world.user("partner"))
    page.goto(f"{live_server.url}/accounts/api-tokens/")
    problems = screen_problems(page, viewport["width"])
    page.get_by_label("What the token is for").fill("Housing dashboard")
    page.get_by_label("Expires after (days, optional)").fill("90")
    page.get_by_role("button", name="Make a token").click()
    token = page.locator("#new-token").inner_text()
    assert token.startswith("sn_") and ApiToken.objects.get().prefix in token
    problems += screen_problems(page, viewport["width"])
    page.get_by_role("button", name="Revoke").click()
    assert page.get_by_text("is revoked").is_visible()
    assert token not in page.content()
    page.get_by_role("button", name="Make a token").click()
    assert page.get_by_role("link", name="What the token is for: Say what the token is for").is_visible()
    problems += screen_problems(page, viewport["width"])
    assert problems == [] and errors == []


@pytest.mark.django_db(transaction=True)
def test_the_docs_page_runs_swagger_ui_from_our_files_under_the_csp(page, live_server):
    world = build_world()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:")
            else None
        ),
    )
    sign_in(page, live_server, world.user("sergeant"))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.get_by_text("/api/v1/neighbourhoods", exact=True).first.wait_for()
    # Swagger UI's own colours and deep links fail axe; docs.css and docs.js put that right.
    problems = screen_problems(page, DESKTOP["width"])
    page.set_viewport_size(PHONE)
    problems += screen_problems(page, PHONE["width"])
    page.set_viewport_size(DESKTOP)
    assert problems == []
    page.get_by_text("/api/v1/neighbourhoods", exact=True).first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    # The live answer's table, not the documented responses (which list a 200 before any call is made).
    live = page.locator(".live-responses-table")
    live.locator(".response-col_status").filter(has_text="200").first.wait_for()
    assert world.wards["a1"].code in live.inner_text()
    assert outside == [] and errors == []
