"""Every page type in a real Chromium, as the role that uses it: no page is wider than a 390 px phone,
axe-core finds no serious or critical problem on a phone or at 1280 px, and every table too wide for
its box scrolls in a region a keyboard can reach, with a cue that there is more to see."""

import os
from dataclasses import dataclass

import pytest

from sn.testing.axe import DESKTOP, axe_violations, page_width, unusable_scrollers
from sn.testing.browser import BROWSER, PHONE, sign_in

pytestmark = BROWSER
SCREENSHOTS = os.environ.get("SN_SCREENSHOTS")  # a folder to keep screenshots in, when set


@dataclass(frozen=True)
class PageType:
    key: str
    role: str | None  # None: an anonymous visitor
    path: str  # with {ward}, {other_ward}, {borough} and {team} filled from the world
    ready: str = "main"  # a selector present once the page has drawn what it draws
    status: int = 200

    def url(self, world) -> str:
        return self.path.format(
            ward=world.wards["a1"].code,
            other_ward=world.wards["b1"].code,
            borough=world.boroughs["a"].code,
            team=world.teams["a1"].pk,
        )


AREA_MAP, DEMAND_MAP, CHART = "#area-map[data-drawn]", "#demand-map[data-drawn]", "#profile-chart[data-drawn]"
PAGE_TYPES = [
    PageType("landing", None, "/"),
    PageType("sign-in", None, "/accounts/login/"),
    PageType("accessibility-statement", None, "/accessibility/"),
    PageType("privacy-notice", None, "/privacy/"),
    PageType("home", "sergeant", "/"),
    PageType("ward", "team_officer", "/wards/{ward}/", "#ward-map[data-drawn]"),
    PageType("cluster", "inspector", "/clusters/C-A/", AREA_MAP),
    PageType("borough", "borough_lead", "/boroughs/{borough}/", AREA_MAP),
    PageType("force", "central_unit", "/force/", AREA_MAP),
    PageType("force-staffing", "central_unit", "/staffing/"),
    PageType("borough-staffing", "analyst", "/staffing/boroughs/{borough}/"),
    PageType("cluster-staffing", "inspector", "/staffing/clusters/C-A/"),
    PageType("force-demand", "central_unit", "/demand/", DEMAND_MAP),
    PageType("force-demand-table", "central_unit", "/demand/table/"),
    PageType("borough-demand", "borough_lead", "/demand/boroughs/{borough}/", DEMAND_MAP),
    PageType("cluster-demand", "inspector", "/demand/clusters/C-A/", DEMAND_MAP),
    PageType("ward-crime", "team_officer", "/crime/wards/{ward}/", CHART),
    PageType("borough-crime", "analyst", "/crime/boroughs/{borough}/", CHART),
    PageType("cluster-crime", "inspector", "/crime/clusters/C-A/", CHART),
    PageType("force-performance", "central_unit", "/performance/"),
    PageType("borough-performance", "borough_lead", "/performance/boroughs/{borough}/", "canvas[data-drawn]"),
    PageType("survey-upload", "central_unit", "/performance/upload/"),
    PageType("ward-report", "team_officer", "/reports/wards/{ward}/"),
    PageType("borough-report", "borough_lead", "/reports/boroughs/{borough}/"),
    PageType("cluster-report", "inspector", "/reports/clusters/C-A/"),
    PageType("history", "sergeant", "/history/team/{team}/"),
    PageType("password-change", "sergeant", "/accounts/password/"),
    PageType("locked-accounts", "central_unit", "/accounts/locked/"),
    PageType("forbidden", "team_officer", "/force/", status=403),
    PageType("not-found", "team_officer", "/wards/{other_ward}/", status=404),
]
LONG_STREET = "On or near Sir Christopher Wren's Crescent North"


def a_world_with_data():
    """The test world with two years of crime and ASB, a few located incidents with long street names,
    and two years of survey results, so that every page draws its charts, maps and tables."""
    from sn.core.months import add_months
    from sn.crime.tests.helpers import ASB, END, add_incidents, add_monthly
    from sn.incidents.categories import Category
    from sn.performance.tests.helpers import a_declining_borough_a
    from sn.testing.world import build_world

    world = build_world()
    rows = []
    for i, ward in enumerate(world.wards.values()):
        for back in range(24):
            month = add_months(END, -back)
            rows += [
                (ward, month, Category.BURGLARY, 30 + 7 * i + back),
                (ward, month, Category.VIOLENT_CRIME, 1200 + 13 * i),
                (ward, month, Category.VEHICLE_CRIME, 40 + i),
                (ward, month, ASB, 2 * i + back % 3),
            ]
    add_monthly(*rows)
    add_incidents(world.wards["a1"], END, Category.BURGLARY, LONG_STREET, 3)
    a_declining_borough_a(world)
    return world


