"""The cycle end to end in a real Chromium, by the real roles (issue 9): a PCSO logs an engagement event
and two concerns on a phone; the sergeant records the panel meeting that selects a priority from them;
the panel (its chair) decides it is resolved; the sergeant endorses; the priority closes and its "You
said, we did" statement, approved by the sergeant, is published and is what the public selector gives."""

from datetime import timedelta

import pytest
from django.utils import timezone

from sn.concerns.models import Concern
from sn.panels.models import Priority
from sn.panels.selectors import published_statements
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.tests.assessed import assessed_case_for
from sn.testing.browser import BROWSER, PHONE, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER


def as_user(page, live_server, user) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, user)


def submit(page, name: str = "Save") -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()


def tap_the_middle_of(page, selector: str) -> None:
    page.wait_for_selector(f"{selector}[data-drawn]")
    page.locator(selector).scroll_into_view_if_needed()
    box = page.locator(selector).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


@pytest.mark.django_db(transaction=True)
def test_the_whole_cycle_from_a_street_briefing_to_a_published_statement(page, live_server):
    world = build_world()
    ward = world.wards["a1"]
    ward_panel_setup(world, "a1")  # the panel, its chair (the panel member user) and a member
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size(PHONE)
    earlier = timezone.localtime() - timedelta(days=2)

    # Stage 2: the PCSO logs yesterday's street briefing on the map and writes it up with two concerns.
    as_user(page, live_server, world.user("team_officer"))
    page.goto(f"{live_server.url}/wards/{ward.code}/events/new/")
    page.get_by_label("Street briefing").check()
    page.get_by_label("Title").fill("Street briefing at the parade")
    page.get_by_label("Date").fill(earlier.strftime("%Y-%m-%d"))
    page.get_by_label("Start time").fill("16:00")
    tap_the_middle_of(page, "#point-picker")
    page.get_by_role("button", name="Save the event").click()
    page.wait_for_selector("h1:has-text('Street briefing at the parade')")
    page.get_by_role("link", name="Write it up").first.click()
    page.get_by_label("How many people came").fill("11")
    page.get_by_label("Concern 1: what it is about").select_option("asb-rowdy-youths")
    page.get_by_label("Concern 1: what was raised").fill("Youths intimidating shoppers at the parade")
    page.get_by_label("Concern 2: what it is about").select_option("burglary")
    page.get_by_label("Concern 2: what was raised").fill("Sheds broken into on Elm Road")
    page.get_by_role("button", name="Save the write-up").click()
    page.wait_for_selector("text=Write-up saved")
    assert Concern.objects.filter(neighbourhood=ward).count() == 2

    # Stage 5: the sergeant records last night's panel meeting as held and the priority it chose.
    as_user(page, live_server, world.user("sergeant"))
    page.goto(f"{live_server.url}/panels/wards/{ward.code}/meetings/new/")
    page.get_by_label("Date", exact=True).fill((timezone.localdate() - timedelta(days=1)).isoformat())
    page.get_by_label("Time").fill("19:00")
    page.get_by_label("Place").fill("St Mary's Church Hall")
    submit(page)
    page.get_by_role("link", name="Record as held").click()
    page.get_by_label("Chris Chair").check()
    page.get_by_label("Minutes").fill("Residents spoke about the parade; the panel chose a priority.")
    submit(page)
    page.get_by_role("link", name="Choose a priority").click()
    page.get_by_label("Topic").select_option("asb-rowdy-youths")
    page.get_by_label("Public wording").fill("Stop groups intimidating shoppers at the parade")
    page.get_by_label("Youths intimidating shoppers at the parade", exact=False).check()
    page.get_by_label("Owner").select_option(str(world.officers["pc_a"].pk))
    submit(page)
    priority = Priority.objects.get(wording="Stop groups intimidating shoppers at the parade")
    assert priority.status == Priority.Status.ACTIVE
    assert list(priority.concerns.values_list("description", flat=True)) == [
        "Youths intimidating shoppers at the parade"
    ]

    # Stage 6 (problem solving, tested through its pages elsewhere): the priority's case is assessed,
    # which sign-off requires.
    assessed_case_for(priority, recorded_by=world.user("sergeant"))

    # Stage 7: the panel, through its chair, decides it is resolved; nothing closes yet.
    as_user(page, live_server, world.user("panel_member"))
    page.goto(f"{live_server.url}/panels/meetings/{priority.selected_at.pk}/reviews/{priority.pk}/")
    page.get_by_label("The panel judges it resolved").check()
    page.get_by_label("The panel's review").fill("Shopkeepers say the parade is calm in the evenings.")
    submit(page)
    priority.refresh_from_db()
    assert priority.status == Priority.Status.PANEL_RESOLVED

    # The sergeant endorses: only now does it close.
    as_user(page, live_server, world.user("sergeant"))
    page.goto(f"{live_server.url}/panels/priorities/{priority.pk}/endorse/")
    page.get_by_label("Endorse the panel's sign-off: close the priority").check()
    submit(page)
    priority.refresh_from_db()
    assert priority.status == Priority.Status.CLOSED

    # "You said, we did": drafted by the PCSO, approved by the sergeant, then published.
    as_user(page, live_server, world.user("team_officer"))
    page.goto(f"{live_server.url}/panels/priorities/{priority.pk}/statement/")
    page.get_by_label("You said").fill("Groups were intimidating shoppers at the parade.")
    page.get_by_label("We did").fill("Evening patrols, a dispersal order and a youth club session.")
    page.get_by_label("Send it to the sergeant for approval").check()
    submit(page)
    assert not list(published_statements(ward))
    as_user(page, live_server, world.user("sergeant"))
    page.goto(f"{live_server.url}/panels/priorities/{priority.pk}/statement/approve/")
    page.get_by_label("Approve it for publication").check()
    submit(page)
    as_user(page, live_server, world.user("team_officer"))
    page.goto(f"{live_server.url}/panels/priorities/{priority.pk}/statement/publish/")
    submit(page, "Publish")

    (statement,) = published_statements(ward)
    assert statement.priority == priority
    assert "dispersal order" in statement.we_did
    assert errors == []
