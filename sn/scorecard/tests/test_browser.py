"""The scorecard in a real Chromium, as a borough lead: their borough's scorecard, a ward of it and back,
another month, then the public pages of a ward and the force; at phone and desktop width, with nothing
wider than the screen and nothing serious for axe."""

from datetime import timedelta

import pytest

from sn.core.months import add_months, this_month
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, PHONE, sign_in
from sn.testing.world import build_world
from sn.workforce.models import DutySource
from sn.workforce.tests.factories import DutyFactory, local_start

pytestmark = [*BROWSER, pytest.mark.django_db(transaction=True)]

LAST = add_months(this_month(), -1)
WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])


def _heading(page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


@WIDTHS
def test_a_borough_lead_moves_between_borough_ward_and_month_then_reads_the_public_pages(
    page, live_server, viewport
):
    world = build_world()
    DutyFactory(
        officer=world.officers["pc_a"],
        team=world.teams["a1"],
        starts_at=local_start(LAST + timedelta(days=2)),
        source=DutySource.SERVICE,
    )
    borough, ward = world.boroughs["a"], world.wards["a2"]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size(viewport)
    sign_in(page, live_server, world.user("borough_lead"))

    page.goto(f"{live_server.url}/scorecard/")
    assert _heading(page) == f"{borough.name}: the Guarantee scorecard"
    assert page.locator("#measure-community_time_share").is_visible()
    assert screen_problems(page, viewport["width"]) == []

    # Down to one ward (from the borough's list of wards), and back up to the borough.
    page.get_by_text("Wards", exact=True).click()
    page.get_by_role("link", name=ward.name, exact=True).click()
    assert _heading(page) == f"{ward.name} ward: the Guarantee scorecard"
    page.get_by_role("link", name=f"Up to {borough.name}").click()
    assert _heading(page) == f"{borough.name}: the Guarantee scorecard"

    # Another month: the month asked for is the month shown, and the links keep it.
    earlier = add_months(LAST, -2)
    page.get_by_role("textbox", name="Month", exact=True).fill(f"{earlier:%Y-%m}")
    page.get_by_role("button", name="Show").click()
    assert f"{earlier:%B %Y}" in page.locator(".govuk-caption-l").inner_text()
    community = page.get_by_role("link", name="Time in the community by team and officer")
    assert f"month={earlier:%Y-%m}" in community.get_attribute("href")
    community.click()
    assert _heading(page) == f"Time in the community: {borough.name}"

    # The public pages: the ward's, and from it the whole force's.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/local/{ward.code}/guarantee/")
    assert _heading(page) == f"{ward.name}: the Neighbourhood Policing Guarantee"
    assert page.locator("#measure-community_time_share").is_visible()
    assert screen_problems(page, viewport["width"]) == []
    page.get_by_role("link", name="See the whole force").click()
    assert _heading(page) == "The force: the Neighbourhood Policing Guarantee"
    assert errors == []
