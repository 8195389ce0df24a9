"""A sergeant in a real Chromium records three reports from the same victim within the window, each
with the risk questions at first contact; at the third the case shows the ASB Case Review flag,
before the victim has asked. The pages pass axe at phone and desktop width."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from sn.asb.models import AsbCase
from sn.asb.tests.factories import ANSWERS_LOW
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER
PHONE_375 = {"width": 375, "height": 812}


def _fill_report(page, incident_days_ago: int, reported_days_ago: int) -> None:
    today = timezone.localdate()
    page.fill("#id_incident_date", (today - timedelta(days=incident_days_ago)).isoformat())
    reported = timezone.localtime() - timedelta(days=reported_days_ago)
    page.fill("#id_reported_at", reported.strftime("%Y-%m-%dT%H:%M"))
    page.fill("#id_description", "Youths kicking the front door late at night")
    for key, value in ANSWERS_LOW.items():
        page.select_option(f"#id_risk_{key}", value)
    page.click("button:has-text('Record the report')")


@pytest.mark.django_db(transaction=True)
def test_a_victim_is_flagged_for_case_review_at_the_third_report(page, live_server):
    world = build_world()
    ward = world.wards["a1"]
    sign_in(page, live_server, world.user("sergeant"))
    page.goto(live_server.url + reverse("asb:report_new"))
    page.select_option("#ward", ward.code)
    page.click("button:has-text('Continue')")
    page.fill("#id_person_name", "Alex Victim")
    page.fill("#id_address_text", "7 Station Road")
    _fill_report(page, incident_days_ago=41, reported_days_ago=40)
    page.wait_for_selector("h1:has-text('ASB-')")
    assert page.locator("#case-review-flag").count() == 0
    for days in (20, 0):
        page.click("a:has-text('Record another report')")
        _fill_report(page, incident_days_ago=days + 1, reported_days_ago=days)
        page.wait_for_selector("h1:has-text('ASB-')")
    flag = page.locator("#case-review-flag")
    assert flag.count() == 1 and "before the victim asked" in flag.text_content()
    case = AsbCase.objects.get()
    assert case.reports.count() == 3 and case.case_review_flagged_at is not None
    for size in (PHONE_375, DESKTOP):
        page.set_viewport_size(size)
        assert not screen_problems(page, size["width"])
    page.goto(live_server.url + reverse("asb:cases"))
    assert "Flagged" in page.content()
