"""Defects found by the QA walk of the demo, each pinned by the test that failed before its fix."""

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sn.core.months import month_span
from sn.incidents.models import CountSource
from sn.incidents.rollup import coverage_record, incidents_rollup_rebuild
from sn.problemsolving.analysis import analysis_data_context
from sn.problemsolving.models import Case, CaseUpdate, Intervention, InterventionUpdate
from sn.problemsolving.services import (
    case_review_record,
    case_update_add,
    intervention_complete,
    intervention_status_change,
    intervention_update_add,
)
from sn.problemsolving.services.cases import area_error
from sn.problemsolving.tests.factories import case_for_ward, ward_case_setup
from sn.problemsolving.tests.test_assessment_service import BURGLARY, load_counts, street_incidents

pytestmark = pytest.mark.django_db


def test_months_held_only_as_ward_counts_are_gaps_in_a_street_cases_series_not_zeros(world):
    # The page says such months "show as gaps, not zeros"; the chart and table drew them as 0 incidents.
    months = month_span(date(2024, 1, 1), 13)  # January 2023 to January 2024
    with_points = months[:6]
    load_counts(world, months=months)
    for month in with_points:
        street_incidents(world, "On or near Elm Road", month, 3)
    coverage_record(cells={(m, BURGLARY) for m in with_points}, source=CountSource.RECORDS)
    incidents_rollup_rebuild(months=with_points)
    case = case_for_ward(
        world.wards["a1"],
        owner=world.officers["pc_a"],
        place=Case.Place.STREETS,
        streets="Elm Road",
        period_start=date(2024, 1, 1),
        period_end=date(2024, 1, 31),
    )

    section = analysis_data_context(case)

    by_month = {row["month"]: row["counts"] for row in section["rows"]}
    assert [by_month[m] for m in with_points] == [[3]] * 6
    assert [by_month[m] for m in months[6:]] == [[None]] * 7
    data = section["chart"]["datasets"][0]["data"]
    assert data[:6] == [3] * 6 and data[6:] == [None] * 7
    assert section["counts_only"] == "July 2023 to January 2024"


LONG_AGO = date(1901, 1, 1)


def _refused_field(call) -> dict:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict


def test_work_on_a_case_cannot_be_dated_before_its_problem_began(world):
    # A partner completed their intervention "on 1 January 1901" and the case page showed it so.
    setup = ward_case_setup(world, "a1")
    partner = world.user("partner")
    officer = world.user("team_officer")

    assert "on" in _refused_field(
        lambda: intervention_update_add(intervention=setup.partner, text="x", on=LONG_AGO, actor=partner)
    )
    assert "completed_on" in _refused_field(
        lambda: intervention_complete(
            intervention=setup.partner, outcome_note="x", on=LONG_AGO, actor=partner
        )
    )
    assert "on" in _refused_field(
        lambda: intervention_status_change(
            intervention=setup.police, status="in_progress", on=LONG_AGO, actor=officer
        )
    )
    assert "on" in _refused_field(
        lambda: case_update_add(case=setup.case, text="x", on=LONG_AGO, actor=partner)
    )
    assert "on" in _refused_field(
        lambda: case_review_record(case=setup.case, note="x", on=LONG_AGO, actor=world.user("sergeant"))
    )
    assert not setup.case.reviews.filter(reviewed_on=LONG_AGO).exists()
    setup.partner.refresh_from_db()
    assert setup.partner.status != Intervention.Status.DONE
    assert not InterventionUpdate.objects.filter(intervention=setup.partner).exists()
    assert not CaseUpdate.objects.filter(case=setup.case, on=LONG_AGO).exists()

    # Today is still fine.
    intervention_complete(intervention=setup.partner, outcome_note="Lights fixed", actor=partner)


def _square(lng: float, lat: float, half: float) -> str:
    ring = [
        [lng - half, lat - half],
        [lng + half, lat - half],
        [lng + half, lat + half],
        [lng - half, lat + half],
    ]
    return json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]})


def test_a_drawn_area_that_is_not_a_place_in_the_ward_is_refused_in_words(world):
    # NaN coordinates and deeply nested brackets failed the page (500); a polygon round the whole
    # world overlaps the ward, so it was saved as the case's area.
    ward = world.wards["a1"]
    nan = '{"type": "Polygon", "coordinates": [[[NaN, 51.4], [1, 2], [3, 4], [NaN, 51.4]]]}'
    for area in (nan, "[" * 5000 + "]" * 5000, _square(0, 0, 89)):
        assert isinstance(area_error(area, ward), str), area[:40]
    assert "outside" in area_error(_square(0, 0, 89), ward)
    assert area_error(_square(ward.centroid_lng, ward.centroid_lat, 0.0005), ward) is None
