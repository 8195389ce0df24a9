"""The abstraction pages, their downloads and their scope, the monthly report section, the header link
and the work items, on the test world with known duties."""

from datetime import timedelta

import pytest
from django.urls import reverse

from sn.core.months import add_months, this_month
from sn.core.registries import NAVIGATION
from sn.testing.access import download_text, route_failures, rules_of
from sn.testing.world import build_wide_world
from sn.workforce.models import Duty
from sn.workforce.report_sections import abstraction_section, teams_over_target_items
from sn.workforce.tests.access_rules_abstraction import ACCESS_RULES, DOWNLOADS
from sn.workforce.tests.factories import abstraction_policy_seed, duty_codes_seed
from sn.workforce.tests.test_abstraction_rates import duty

pytestmark = pytest.mark.django_db

# Last month: the work items look at it, and a page may ask for it with ?month=.
MONTH = add_months(this_month(), -1)
QUERY = f"?month={MONTH:%Y-%m}"


@pytest.fixture
def known(world):
    """Last month: a1 (pc_a) 18 SN days and 2 AB days (10%, over the 2% target); a2 (sergeant_a) 19 SN
    days and one day of leave (exempt, 0%); b1 (pc_b) 20 SN days."""
    duty_codes_seed()
    abstraction_policy_seed()
    days = [MONTH + timedelta(days=i) for i in range(20)]
    rows = [duty(world, "a1", "AB" if i < 2 else "SN", d) for i, d in enumerate(days)]
    rows += [
        duty(world, "a2", "AL" if i == 0 else "SN", d, officer=world.officers["sergeant_a"])
        for i, d in enumerate(days)
    ]
    rows += [duty(world, "b1", "SN", d, officer=world.officers["pc_b"]) for d in days]
    Duty.objects.bulk_create(rows)
    return world


def test_the_force_page_shows_boroughs_teams_over_target_first_and_the_chart(client_for, known):
    response = client_for("central_unit").get(reverse("workforce:abstraction_force") + QUERY)
    assert response.status_code == 200
    page = response.content.decode()
    assert "data-abstraction-chart" in page and "abstraction_chart.js" in page
    assert "Borough A" in page and "Borough B" in page
    # The page lists the teams over the target; the download lists every team, those over it first.
    assert known.wards["a1"].name in page and known.wards["a2"].name not in page
    download = download_text(
        client_for("central_unit").get(reverse("workforce:abstraction_force") + QUERY + "&format=csv"), "csv"
    )
    assert download.index(known.wards["a1"].name) < download.index(known.wards["a2"].name)
    assert "3.3%" in page  # 2 of 60 days abstracted for a reason that counts
    assert "Over" in page


def test_a_bad_month_is_a_400_naming_the_parameter(client_for, known):
    response = client_for("central_unit").get(reverse("workforce:abstraction_force") + "?month=2024-13")
    assert response.status_code == 400
    assert "month" in response.content.decode()


def test_the_downloads_carry_the_tables(client_for, known):
    client = client_for("borough_lead")
    url = reverse("workforce:abstraction_borough", args=[known.boroughs["a"].code]) + QUERY
    csv_text = download_text(client.get(url + "&format=csv"), "csv")
    assert "abstraction by reason" in csv_text
    assert known.wards["a1"].name in csv_text
    assert known.wards["b1"].name not in csv_text
    xlsx_text = download_text(client.get(url + "&format=xlsx"), "xlsx")
    assert "Other abstraction" in xlsx_text


def test_the_borough_page_is_not_found_outside_scope(client_for, known):
    client = client_for("analyst")
    assert (
        client.get(reverse("workforce:abstraction_borough", args=[known.boroughs["b"].code])).status_code
        == 404
    )
    page = client.get(reverse("workforce:abstraction_borough", args=[known.boroughs["a"].code]) + QUERY)
    assert known.wards["b1"].name not in page.content.decode()


def test_the_sergeant_sees_the_team_and_its_officers(client_for, known):
    client = client_for("sergeant")
    page = client.get(reverse("workforce:abstraction_ward", args=[known.wards["a1"].code]) + QUERY)
    assert page.status_code == 200
    assert known.officers["pc_a"].collar_number in page.content.decode()
    officer = client.get(reverse("workforce:abstraction_officer", args=[known.officers["pc_a"].pk]) + QUERY)
    assert officer.status_code == 200
    assert (
        client.get(reverse("workforce:abstraction_officer", args=[known.officers["pc_b"].pk])).status_code
        == 404
    )


def test_the_report_section_has_the_rate_reasons_teams_and_trend(known):
    section = abstraction_section(known.boroughs["a"], MONTH.replace(day=28))
    assert section is not None
    assert "5.0%" in section.summary[0] and "over the target" in section.summary[0]
    assert [t.sheet for t in section.tables] == ["Reasons", "Teams", "Trend"]
    ward = abstraction_section(known.wards["b1"], MONTH.replace(day=28))
    assert ward is not None and [t.sheet for t in ward.tables] == ["Reasons", "Trend"]
    empty = abstraction_section(known.wards["a3"], MONTH.replace(day=28))
    assert empty.tables == []
    assert empty.summary[0].startswith(f"No duties are recorded for {known.wards['a3'].name} in")


def test_the_header_link_points_to_each_role_s_own_level(known):
    (item,) = [n for n in NAVIGATION if n.key == "abstraction"]
    assert item.href(known.users["central_unit"]) == reverse("workforce:abstraction_force")
    assert item.href(known.users["borough_lead"]) == reverse(
        "workforce:abstraction_borough", args=[known.boroughs["a"].code]
    )
    assert item.href(known.users["inspector"]) == reverse("workforce:abstraction_cluster", args=["C-A"])
    assert item.href(known.users["sergeant"]).startswith("/abstraction/wards/")
    assert item.href(known.users["team_officer"]) is None


def test_the_inspector_is_asked_about_teams_over_target_last_month(known):
    items = teams_over_target_items(known.users["inspector"])
    assert [i.title.split(":")[0] for i in items] == [known.wards["a1"].name]
    assert items[0].url.endswith(QUERY)
    assert teams_over_target_items(known.users["central_unit"]) == []


@pytest.fixture
def wide(db):
    return build_wide_world()


@pytest.mark.parametrize("name", sorted(ACCESS_RULES))
def test_every_role_reaches_only_its_own_rows(client, wide, name):
    """The access matrix's check with the downloads (until sn/workforce/tests/access_rules.py passes
    DOWNLOADS on to it): each role at each level, and rows naming only areas the role reaches."""
    roles = [
        None,
        "central_unit",
        "borough_lead",
        "analyst",
        "inspector",
        "sergeant",
        "team_officer",
        "partner",
    ]
    failures = []
    for rule in rules_of(ACCESS_RULES[name]):
        for role in roles:
            client.logout()
            if role:
                client.force_login(wide.user(role))
            failures += route_failures(client, wide, name, rule, role, downloads=DOWNLOADS[name])
    assert failures == []
