"""The EPIC pages in a real Chromium: a ward's report, the force's report and the recording form fit a
phone and a desktop, draw their chart without script errors, and axe finds nothing serious."""

import pytest
from django.utils import timezone

from sn.activity.models import ActivityCount, ActivityRecord
from sn.activity.services import copies_of
from sn.testing.axe import DESKTOP, screen_problems
from sn.testing.browser import BROWSER, PHONE, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_epic_reports_and_the_form_fit_the_screen_and_axe_finds_nothing_serious(
    page, live_server, viewport
):
    world = build_world()
    today = timezone.localdate()
    record = ActivityRecord.objects.create(
        neighbourhood=world.wards["a1"],
        on=today,
        month=today.replace(day=1),
        summary="Operation day",
        stage=6,
    )
    for kind, count in {"arrests": 2, "home_visits": 14, "leaflet_drops": 300}.items():
        ActivityCount.objects.create(record=record, kind=kind, count=count, **copies_of(record))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size(viewport)
    width = viewport["width"]

    sign_in(page, live_server, world.user("team_officer"))
    code = world.wards["a1"].code
    page.goto(f"{live_server.url}/epic/wards/{code}/")
    assert page.get_by_role("heading", name="Activity by family, month by month").is_visible()
    assert page.locator("canvas#epic-chart").is_visible()
    problems = screen_problems(page, width)
    page.goto(f"{live_server.url}/activity/wards/{code}/new/")
    assert page.get_by_role("heading", level=1).is_visible()
    problems += screen_problems(page, width)
    page.goto(f"{live_server.url}/activity/wards/{code}/")
    assert page.get_by_text("Operation day").first.is_visible()
    problems += screen_problems(page, width)

    sign_in(page, live_server, world.user("central_unit"))
    page.goto(f"{live_server.url}/epic/force/")
    assert page.get_by_role("heading", name="Activity by family, month by month").is_visible()
    problems += screen_problems(page, width)
    assert problems == []
    assert errors == []
