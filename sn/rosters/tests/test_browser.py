"""The shift pages in a real Chromium: the cluster's cover, the planner and a ward's cover at phone and
desktop width with axe (heat maps scroll inside labelled regions, the charts draw), and an inspector
adopting the proposal from the planner."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, sign_in
from sn.testing.world import build_world
from sn.workforce.models import ShiftPattern
from sn.workforce.tests.factories import ShiftPatternFactory

pytestmark = BROWSER
PHONE_375 = {"width": 375, "height": 812}
EARLY = {"start": "07:00", "hours": 8.0}
LATE = {"start": "15:00", "hours": 8.0}


@pytest.mark.django_db(transaction=True)
def test_the_shift_pages_are_usable_and_an_inspector_adopts_the_proposal(page, live_server):
    cache.clear()
    world = build_world()
    start = date(2020, 1, 6)
    for key, days in (("a1", [EARLY] * 5 + [None, None]), ("a2", [None, None] + [LATE] * 5)):
        ShiftPatternFactory(team=world.teams[key], effective_from=start, days=days)
    sign_in(page, live_server, world.user("inspector"))
    code = world.clusters["a"].code
    pages = [
        reverse("rosters:cluster_cover", args=[code]),
        reverse("rosters:cluster_planner", args=[code]),
        reverse("rosters:ward_cover", args=[world.wards["a1"].code]),
    ]
    for size in (PHONE_375, DESKTOP):
        page.set_viewport_size(size)
        for url in pages:
            page.goto(live_server.url + url)
            page.wait_for_selector("canvas[data-drawn]")
            assert not screen_problems(page, size["width"]), url
    page.goto(live_server.url + pages[1])
    when = timezone.localdate() + timedelta(days=28)
    page.fill("#id_effective_from", when.isoformat())
    page.click("button:has-text('Adopt the new shifts')")
    page.wait_for_selector("text=New shift patterns adopted")
    assert ShiftPattern.objects.filter(effective_from=when, adopted_by=world.user("inspector")).exists()
