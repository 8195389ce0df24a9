"""The strategic profile (form 301): the sections apps register in STRATEGIC_SECTIONS, on a printable
page and as a PDF."""

import pytest
from django.urls import reverse

from sn.core.registries import (
    STRATEGIC_SECTIONS,
    ReportSection,
    ReportSectionProvider,
    Table,
)
from sn.geography.permissions import VIEW_CLUSTER_OVERVIEW
from sn.profiles.tests.factories import KeyLocationFactory
from sn.reports.tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


def _section(key: str, title: str, *lines: str):
    return lambda area, day: ReportSection(
        key=key,
        title=title,
        summary=[f"{line} for {area.name}" for line in lines],
        tables=[Table(caption=f"{title} table", headers=["What", "Count"], rows=[["Open", 2]])],
        as_at=day,
    )


PRIORITIES = ReportSectionProvider("priorities", 20, _section("priorities", "Priorities", "Three priorities"))
CRIME = ReportSectionProvider("crime", 30, _section("crime", "Crime and anti-social behaviour", "Crime fell"))
ACTIVITY = ReportSectionProvider(
    "activity",
    40,
    _section("activity", "Significant activity", "Operation Nightjar"),
    permission=VIEW_CLUSTER_OVERVIEW,
)


@pytest.fixture
def registered():
    """The ward profile's real section, a panel's, a crime section, and an engagement section behind a
    permission."""
    ward = STRATEGIC_SECTIONS.get("ward")
    with STRATEGIC_SECTIONS.isolated([ward, PRIORITIES, CRIME, ACTIVITY]):
        yield


def _url(ward, query: str = "") -> str:
    return reverse("reports:strategic_profile", args=[ward.code]) + query


def test_the_profile_prints_every_registered_section_in_order(client_for, world, registered):
    ward = world.wards["a1"]
    KeyLocationFactory(neighbourhood=ward, name="Oakfield Primary School")
    response = client_for("inspector").get(_url(ward))
    body = response.content.decode()
    assert response.status_code == 200
    order = [body.index(f'id="section-{key}"') for key in ("ward", "priorities", "crime", "activity")]
    assert order == sorted(order)
    assert f"Three priorities for {ward.name}" in body and "Oakfield Primary School" in body
    assert "sn/print.css" in body and "reports/strategic.css" in body


def test_a_section_behind_a_permission_the_reader_lacks_is_left_out(client_for, world, registered):
    body = client_for("team_officer").get(_url(world.wards["a1"])).content.decode()
    assert "Three priorities" in body
    assert "Operation Nightjar" not in body


def test_the_header_names_the_team_its_sergeant_and_the_inspector(client_for, world, registered):
    body = client_for("sergeant").get(_url(world.wards["a1"])).content.decode()
    sergeant, inspector = world.officers["sergeant_a"], world.officers["inspector_a"]
    assert world.teams["a1"].name in body
    assert f"PS {sergeant.full_name}" in body and f"Insp {inspector.full_name}" in body


def test_the_profile_downloads_as_a_pdf_with_the_same_sections(client_for, world, registered):
    ward = world.wards["a1"]
    response = client_for("panel_member").get(_url(ward, "?format=pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(f'attachment; filename="strategic-profile-{ward.code}-')
    text = pdf_text(response.content)
    assert f"{ward.name}: strategic profile" in text
    for line in ("About this profile", "The ward", "Priorities", f"Crime fell for {ward.name}"):
        assert line in text


def test_a_profile_offers_no_workbook(client_for, world):
    assert client_for("sergeant").get(_url(world.wards["a1"], "?format=xlsx")).status_code == 404


def test_crime_registers_its_12_months_for_form_301_after_the_priorities():
    keys = STRATEGIC_SECTIONS.keys()
    assert "crime" in keys and keys.index("crime") > keys.index("priorities")


def test_with_nothing_registered_the_page_says_so(client_for, world):
    with STRATEGIC_SECTIONS.isolated():
        body = client_for("sergeant").get(_url(world.wards["a1"])).content.decode()
    assert "Nothing has been recorded for this profile yet." in body
