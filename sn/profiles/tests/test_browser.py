"""The ward profile, its map form and the strategic profile in a real Chromium: charts and maps draw, a
click on the map places a key location that saves, and axe-core finds nothing serious on a phone or a
desktop, with no page wider than the phone."""

import os

import pytest

from sn.testing.axe import DESKTOP, axe_violations, page_width, unusable_scrollers
from sn.testing.browser import BROWSER, PHONE, sign_in

pytestmark = BROWSER
SCREENSHOTS = os.environ.get("SN_SCREENSHOTS")  # a folder to keep screenshots in, when set


def _snap(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def a_profiled_world():
    from sn.profiles.services import demographic_figures_import
    from sn.profiles.tests.factories import KeyLocationFactory, RecurringEventFactory
    from sn.testing.world import build_world

    world = build_world()
    lines = ["area_code,measure,category,value,source,year"]
    for i, ward in enumerate(world.wards.values()):
        for band, value in (("0 to 15", 3000 + 100 * i), ("16 to 64", 9000), ("65 and over", 2000 - 50 * i)):
            lines.append(f"{ward.code},age,{band},{value},ONS Census 2021,2021")
        lines += [f"{ward.code},imd-decile,{d},{(d + i) % 3},MHCLG IoD 2019,2019" for d in range(1, 11)]
        lines.append(
            f"{ward.code},imd-average-rank,Index of Multiple Deprivation,{9000 + 300 * i},MHCLG,2019"
        )
    demographic_figures_import(data="\n".join(lines).encode(), source="browser test")
    ward = world.wards["a1"]
    KeyLocationFactory(
        neighbourhood=ward, name="Oakfield Primary School", description="Closing time crowds " * 8
    )
    KeyLocationFactory(neighbourhood=ward, name="The Red Lion", kind="licensed_premises")
    RecurringEventFactory(neighbourhood=ward, name="Saturday Market")
    return world


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_profile_draws_its_charts_and_map_and_axe_finds_nothing_serious(page, live_server, viewport):
    world = a_profiled_world()
    ward = world.wards["a1"]
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_viewport_size(viewport)
    sign_in(page, live_server, world.user("team_officer"))
    page.goto(f"{live_server.url}/wards/{ward.code}/profile/")
    page.wait_for_selector("#age-chart[data-drawn='3']")
    page.wait_for_selector("#decile-chart[data-drawn='3']")
    page.wait_for_selector("#places-map[data-drawn='3']")
    assert page.locator("#places-map .sn-event-marker").count() == 1
    _snap(page, f"ward-profile-{viewport['width']}")
    problems = axe_violations(page) + unusable_scrollers(page)
    if page_width(page) > viewport["width"]:
        problems.append(f"the page is {page_width(page)} px wide")
    assert problems == [] and errors == []


@pytest.mark.django_db(transaction=True)
def test_a_pcso_places_a_key_location_by_clicking_the_map(page, live_server):
    from sn.profiles.models import KeyLocation

    world = a_profiled_world()
    ward = world.wards["a1"]
    sign_in(page, live_server, world.user("team_officer"))
    page.goto(f"{live_server.url}/wards/{ward.code}/profile/locations/new/")
    page.wait_for_selector("#place-map .leaflet-interactive", state="attached")
    assert axe_violations(page) == []
    page.get_by_label("What kind of place").select_option("park")
    page.get_by_label("Name", exact=True).fill("Elmhurst Recreation Ground")
    # Just off the centre, where the ward is and the places already recorded (at its centre) are not.
    the_map = page.locator("#place-map")
    box = the_map.bounding_box()
    the_map.click(position={"x": box["width"] * 0.45, "y": box["height"] * 0.6})
    page.wait_for_selector("#place-map[data-placed]", state="attached")
    assert page.get_by_label("Latitude").input_value() != ""
    _snap(page, "key-location-form")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/wards/{ward.code}/profile/#key-locations")
    assert page.get_by_text("Elmhurst Recreation Ground added to the key locations").is_visible()
    location = KeyLocation.objects.get(name="Elmhurst Recreation Ground")
    assert location.neighbourhood == ward


@pytest.mark.django_db(transaction=True)
def test_the_strategic_profile_fits_a_phone_and_axe_finds_nothing_serious(page, live_server):
    world = a_profiled_world()
    sign_in(page, live_server, world.user("sergeant"))
    page.goto(f"{live_server.url}/wards/{world.wards['a1'].code}/strategic-profile/")
    page.wait_for_selector("#section-ward", state="attached")
    _snap(page, "strategic-profile-390")
    problems = axe_violations(page)
    if page_width(page) > PHONE["width"]:
        problems.append(f"the page is {page_width(page)} px wide")
    assert problems == []