def _open(page, live_server, spec: PageType, viewport: dict):
    world = a_world_with_data()
    page.set_viewport_size(viewport)
    if spec.role:
        sign_in(page, live_server, world.user(spec.role))
    response = page.goto(live_server.url + spec.url(world))
    assert response.status == spec.status, f"{spec.key}: {response.status}"
    page.wait_for_selector(spec.ready, state="attached")
    return world


def _snap(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("spec", PAGE_TYPES, ids=[p.key for p in PAGE_TYPES])
def test_the_page_fits_a_phone_and_axe_finds_nothing_serious(page, live_server, spec):
    _open(page, live_server, spec, PHONE)
    _snap(page, f"{spec.key}-390")
    problems = axe_violations(page)
    width = page_width(page)
    if width > PHONE["width"]:
        problems.append(f"the page is {width} px wide on a {PHONE['width']} px phone")
    assert problems == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("spec", PAGE_TYPES, ids=[p.key for p in PAGE_TYPES])
def test_at_desktop_width_axe_finds_nothing_serious_and_wide_tables_scroll_by_keyboard_with_a_cue(
    page, live_server, spec
):
    _open(page, live_server, spec, DESKTOP)
    _snap(page, f"{spec.key}-1280")
    assert axe_violations(page) + unusable_scrollers(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_keyboard_user_tabs_to_a_wide_table_and_scrolls_it_with_the_arrow_keys(page, live_server):
    _open(page, live_server, PAGE_TYPES[[p.key for p in PAGE_TYPES].index("force-staffing")], PHONE)
    region = page.get_by_role("region", name="Staffing by borough")
    region.focus()
    assert region.evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())


@pytest.mark.django_db(transaction=True)
def test_the_crime_profile_table_caption_and_its_note_are_on_lines_of_their_own(page, live_server):
    _open(page, live_server, PAGE_TYPES[[p.key for p in PAGE_TYPES].index("ward-crime")], DESKTOP)
    caption = page.locator("#month-table caption")
    note = caption.get_by_text("Categories with no incidents in the period are left out here")
    title_box = caption.evaluate(
        """caption => {
          const range = document.createRange();
          range.selectNodeContents(caption.firstChild);
          return range.getBoundingClientRect().toJSON();
        }"""
    )
    note_box = note.bounding_box()
    assert note_box["y"] >= title_box["bottom"], "the note starts on the caption's line"
    assert note.evaluate("el => getComputedStyle(el).fontWeight") == "400"


@pytest.mark.django_db(transaction=True)
def test_a_failed_sign_in_says_error_in_the_title_and_ties_each_message_to_its_field(page, live_server):
    world = a_world_with_data()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill(world.user("sergeant").username)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error: ")
    assert _undescribed_fields(page) == []
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_failed_password_change_says_error_in_the_title_and_ties_each_message_to_its_field(
    page, live_server
):
    world = a_world_with_data()
    sign_in(page, live_server, world.user("sergeant"))
    page.goto(f"{live_server.url}/accounts/password/")
    page.get_by_label("Old password").fill("wrong")
    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("New password confirmation").fill("different")
    page.get_by_role("button", name="Change password").click()
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error: ")
    assert _undescribed_fields(page) == []
    assert axe_violations(page) == []


@pytest.mark.django_db(transaction=True)
def test_a_refused_survey_upload_says_error_once_in_the_title_and_ties_hint_and_error_to_the_field(
    page, live_server, tmp_path
):
    world = a_world_with_data()
    sign_in(page, live_server, world.user("central_unit"))
    page.goto(f"{live_server.url}/performance/upload/")
    # A spreadsheet is refused by the form itself (a CSV's content is the job's to refuse).
    bad = tmp_path / "survey.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a csv")
    page.get_by_label("Survey results file").set_input_files(str(bad))
    page.get_by_role("button", name="Upload").click()
    page.wait_for_selector(".govuk-error-summary")
    assert page.title().startswith("Error: ") and not page.title().startswith("Error: Error:")
    assert _undescribed_fields(page) == []


def _undescribed_fields(page) -> list[str]:
    """Inputs whose hint or error message is not in their aria-describedby."""
    return page.evaluate(
        """() => [...document.querySelectorAll(".govuk-form-group")].flatMap(group => {
          const input = group.querySelector("input:not([type=hidden]), select, textarea");
          if (!input) return [];
          const described = (input.getAttribute("aria-describedby") || "").split(/\\s+/);
          return [...group.querySelectorAll(".govuk-hint, .govuk-error-message")]
            .filter(el => !el.id || !described.includes(el.id))
            .map(el => `${input.id}: "${el.textContent.trim()}" is not tied to the field`);
        })"""
    )


def test_the_page_types_cover_the_issue_list():
    """Issue 7 names the page types the checks must cover."""
    required = {
        "landing", "sign-in", "home", "ward", "cluster", "borough", "force", "force-staffing",
        "force-demand-table", "ward-crime", "force-performance", "survey-upload", "ward-report",
        "history", "forbidden", "not-found",
    }  # fmt: skip
    assert required <= {p.key for p in PAGE_TYPES}
