"""Map tooltips show area names as text: a name holding markup is shown, never run."""

import pytest

from sn.testing.browser import BROWSER

pytestmark = BROWSER

HOSTILE = '<img src="x" id="injected" onerror="document.body.dataset.pwned=1">'


@pytest.mark.django_db(transaction=True)
def test_a_ward_name_holding_markup_is_shown_as_text_in_the_tooltip(page, live_server):
    from sn.geography.models import Neighbourhood
    from sn.testing.browser import sign_in
    from sn.testing.world import build_world

    world = build_world()
    Neighbourhood.objects.filter(pk=world.wards["a1"].pk).update(name=HOSTILE)
    sign_in(page, live_server, world.user("central_unit"))
    page.goto(f"{live_server.url}/force/")
    page.wait_for_selector("#area-map[data-drawn='8']")
    paths = page.locator("#area-map path.leaflet-interactive")
    shown = []
    for i in range(paths.count()):
        paths.nth(i).hover(force=True)
        shown += page.locator(".leaflet-tooltip").all_inner_texts()
    assert any(HOSTILE in text for text in shown), shown
    assert page.locator("#injected").count() == 0
    assert page.evaluate("document.body.dataset.pwned") is None
