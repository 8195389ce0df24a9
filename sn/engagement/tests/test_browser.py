"""A PC on a phone in a real Chromium: records a street briefing held this afternoon by tapping its place
on the map, writes it up with two concerns, records a visual audit finding on the map, and finds the
concerns in the ward's analysis."""

import os
from datetime import timedelta

import pytest
from django.utils import timezone

from sn.concerns.models import Channel, Concern
from sn.engagement.models import Event, EventKind, Finding
from sn.engagement.tests.factories import EventFactory
from sn.testing.browser import BROWSER, sign_in

SCREENSHOTS = os.environ.get("SN_SCREENSHOTS")  # a folder to keep screenshots in, when set
pytestmark = BROWSER


def snap(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def _tap_the_middle_of(page, selector: str) -> None:
    page.wait_for_selector(f"{selector}[data-drawn]")
    page.locator(selector).scroll_into_view_if_needed()
    box = page.locator(selector).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.django_db(transaction=True)
def test_a_pc_records_and_writes_up_an_event_and_an_audit_on_a_phone(page, live_server):
    from sn.testing.world import build_world

    world = build_world()
    ward = world.wards["a1"]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    sign_in(page, live_server, world.user("team_officer"))
    earlier = timezone.localtime() - timedelta(hours=3)

    page.goto(f"{live_server.url}/wards/{ward.code}/events/new/")
    page.get_by_label("Street briefing").check()
    page.get_by_label("Title").fill("Street briefing at the parade")
    page.get_by_label("Date").fill(earlier.strftime("%Y-%m-%d"))
    page.get_by_label("Start time").fill(earlier.strftime("%H:%M"))
    _tap_the_middle_of(page, "#point-picker")
    assert page.locator("#id_latitude").input_value() != ""
    page.get_by_role("button", name="Save the event").click()
    page.wait_for_selector("h1:has-text('Street briefing at the parade')")
    event = Event.objects.get()
    assert event.located and event.led_by == world.officers["pc_a"]
    snap(page, "event")

    page.get_by_role("link", name="Write it up").first.click()
    page.get_by_label("How many people came").fill("14")
    page.get_by_label("Concern 1: what it is about").select_option("asb-rowdy-youths")
    page.get_by_label("Concern 1: what was raised").fill("Youths on bikes by the shops")
    page.get_by_label("Concern 2: what it is about").select_option("burglary")
    page.get_by_label("Concern 2: what was raised").fill("Sheds broken into")
    page.get_by_role("button", name="Save the write-up").click()
    page.wait_for_selector("text=Write-up saved")
    assert set(Concern.objects.values_list("topic", "channel")) == {
        ("asb-rowdy-youths", Channel.ENGAGEMENT_EVENT),
        ("burglary", Channel.ENGAGEMENT_EVENT),
    }

    audit = EventFactory(neighbourhood=ward, kind=EventKind.VISUAL_AUDIT, title="Audit of the estate")
    page.goto(f"{live_server.url}/events/{audit.pk}/findings/new/")
    page.get_by_label("Drug litter (needles, foil, nitrous oxide canisters)").check()
    page.get_by_label("Serious").check()
    _tap_the_middle_of(page, "#point-picker")
    page.get_by_role("button", name="Save and record another").click()
    page.wait_for_selector("text=added to the ward's concerns")
    assert Finding.objects.get().concern.topic == "asb-drug-litter"

    page.goto(f"{live_server.url}/wards/{ward.code}/concerns/analysis/")
    page.wait_for_selector("#analysis-map[data-drawn]")
    assert page.locator("#ranking-table tbody tr").count() == 3
    snap(page, "analysis")
    assert not errors, errors


@pytest.mark.django_db(transaction=True)
def test_the_concern_list_and_the_survey_results_fit_a_phone(page, live_server):
    # The topic filter's longest option and the five-column borough comparison were wider than a phone:
    # the page scrolled sideways. The filter now shrinks to the screen; the table scrolls in its region.
    from sn.concerns.tests.factories import ConcernFactory
    from sn.engagement.tests.factories import SurveyResponseFactory
    from sn.performance.models import Measure
    from sn.performance.tests.factories import SurveyResultFactory
    from sn.testing.axe import page_width
    from sn.testing.browser import PHONE
    from sn.testing.world import build_world

    world = build_world()
    ward = world.wards["a1"]
    ConcernFactory(neighbourhood=ward)
    survey = EventFactory(neighbourhood=ward, kind=EventKind.SURVEY)
    for answer in ("yes", "no"):
        SurveyResponseFactory(event=survey, safe_after_dark=answer, worry="burglary")
    for measure in (Measure.SAFE_AFTER_DARK, Measure.CONFIDENCE, Measure.WORRY_ASB):
        SurveyResultFactory(borough=ward.borough, measure=measure)
    sign_in(page, live_server, world.user("team_officer"))
    widths = {}
    for url in (f"/wards/{ward.code}/concerns/", f"/wards/{ward.code}/surveys/"):
        assert page.goto(live_server.url + url).status == 200
        widths[url] = page_width(page)
        snap(page, url.strip("/").replace("/", "-"))
    assert page.locator("#borough-measures").count() == 1
    assert all(width <= PHONE["width"] for width in widths.values()), widths


@pytest.mark.django_db(transaction=True)
def test_a_long_web_address_in_a_title_does_not_widen_the_page_on_a_phone(page, live_server):
    # Text overflowing its heading or link is not an element wider than the screen, but the page still
    # scrolled sideways (945 px for an event titled with a web address).
    from sn.testing.axe import page_width
    from sn.testing.browser import PHONE
    from sn.testing.world import build_world

    world = build_world()
    ward = world.wards["a1"]
    event = EventFactory(
        neighbourhood=ward, title="Briefing, details at https://example.org/" + "a-very-long-path-" * 6
    )
    sign_in(page, live_server, world.user("team_officer"))
    widths = {}
    for url in (f"/events/{event.pk}/", f"/wards/{ward.code}/"):
        assert page.goto(live_server.url + url).status == 200
        widths[url] = page_width(page)
    assert all(width <= PHONE["width"] for width in widths.values()), widths
