"""In a real Chromium on a phone-sized screen: the borough's trend charts draw, and each table is one
click away."""

import pytest

from sn.testing.browser import BROWSER

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
def test_a_borough_lead_sees_the_trend_charts_and_opens_a_table(page, live_server):
    from sn.performance.tests.helpers import a_declining_borough_a
    from sn.testing.world import PASSWORD, build_world

    world = build_world()
    a_declining_borough_a(world)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(world.user("borough_lead").username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{live_server.url}/performance/boroughs/{world.boroughs['a'].code}/")

    page.wait_for_selector('canvas[data-trend-chart="confidence"][data-drawn]')
    assert page.locator("canvas[data-drawn]").count() == 3  # the three measures with results
    table = page.locator("#table-confidence table")
    assert not table.is_visible()
    page.get_by_text("Show the table: confidence in local police").click()
    assert table.is_visible()
    assert "2010/11 Q4" in table.inner_text()
    assert errors == []
