"""The tasking pages in a real Chromium: the borough's tasking page, a meeting with its agenda and the
meeting's pack fit a phone and a desktop, and axe finds nothing serious."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sn.tasking.services import pack_assemble
from sn.tasking.tests.helpers import make_case, tasking_setup
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, PHONE, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_tasking_pages_and_the_pack_fit_the_screen_and_axe_finds_nothing_serious(
    page, live_server, viewport
):
    world = build_world()
    setup = tasking_setup(world, "a")
    make_case(
        world.wards["a1"],
        world.officers["pc_a"],
        title="Youths gathering at the parade",
        last_activity_on=timezone.localdate() - timedelta(weeks=12),
    )
    pack_assemble(meeting=setup.meeting, today=timezone.localdate(), actor=world.user("analyst"))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size(viewport)
    width = viewport["width"]

    sign_in(page, live_server, world.user("borough_lead"))
    page.goto(f"{live_server.url}/tasking/boroughs/{world.boroughs['a'].code}/")
    assert page.get_by_role("heading", name="Borough tasking").is_visible()
    problems = screen_problems(page, width)
    page.goto(f"{live_server.url}/tasking/meetings/{setup.meeting.pk}/")
    assert page.get_by_role("heading", name="Agenda: actions to follow up").is_visible()
    problems += screen_problems(page, width)
    page.goto(f"{live_server.url}/tasking/meetings/{setup.meeting.pk}/pack/")
    assert page.get_by_role("heading", name="Stalled cases").first.is_visible()
    assert page.get_by_role("link", name="Youths gathering at the parade").count() == 0  # titles are text
    problems += screen_problems(page, width)
    assert problems == []
    assert errors == []
