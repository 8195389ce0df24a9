"""A report shows each person what the pages show them: a section behind a permission is left out of
every format for a user without it."""

from datetime import date

import pytest

from sn.core.registries import REPORT_SECTIONS, ReportSection, ReportSectionProvider
from sn.reports.sections import build_sections
from sn.reports.tests.helpers import pdf_text, workbook_of
from sn.teams.permissions import VIEW_STAFFING

pytestmark = pytest.mark.django_db


def ward_report(client, world, fmt: str = ""):
    query = f"?format={fmt}" if fmt else ""
    return client.get(f"/reports/wards/{world.wards['a1'].code}/{query}")


def test_a_panel_member_sees_no_staffing_in_any_format_of_the_ward_report(client_for, world):
    client = client_for("panel_member")
    assert "Staffing against establishment" not in ward_report(client, world).content.decode()
    assert "Staffing" not in pdf_text(ward_report(client, world, "pdf").content)
    workbook = workbook_of(ward_report(client, world, "xlsx"))
    assert "Staffing by team" not in workbook.sheetnames
    assert "Staffing against establishment" not in [c.value for c in workbook["Contents"]["A"]]


def test_a_team_officer_sees_the_staffing_in_every_format_of_the_ward_report(client_for, world):
    client = client_for("team_officer")
    assert "Staffing against establishment" in ward_report(client, world).content.decode()
    assert "Staffing against establishment" in pdf_text(ward_report(client, world, "pdf").content)
    assert "Staffing by team" in workbook_of(ward_report(client, world, "xlsx")).sheetnames


def test_a_section_behind_a_permission_is_built_only_for_a_user_holding_it(world):
    built = []

    def staffing_like(area, day):
        built.append(area)
        return ReportSection(key="guarded", title="Guarded")

    provider = ReportSectionProvider(key="guarded", order=1, build=staffing_like, permission=VIEW_STAFFING)
    with REPORT_SECTIONS.isolated([provider]):
        ward = world.wards["a1"]
        assert build_sections(world.user("panel_member"), ward, date(2026, 10, 31)) == []
        assert built == [], "a section the user may not see is not even built"
        titles = [s.title for s in build_sections(world.user("sergeant"), ward, date(2026, 10, 31))]
    assert titles == ["Guarded"]


def test_the_staffing_section_is_registered_behind_view_staffing():
    assert REPORT_SECTIONS.get("staffing").permission == VIEW_STAFFING
