"""The demand maps and the profile chart draw in a real Chromium, on a phone-sized screen."""

import os

import pytest

from sn.core.months import add_months
from sn.crime.tests.helpers import ASB, END, add_monthly
from sn.incidents.categories import Category
from sn.testing.browser import BROWSER

SCREENSHOTS = os.environ.get("SN_SCREENSHOTS")  # a folder to keep screenshots in, when set
pytestmark = BROWSER


def snap(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
def test_the_demand_map_and_the_profile_chart_draw_without_errors(page, live_server):
    from sn.testing.world import PASSWORD, build_world

    world = build_world()
    for i, ward in enumerate(world.wards.values()):
        for back in range(24):
            month = add_months(END, -back)
            add_monthly((ward, month, Category.BURGLARY, 3 + i), (ward, month, ASB, 2 * i + back % 3))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("central_unit")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("h1:has-text('What needs doing')")  # everyone starts on their work

    page.goto(f"{live_server.url}/demand/")
    page.wait_for_selector("#demand-map[data-drawn='8']")
    assert page.locator("#demand-map path.leaflet-interactive").count() == 8
    snap(page, "force-demand")

    page.goto(f"{live_server.url}/demand/boroughs/{world.boroughs['a'].code}/")
    page.wait_for_selector("#demand-map[data-drawn='4']")
    snap(page, "borough-demand")

    page.goto(f"{live_server.url}/crime/wards/{world.wards['a1'].code}/")
    page.wait_for_selector("#profile-chart[data-drawn='2']")
    assert page.locator("#month-table tbody tr").count() == 12
    snap(page, "ward-profile")
    assert errors == []
