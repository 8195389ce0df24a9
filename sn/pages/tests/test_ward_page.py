"""The ward page is one selector: its header and whatever panels the apps register."""

import pytest

from sn.core.registries import WARD_PANELS, Panel
from sn.pages.selectors import landing_for, ward_page

pytestmark = pytest.mark.django_db


def test_the_ward_page_carries_every_panel_the_user_may_see(world):
    page = ward_page(world.user("sergeant"), world.wards["a1"].code)
    assert [p.key for p in page.panels] == [
        "team",
        "staffing",
        "panel_priorities",
        "duties",
        "cases",
        "epic",
        "kin",
        "engagement",
        "concerns",
        "profile",
        "neighbours",
        "crime_links",
        "report_links",
    ]


def test_a_panel_behind_a_permission_is_left_out_for_a_role_without_it(world):
    page = ward_page(world.user("panel_member"), world.wards["a1"].code)
    assert "staffing" not in [p.key for p in page.panels]


def test_an_app_adds_a_panel_by_registering_it(client_for, world):
    panel = Panel(
        key="priorities",
        title="Priorities",
        order=25,
        template="pages/tests/panel.html",
        build=lambda user, neighbourhood: {"message": f"Priorities of {neighbourhood.name}"},
    )
    with WARD_PANELS.isolated([*WARD_PANELS.entries(), panel]):
        page = ward_page(world.user("sergeant"), world.wards["a1"].code)
        assert [p.key for p in page.panels][:3] == ["team", "priorities", "staffing"]
        assert page.panels[1].context == {"message": f"Priorities of {world.wards['a1'].name}"}


def test_a_panel_with_nothing_to_show_is_left_out(world):
    panel = Panel(key="empty", title="Empty", order=1, template="x.html", build=lambda user, n: None)
    with WARD_PANELS.isolated([panel]):
        assert ward_page(world.user("sergeant"), world.wards["a1"].code).panels == []


def test_the_ward_page_renders_its_panels(client_for, world):
    body = client_for("sergeant").get(f"/wards/{world.wards['a1'].code}/").content.decode()
    for text in (
        "Staffing against establishment",
        "Neighbouring areas",
        "Crime and ASB profile",
        "Monthly report",
    ):
        assert text in body


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        ("central_unit", "/force/"),
        ("borough_lead", "/boroughs/{a}/"),
        ("analyst", "/boroughs/{a}/"),
        ("inspector", "/clusters/C-A/"),
        ("sergeant", None),
        ("panel_member", None),
        ("partner", None),
    ],
)
def test_each_role_starts_from_the_area_the_roles_registry_says(world, role, lands_on):
    landing = landing_for(world.user(role))
    expected = lands_on.format(a=world.boroughs["a"].code) if lands_on else None
    assert landing.area_page == expected
