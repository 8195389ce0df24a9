"""The monthly EPIC report on a small known world: exact figures by kind, family, stage and deliverer,
the comparisons with the month before and a year earlier, the priorities and interventions, the parts of
an area, the downloads and the report section."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sn.activity.models import ActivityCount, ActivityRecord
from sn.activity.report_sections import activity_strategic_section, epic_section
from sn.activity.selectors import epic_report
from sn.activity.services import copies_of
from sn.activity.tests.helpers import make_case
from sn.panels.tests.helpers import ward_panel_setup
from sn.problemsolving.models import Intervention
from sn.testing.access import download_text

pytestmark = pytest.mark.django_db

MONTH = date(2024, 10, 1)


def _record(world, key: str, on: date, counts: dict, **fields) -> ActivityRecord:
    record = ActivityRecord.objects.create(
        neighbourhood=world.wards[key], on=on, month=on.replace(day=1), summary="Work", **fields
    )
    for kind, count in counts.items():
        ActivityCount.objects.create(record=record, kind=kind, count=count, **copies_of(record))
    return record


@pytest.fixture
def known(world):
    """a1: an operation day and a partner's clean-up in October 2024, patrols in September 2024 and
    October 2023; a2 (same borough): school visits in October; b1 (other borough): arrests in October."""
    organisation = world.users["partner"].partner_organisation
    _record(world, "a1", date(2024, 10, 3), {"arrests": 2, "leaflet_drops": 40}, stage=6)
    _record(
        world,
        "a1",
        date(2024, 10, 20),
        {"environmental_work": 1},
        stage=6,
        delivered_by="partner",
        organisation=organisation,
    )
    _record(world, "a1", date(2024, 9, 12), {"patrols": 7}, stage=6)
    _record(world, "a1", date(2023, 10, 5), {"patrols": 4, "public_meetings": 1}, stage=2)
    _record(world, "a2", date(2024, 10, 8), {"school_visits": 3}, stage=2)
    _record(world, "b1", date(2024, 10, 9), {"arrests": 5}, stage=6)
    return world


def _figure(rows, key):
    return next(f for f in rows if f.key == key)


def test_a_ward_s_kinds_and_families_with_their_comparisons(known):
    report = epic_report(area=known.wards["a1"], month=MONTH)
    arrests = _figure(report.kinds, "arrests")
    assert (arrests.current, arrests.previous, arrests.year_earlier) == (2, 0, 0)
    patrols = _figure(report.kinds, "patrols")
    assert (patrols.current, patrols.previous, patrols.year_earlier) == (0, 7, 4)
    assert [(f.key, f.current, f.previous, f.year_earlier) for f in report.families] == [
        ("enforcement", 2, 0, 0),
        ("prevention", 1, 7, 4),
        ("intelligence", 0, 0, 0),
        ("communication", 40, 0, 1),
    ]
    total = report.total
    assert (total.current, total.on_previous, total.on_year_earlier) == (43, 36, 38)
    assert (report.records.current, report.records.previous, report.records.year_earlier) == (2, 1, 1)


def test_stages_and_deliverers(known):
    report = epic_report(area=known.wards["a1"], month=MONTH)
    act = _figure(report.stages, "6")
    engage = _figure(report.stages, "2")
    assert (act.current, act.previous, act.year_earlier) == (43, 7, 0)
    assert engage.year_earlier == 5
    assert _figure(report.delivered, "partner").current == 1
    assert _figure(report.delivered, "police").current == 42


def test_the_series_runs_thirteen_months_to_the_month(known):
    report = epic_report(area=known.wards["a1"], month=MONTH)
    assert report.months[0] == date(2023, 10, 1) and report.months[-1] == MONTH
    assert report.series["prevention"] == [4] + [0] * 10 + [7, 1]


def test_a_borough_adds_its_wards_and_lists_them_and_the_force_its_boroughs(known):
    borough = epic_report(area=known.boroughs["a"], month=MONTH)
    assert borough.total.current == 46
    assert borough.parts_label == "Ward"
    by_name = {p.name: p for p in borough.parts}
    assert by_name[known.wards["a1"].name].total == 43
    assert by_name[known.wards["a1"].name].previous_total == 7
    assert by_name[known.wards["a2"].name].families["communication"] == 3
    force = epic_report(area=None, month=MONTH)
    assert force.total.current == 51
    assert {p.name: p.total for p in force.parts} == {"Borough A": 46, "Borough B": 5}
    cluster = epic_report(area=known.clusters["a"], month=MONTH)
    assert cluster.total.current == 46


def test_the_force_report_takes_the_same_few_queries_as_a_ward_s(known):
    with CaptureQueriesContext(connection) as ward:
        epic_report(area=known.wards["a1"], month=MONTH)
    with CaptureQueriesContext(connection) as force:
        epic_report(area=None, month=MONTH)
    assert len(force) <= 9
    # The force also counts its parts, and reads its boroughs and which ward is in which.
    assert len(force) - len(ward) <= 3


def test_priorities_and_interventions_by_who_delivers_them(known):
    setup = ward_panel_setup(known, "a1")
    priority = setup.priority
    priority.selected_on = date(2024, 6, 1)
    priority.save()
    case = make_case(known, "a1", priority=priority)
    case.response_started_on = date(2024, 7, 1)
    case.save()
    officer = known.officers["pc_a"]
    user = known.users["team_officer"]
    partner = known.users["partner"]

    def intervention(**fields):
        return Intervention.objects.create(case=case, description="x", due_on=date(2024, 12, 1), **fields)

    intervention(
        delivered_by="police",
        owner_officer=officer,
        status="done",
        completed_on=date(2024, 10, 10),
        completed_by=user,
    )
    intervention(
        delivered_by="police",
        owner_officer=officer,
        status="done",
        completed_on=date(2024, 9, 10),
        completed_by=user,
    )
    intervention(
        delivered_by="partner",
        organisation=partner.partner_organisation,
        owner_user=partner,
        status="in_progress",
    )
    intervention(
        delivered_by="public",
        owner_name="Residents",
        status="done",
        completed_on=date(2024, 11, 2),
        completed_by=user,
    )
    _record(known, "a1", date(2024, 10, 11), {"crime_prevention_surveys": 9}, priority=priority, case=case)

    report = epic_report(area=known.wards["a1"], month=MONTH)
    police = next(i for i in report.interventions if i.delivered_by == "police")
    assert (police.done.current, police.done.previous, police.open_at_end) == (1, 1, 0)
    partner_row = next(i for i in report.interventions if i.delivered_by == "partner")
    public_row = next(i for i in report.interventions if i.delivered_by == "public")
    assert (partner_row.done.current, partner_row.open_at_end) == (0, 1)
    assert (public_row.done.current, public_row.open_at_end) == (0, 1)  # done only in November
    row = next(p for p in report.priorities if p.priority_id == priority.pk)
    assert row.activity == 9
    assert row.done == {"police": 1, "partner": 0, "public": 0}
    assert row.open == {"police": 0, "partner": 1, "public": 1}
    assert report.priority_topics == [(row.topic, 1)]


def test_downloads_carry_every_table(known, client_for):
    client = client_for("central_unit")
    for fmt in ("csv", "xlsx"):
        response = client.get(f"/epic/force/?month=2024-10&format={fmt}")
        assert response.status_code == 200
        text = download_text(response, fmt)
        for caption in ("Activity by family", "Activity by kind", "Interventions by police", "By borough"):
            assert caption in text
        assert "Borough A | 0 | 0 | 0 | 0 | 0 | 0" not in text
    page = client.get("/epic/force/?month=2024-10")
    assert page.status_code == 200
    assert b"epic-chart-data" in page.content


def test_a_bad_month_in_a_download_is_a_bad_request(known, client_for):
    response = client_for("central_unit").get("/epic/force/?month=2024-13&format=csv")
    assert response.status_code == 400


def test_the_monthly_report_section_and_form_301(known):
    section = epic_section(known.wards["a1"], date(2024, 10, 31))
    assert section.key == "epic" and section.period == "October 2024"
    assert section.tables[0].rows[-1][:3] == ["All activity", 43, 7]
    strategic = activity_strategic_section(known.wards["a1"], date(2024, 10, 31))
    assert strategic.key == "activity"
    assert strategic.tables[0].rows[-1] == ["Oct 2024", 2, 1, 0, 40, 43]
    empty = epic_section(known.wards["a4"], date(2024, 10, 31))
    assert empty.tables == [] and "No EPIC activity" in empty.summary[0]


def test_the_monthly_ward_report_shows_the_section_to_the_police_not_the_panel(known, client_for):
    url = f"/reports/wards/{known.wards['a1'].code}/?month=2024-10"
    assert b"EPIC activity" in client_for("sergeant").get(url).content
    assert b"EPIC activity" not in client_for("panel_member").get(url).content


def test_a_page_with_many_priorities_shows_them_by_topic_and_the_download_keeps_every_one(
    known, client_for, monkeypatch
):
    # The force's month holds thousands of priorities: one row each made the page slow to render and
    # to read, so beyond a few dozen the page sums them by topic.
    for key in ("a1", "b1"):
        priority = ward_panel_setup(known, key).priority
        priority.selected_on = date(2024, 6, 1)
        priority.save()
    monkeypatch.setattr("sn.activity.tables.PRIORITIES_LISTED_ON_A_PAGE", 1)
    client = client_for("central_unit")
    page = client.get("/epic/force/?month=2024-10").content.decode()
    assert "Priorities the panels are tackling, by topic" in page
    download = download_text(client.get("/epic/force/?month=2024-10&format=csv"), "csv")
    assert "by topic" not in download
    assert "Priorities the panels are tackling" in download
    monkeypatch.setattr("sn.activity.tables.PRIORITIES_LISTED_ON_A_PAGE", 40)
    page = client.get("/epic/force/?month=2024-10").content.decode()
    assert "Priorities the panels are tackling, by topic" not in page
