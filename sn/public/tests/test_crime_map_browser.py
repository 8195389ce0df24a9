"""The public crime map in a real Chromium: at phone and desktop width it fits the screen, draws its
points without script errors, a point opens from the keyboard, and axe finds nothing serious."""

from datetime import date

import pytest

from sn.crime import published_layer
from sn.incidents.categories import Category
from sn.incidents.disclosure import published_crimes_rebuild
from sn.incidents.tests.factories import IncidentFactory
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, PHONE
from sn.testing.world import build_world

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_crime_map_fits_the_screen_works_from_the_keyboard_and_axe_finds_nothing_serious(
    page, live_server, settings, viewport
):
    settings.SN_DISCLOSURE_MIN_COUNT = 3
    published_layer.forget()
    world = build_world()
    a1 = world.wards["a1"]
    for lat, street, n in ((51.505, "High Street", 4), (51.507, "Mill Lane", 3)):
        for _ in range(n):
            IncidentFactory(
                neighbourhood=a1,
                latitude=lat,
                longitude=-0.195,
                location=f"On or near {street}",
                month=date(2024, 1, 1),
                category=Category.BURGLARY,
            )
    IncidentFactory(neighbourhood=a1, month=date(2024, 1, 1), category=Category.VIOLENT_CRIME)
    published_crimes_rebuild()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size(viewport)

    page.goto(f"{live_server.url}/local/crime-map/?ward={a1.code}")

    heading = page.get_by_role("heading", level=1).inner_text()
    assert heading == f"Crime and anti-social behaviour in {a1.name}"
    page.wait_for_selector("[data-crime-map][data-drawn='2']")
    points = page.locator("path[role='button']")
    assert points.count() == 2
    points.first.focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup-content")
    assert popup.is_visible()
    assert "On or near High Street: 4 crimes and incidents" in popup.inner_text()
    assert page.get_by_role("table").first.is_visible()
    problems = screen_problems(page, viewport["width"])

    page.goto(f"{live_server.url}/local/crime-map/about/")
    problems += screen_problems(page, viewport["width"])
    page.goto(f"{live_server.url}/local/crime-map/")
    problems += screen_problems(page, viewport["width"])

    assert problems == []
    assert errors == []
