"""Where am I, and what does this page hold: breadcrumbs on every internal page, the footer's
accessibility statement and privacy notice, numbers shown alike everywhere, and refused forms that say
so in the title and tie each message to its field."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _crumbs(page: str) -> list[tuple[str, str]]:
    """(label, href or "") of each breadcrumb."""
    nav = page.split('class="govuk-breadcrumbs"')[1].split("</nav>")[0]
    items = re.findall(r'<li class="govuk-breadcrumbs__list-item">(.*?)</li>', nav, re.S)
    found = []
    for item in items:
        link = re.search(r'href="([^"]*)">([^<]*)</a>', item)
        found.append((link.group(2), link.group(1)) if link else (item.strip(), ""))
    return found


HOME = ("Home", "/")


def _expected(world, role: str, path: str) -> tuple[str, list]:
    a, a1 = world.boroughs["a"], world.wards["a1"]
    borough = (a.name, f"/boroughs/{a.code}/")
    cluster = ("Cluster A", "/clusters/C-A/")
    ward = (a1.name, f"/wards/{a1.code}/")
    cases = {
        "ward": (f"/wards/{a1.code}/", [HOME, (a.name, ""), ("Cluster A", "")]),  # a PC opens neither
        "ward-inspector": (f"/wards/{a1.code}/", [HOME, (a.name, ""), cluster]),
        "ward-lead": (f"/wards/{a1.code}/", [HOME, borough, cluster]),
        "ward-crime": (f"/crime/wards/{a1.code}/", [HOME, (a.name, ""), ("Cluster A", ""), ward]),
        "cluster": ("/clusters/C-A/", [HOME, (a.name, "")]),
        "cluster-crime": ("/crime/clusters/C-A/", [HOME, (a.name, ""), cluster]),
        "cluster-demand": ("/demand/clusters/C-A/", [HOME, (a.name, ""), cluster]),
        "cluster-staffing": ("/staffing/clusters/C-A/", [HOME, (a.name, ""), cluster]),
        "borough": (f"/boroughs/{a.code}/", [HOME]),
        "borough-crime": (f"/crime/boroughs/{a.code}/", [HOME, borough]),
        "borough-demand": (f"/demand/boroughs/{a.code}/", [HOME, borough]),
        "borough-staffing": (f"/staffing/boroughs/{a.code}/", [HOME, borough]),
        "borough-performance": (f"/performance/boroughs/{a.code}/", [HOME, borough]),
        "force": ("/force/", [HOME]),
        "force-staffing": ("/staffing/", [HOME]),
        "force-demand": ("/demand/", [HOME]),
        "force-demand-table": ("/demand/table/", [HOME, ("Demand map", "/demand/")]),
        "force-performance": ("/performance/", [HOME]),
        "survey-upload": ("/performance/upload/", [HOME, ("Public attitude survey", "/performance/")]),
    }
    return cases[path]


BREADCRUMB_CASES = [
    ("team_officer", "ward"),
    ("inspector", "ward-inspector"),
    ("borough_lead", "ward-lead"),
    ("team_officer", "ward-crime"),
    ("inspector", "cluster"),
    ("inspector", "cluster-crime"),
    ("inspector", "cluster-demand"),
    ("inspector", "cluster-staffing"),
    ("borough_lead", "borough"),
    ("analyst", "borough-crime"),
    ("borough_lead", "borough-demand"),
    ("analyst", "borough-staffing"),
    ("borough_lead", "borough-performance"),
    ("central_unit", "force"),
    ("central_unit", "force-staffing"),
    ("central_unit", "force-demand"),
    ("central_unit", "force-demand-table"),
    ("central_unit", "force-performance"),
    ("central_unit", "survey-upload"),
]


@pytest.mark.parametrize(("role", "page"), BREADCRUMB_CASES, ids=[p for _, p in BREADCRUMB_CASES])
def test_every_internal_page_has_breadcrumbs_from_home_linking_only_what_the_role_may_open(
    client_for, world, role, page
):
    path, expected = _expected(world, role, page)
    response = client_for(role).get(path)
    assert response.status_code == 200
    assert _crumbs(response.content.decode()) == expected


@pytest.mark.parametrize(
    ("role", "path"),
    [(None, "/"), (None, "/accounts/login/"), ("sergeant", "/"), ("central_unit", "/staffing/")],
)
def test_every_page_links_the_accessibility_statement_and_the_privacy_notice(client_for, role, path):
    footer = client_for(role).get(path).content.decode().split('<footer class="govuk-footer">')[1]
    assert f'href="{reverse("pages:accessibility")}">Accessibility statement</a>' in footer
    assert f'href="{reverse("pages:privacy")}">Privacy notice</a>' in footer


def test_the_accessibility_statement_is_public_and_follows_the_regulations(client, world):
    page = client.get(reverse("pages:accessibility")).content.decode()
    for heading in (
        "How accessible this service is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Compliance status",
        "Non-accessible content",
        "How we tested this service",
    ):
        assert heading in page
    assert "Web Content Accessibility Guidelines version 2.2" in page
    assert "Test Police" in page  # the force is named from the data


def test_the_privacy_notice_is_public_and_names_what_the_service_holds(client, world):
    page = client.get(reverse("pages:privacy")).content.decode()
    for held in ("work email and phone", "Ward panel members", "audit trail", "police.uk", "Sign-in records"):
        assert held in page
    assert "Information Commissioner" in page and "Test Police" in page


def test_a_population_is_written_the_same_way_on_the_ward_and_the_borough_page(client_for, world):
    client = client_for("borough_lead")
    ward = client.get(f"/wards/{world.wards['a1'].code}/").content.decode()
    borough = client.get(f"/boroughs/{world.boroughs['a'].code}/").content.decode()
    assert "15,000" in ward
    assert "15,000" in borough and ">15000<" not in borough


def test_a_refused_sign_in_says_error_first_in_the_title_and_ties_the_message_to_the_field(client, world):
    page = client.post(
        reverse("accounts:login"), {"username": "sergeant", "password": "wrong"}
    ).content.decode()
    assert re.search(r"<title>Error: Sign in", page)
    password = re.search(r'<input[^>]*id="id_password"[^>]*>', page).group(0)
    errors = re.findall(r'class="govuk-error-message" id="([^"]+)"', page)
    assert all(error_id in password for error_id in errors if error_id.startswith("id_password"))


def test_a_field_hint_and_error_are_in_its_aria_describedby(client_for):
    page = (
        client_for("sergeant")
        .post(
            reverse("accounts:password_change"),
            {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
        )
        .content.decode()
    )
    assert page.count("<title>Error: ") == 1
    for field in ("id_old_password", "id_new_password1", "id_new_password2"):
        tag = re.search(rf'<input[^>]*id="{field}"[^>]*>', page).group(0)
        described = re.search(r'aria-describedby="([^"]*)"', tag)
        for part in (f"{field}-hint", f"{field}-error"):
            if f'id="{part}"' in page:
                assert described and part in described.group(1).split(), (field, part)


def test_the_title_of_a_page_whose_form_is_fine_has_no_error_prefix(client):
    assert "<title>Sign in" in client.get(reverse("accounts:login")).content.decode()
