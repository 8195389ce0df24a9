"""In a real Chromium: the erasure request's matches can be read and ticked on a desk and a phone."""

import pytest

from sn.community.tests.factories import KinMemberFactory
from sn.privacy.services import erasure_request_create
from sn.queries.tests.factories import CommunityQueryFactory
from sn.testing.browser import BROWSER, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_each_match_has_its_erase_box_on_one_line(page, live_server, width):
    world = build_world()
    KinMemberFactory(neighbourhood=world.wards["a1"], name="Rhiannon Requester", email="rr@example.org")
    CommunityQueryFactory(neighbourhood=world.wards["a1"], sender_name="Rhiannon Requester")
    request = erasure_request_create(name="Rhiannon Requester")
    sign_in(page, live_server, world.user("central_unit"))
    page.set_viewport_size({"width": width, "height": 900})

    page.goto(f"{live_server.url}/privacy/erasure-requests/{request.pk}/")

    boxes = page.get_by_role("checkbox")
    assert boxes.count() == 2
    for i in range(2):
        label = page.locator(f"label[for={boxes.nth(i).get_attribute('id')}]")
        # "Erase" on one line beside its box (about 40 px with the label's padding), not broken a letter
        # a line by a column squeezed to its narrowest (each extra line is 25 px).
        assert label.bounding_box()["height"] < 50, label.bounding_box()
