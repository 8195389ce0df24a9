"""The good-practice library in a real Chromium on a phone: searching it, the results and the empty
state fit 390 px with nothing serious for axe, and the same at desktop width."""

import pytest

from sn.problemsolving.tests.library_corpus import build_fixed_corpus
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, PHONE, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_searching_the_library_fits_the_screen_and_axe_finds_nothing_serious(page, live_server, viewport):
    world = build_world()
    build_fixed_corpus(world)
    page.set_viewport_size(viewport)
    sign_in(page, live_server, world.user("team_officer"))
    page.goto(live_server.url + "/")
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():  # the header folds its links behind a button on a phone
        menu.click()
    page.get_by_role("link", name="Good practice").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="6 cases").is_visible()
    problems = screen_problems(page, viewport["width"])

    page.get_by_label("Words").fill('burglaries "rear windows" NEAR( *')
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="No cases found").is_visible()
    problems += screen_problems(page, viewport["width"])

    page.get_by_label("Words").fill("burglaries")
    page.get_by_label("Outcome").select_option("reduced")
    page.get_by_role("button", name="Search").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="1 case found").is_visible()
    assert page.get_by_role("heading", name="Burglary on the Elm estate").is_visible()
    problems += screen_problems(page, viewport["width"])
    assert problems == []
