"""The community pages in a real Chromium, as the roles that use them: they fit a phone, axe finds
nothing serious on a phone or at desktop width, wide tables scroll by keyboard, the maps draw their
points and small areas, and a click on the form's map places the person."""

import os

import pytest
from django.urls import reverse

from sn.community import small_areas
from sn.community.tests.factories import ContactFactory, KinInterviewFactory, KinMemberFactory, days_ago
from sn.community.tests.test_gap import EAST_POINT, WEST_POINT, halves
from sn.testing.axe import DESKTOP, axe_violations, page_width, unusable_scrollers
from sn.testing.browser import BROWSER, PHONE, sign_in
from sn.testing.world import build_world

pytestmark = BROWSER
SCREENSHOTS = os.environ.get("SN_SCREENSHOTS")


def community_world(monkeypatch):
    world = build_world()
    monkeypatch.setattr(small_areas, "shipped_table", lambda: halves(world.boroughs["a"].code))
    ward = world.wards["a1"]
    for n, point in enumerate([WEST_POINT, WEST_POINT, EAST_POINT]):
        member = KinMemberFactory(
            neighbourhood=ward,
            name=f"Member Number{n}",
            latitude=point[0],
            longitude=point[1],
            age_band="35-49",
        )
        KinInterviewFactory(member=member, officer=world.officers["pc_a"])
    KinMemberFactory(neighbourhood=ward, name="Overdue Person", last_interviewed_on=days_ago(300))
    ContactFactory(neighbourhood=ward, name="Contact Person", latitude=WEST_POINT[0], longitude=WEST_POINT[1])
    ContactFactory(neighbourhood=ward, consent_given_on=days_ago(900), last_contacted_on=None)
    return world


def pages(world) -> list[tuple[str, str, str]]:
    code = world.wards["a1"].code
    member = world.wards["a1"].kin_members.order_by("id").first()
    contact = world.wards["a1"].community_contacts.order_by("id").first()
    return [
        ("kin-ward", "team_officer", reverse("community:kin_ward", args=[code])),
        ("kin-member", "sergeant", reverse("community:kin_member", args=[member.pk])),
        ("kin-member-new", "team_officer", reverse("community:kin_member_new", args=[code])),
        ("kin-interview-new", "team_officer", reverse("community:kin_interview_new", args=[member.pk])),
        ("contacts", "inspector", reverse("community:contacts_ward", args=[code])),
        ("contact", "team_officer", reverse("community:contact", args=[contact.pk])),
        ("contact-new", "team_officer", reverse("community:contact_new", args=[code])),
        ("gap", "team_officer", reverse("community:gap", args=[code])),
        ("review", "sergeant", reverse("community:personal_data_review", args=[code])),
        ("compliance-cluster", "inspector", reverse("community:compliance_cluster", args=["C-A"])),
        ("compliance-force", "central_unit", reverse("community:compliance_force")),
        ("ward", "team_officer", reverse("pages:ward", args=[code])),
    ]


@pytest.mark.django_db(transaction=True)
def test_every_community_page_fits_a_phone_and_axe_finds_nothing_serious(page, live_server, monkeypatch):
    world = community_world(monkeypatch)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    problems = []
    for key, role, url in pages(world):
        sign_in(page, live_server, world.user(role))
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            response = page.goto(live_server.url + url)
            assert response.status == 200, key
            if page.locator("[data-community-map]").count():
                page.wait_for_selector("[data-community-map][data-drawn]")
            if SCREENSHOTS:
                page.screenshot(
                    path=os.path.join(SCREENSHOTS, f"{key}-{viewport['width']}.png"), full_page=True
                )
            problems += [f"{key} at {viewport['width']}: {p}" for p in axe_violations(page)]
            if viewport is PHONE and page_width(page) > PHONE["width"]:
                problems.append(f"{key}: {page_width(page)} px wide on a phone")
            if viewport is DESKTOP:
                problems += [f"{key}: {p}" for p in unusable_scrollers(page)]
    assert problems == []
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_the_maps_and_chart_draw_and_a_click_on_the_map_places_someone(page, live_server, monkeypatch):
    world = community_world(monkeypatch)
    code = world.wards["a1"].code
    sign_in(page, live_server, world.user("team_officer"))

    page.goto(live_server.url + reverse("community:gap", args=[code]))
    page.wait_for_selector("#gap-map[data-drawn='4']")
    assert page.locator("#gap-map path.leaflet-interactive").count() >= 2 + 4  # two small areas, four people

    page.goto(live_server.url + reverse("community:kin_member_new", args=[code]))
    page.wait_for_selector("#pick-map[data-drawn]")
    page.locator("#pick-map").click()  # scrolled into view and clicked in the middle: the ward's middle
    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    assert 51.50 < latitude < 51.51 and -0.20 < longitude < -0.19

    sign_in(page, live_server, world.user("inspector"))
    page.goto(live_server.url + reverse("community:compliance_cluster", args=["C-A"]))
    page.wait_for_selector("#compliance-chart[data-drawn='12']")
