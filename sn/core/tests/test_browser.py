"""End to end in a real Chromium: a sergeant signs in, opens a ward, sees the team and the boundary."""

import pytest

from sn.testing.browser import BROWSER

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
def test_a_sergeant_signs_in_opens_a_ward_and_sees_the_team_and_its_boundary(page, live_server):
    from sn.testing.world import PASSWORD, build_world

    world = build_world()
    ward = world.wards["a1"]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(f"{live_server.url}/")
    # The public front page: on a phone its header folds its links behind a menu, the footer does not.
    page.get_by_role("contentinfo").get_by_role("link", name="Staff sign in").click()
    page.get_by_label("Username").fill("sergeant")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name=ward.name).click()
    page.wait_for_url(f"**/wards/{ward.code}/")
    assert page.get_by_role("heading", level=1).inner_text() == ward.name
    assert page.get_by_text(world.officers["pc_a"].full_name, exact=True).is_visible()
    assert page.get_by_text(world.officers["sergeant_a"].full_name, exact=True).is_visible()

    # The boundary is drawn as an SVG path by Leaflet, with no map tiles.
    page.wait_for_selector("#ward-map[data-drawn]")
    assert page.locator("#ward-map path.leaflet-interactive").count() >= 1
    assert page.locator("#ward-map .leaflet-tile").count() == 0
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_the_force_map_draws_every_ward(page, live_server):
    from sn.testing.world import PASSWORD, build_world

    build_world()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("central_unit")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Everyone starts on what needs doing; the central unit's link there leads to the force map.
    page.wait_for_selector("h1:has-text('What needs doing')")
    page.get_by_role("link", name="The force: the overview page").click()
    page.wait_for_url("**/force/")
    page.wait_for_selector("#area-map[data-drawn='8']")
    assert page.locator("#area-map path.leaflet-interactive").count() == 8
