"""An inspector in a real Chromium lends a PC to the neighbouring ward and succeeds, then tries to lend
the only PC left on the home ward and is refused with the cover message; the pages pass axe at phone
and desktop width."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.deployments.models import Deployment
from sn.deployments.tests.factories import roster, ward_priority
from sn.teams.models import Rank
from sn.teams.selectors import active_postings
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER
PHONE_375 = {"width": 375, "height": 812}


def _lend(page, live_server, ward, officer, first) -> None:
    page.goto(live_server.url + reverse("deployments:new"))
    page.select_option("#ward", ward.code)
    page.click("button:has-text('Continue')")
    page.check("input[name='problem']")
    page.fill("#id_starts_on", first.isoformat())
    page.fill("#id_ends_on", (first + timedelta(days=4)).isoformat())
    page.check(f"#officer-{officer.pk}")
    page.fill("#id_reason", "Evening patrols where the burglaries happen")
    page.click("button:has-text('Lend the officers')")


@pytest.mark.django_db(transaction=True)
def test_an_inspector_lends_a_pc_then_is_refused_for_the_only_pc_left(page, live_server):
    world = build_world()
    today = timezone.localdate()
    staff = [
        p.officer
        for p in active_postings(on=today).filter(team=world.teams["a1"])
        if p.officer.rank in (Rank.PC, Rank.PCSO)
    ]
    roster(world.teams["a1"], staff, today, 15)
    pcs = [o for o in staff if o.rank == Rank.PC]
    ward_priority(world.wards["a2"])
    sign_in(page, live_server, world.user("inspector"))
    first = today + timedelta(days=1)
    page.set_viewport_size(DESKTOP)
    _lend(page, live_server, world.wards["a2"], pcs[0], first)
    page.wait_for_selector("h1:has-text('DEP-')")
    assert Deployment.objects.count() == 1
    assert "Covered" in page.content()
    for size in (PHONE_375, DESKTOP):
        page.set_viewport_size(size)
        assert not screen_problems(page, size["width"])
    _lend(page, live_server, world.wards["a2"], pcs[1], first)
    page.wait_for_selector(".govuk-error-summary")
    summary = page.locator(".govuk-error-summary").text_content()
    assert f"{world.wards['a1'].name} would have no PC on duty on" in summary
    assert "07:00 to 15:00 shift" in summary
    assert Deployment.objects.count() == 1
    for size in (PHONE_375, DESKTOP):
        page.set_viewport_size(size)
        assert not screen_problems(page, size["width"])
