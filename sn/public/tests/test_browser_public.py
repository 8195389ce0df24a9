"""The public pages in a real Chromium at phone (375 px) and desktop width: finding a ward by name, by
clicking the map and by "use my location"; the ward and borough pages; axe-core finds nothing serious
and nothing is wider than the screen."""

import pytest

from sn.geography.tests.factories import ORIGIN_LAT, ORIGIN_LNG, SIZE
from sn.public.tests.helpers import full_ward, ward_url
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, CHROMIUM, CHROMIUM_ARGS
from sn.testing.world import build_world

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

PHONE_375 = {"width": 375, "height": 812}
WIDTHS = pytest.mark.parametrize("viewport", [PHONE_375, DESKTOP], ids=["375px", "1280px"])
# The middle of ward a2 on the test world's grid.
A2_MIDDLE = {"latitude": ORIGIN_LAT + SIZE / 2, "longitude": ORIGIN_LNG + SIZE * 1.5}


@pytest.fixture
def browser_context(live_server):
    """A Chromium context allowed to share a location (set in the test), for "use my location"."""
    import os

    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=PHONE_375, permissions=["geolocation"], geolocation=A2_MIDDLE)
        yield context
        browser.close()


@pytest.fixture
def errors(page):
    found: list[str] = []
    page.on("pageerror", lambda exc: found.append(str(exc)))
    return found


@WIDTHS
def test_finding_a_ward_by_name(page, live_server, errors, viewport):
    world = build_world()
    ward = world.wards["a3"]
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/local/")
    page.wait_for_selector("#force-map[data-drawn]")
    assert screen_problems(page, viewport["width"]) == []

    page.get_by_label("Search by ward or borough name").fill(ward.name.upper())
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name=ward.name).click()
    page.wait_for_url(f"**{ward_url(ward)}")
    assert page.get_by_role("heading", level=1).inner_text() == ward.name
    assert errors == []


def test_an_empty_search_shows_the_error_summary_linked_to_the_field(page, live_server):
    build_world()
    page.goto(f"{live_server.url}/local/")
    page.get_by_role("button", name="Search").click()
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    summary.get_by_role("link").click()
    assert page.evaluate("() => document.activeElement.id") == "ward-search"
    assert screen_problems(page, 390) == []


def test_clicking_a_ward_on_the_map_opens_its_page(page, live_server, errors):
    world = build_world()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/local/")
    page.wait_for_selector("#force-map[data-drawn]")
    # The map's features run in code order: the first is ward a1.
    page.locator("#force-map path.leaflet-interactive").first.click()
    page.wait_for_url(f"**{ward_url(world.wards['a1'])}")
    assert page.get_by_role("heading", level=1).inner_text() == world.wards["a1"].name
    assert errors == []


def test_use_my_location_opens_the_ward_the_browser_is_in(browser_context, live_server):
    world = build_world()
    page = browser_context.new_page()
    page.goto(f"{live_server.url}/local/")
    button = page.get_by_role("button", name="Use my location")
    assert button.is_visible()
    button.click()
    page.wait_for_url(f"**{ward_url(world.wards['a2'])}")
    assert page.get_by_role("heading", level=1).inner_text() == world.wards["a2"].name


def test_use_my_location_outside_the_force_says_so(browser_context, live_server):
    build_world()
    browser_context.set_geolocation({"latitude": 55.95, "longitude": -3.19})  # Edinburgh
    page = browser_context.new_page()
    page.goto(f"{live_server.url}/local/")
    page.get_by_role("button", name="Use my location").click()
    page.wait_for_url("**/local/locate/**")
    assert "outside the area this service covers" in page.locator(".govuk-error-summary").inner_text()


@WIDTHS
def test_the_ward_page(page, live_server, errors, viewport):
    world = build_world()
    ward = full_ward(world)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}{ward_url(ward)}")
    page.wait_for_selector("#ward-map[data-drawn]")
    # The priority is named once, in its own section, with the Guarantee's rows inside it.
    assert page.locator("h3", has_text="Stop drug dealing in the park").count() == 1
    assert page.locator("h3.govuk-heading-m", has_text="Stop drug dealing in the park").is_visible()
    assert page.get_by_text("We marked property and patrolled").is_visible()
    assert page.get_by_text("Cuppa with a copper").is_visible()
    assert screen_problems(page, viewport["width"]) == []
    levels = page.evaluate(
        "() => [...document.querySelectorAll('main h1, main h2, main h3, main h4')].map(h => +h.tagName[1])"
    )
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    assert errors == []


@WIDTHS
def test_the_borough_page(page, live_server, errors, viewport):
    world = build_world()
    full_ward(world)
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/local/borough/{world.boroughs['a'].code}/")
    page.wait_for_selector("#borough-map[data-drawn]")
    assert page.get_by_role("link", name=world.wards["a4"].name).is_visible()
    assert screen_problems(page, viewport["width"]) == []
    page.get_by_role("link", name=world.wards["a2"].name).click()
    page.wait_for_url(f"**{ward_url(world.wards['a2'])}")
    assert errors == []
