"""Recording a case's assessment: the figures computed from the incident data stored beside the team's
judgement; every refusal names its field and writes nothing; re-recording replaces, in the trail."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from sn.core.audit import history_for
from sn.core.models import AuditEvent
from sn.core.months import month_span
from sn.incidents.models import CountSource, Incident
from sn.incidents.rollup import counts_load, coverage_record, incidents_rollup_rebuild
from sn.problemsolving.models import Assessment, Case
from sn.problemsolving.services.assessment import assessment_compute, assessment_record, default_periods
from sn.problemsolving.tests.factories import PartnerUserFactory, case_for_ward

pytestmark = pytest.mark.django_db

ON = date(2024, 8, 15)
BEFORE = month_span(date(2024, 1, 1), 6)  # August 2023 to January 2024
AFTER = month_span(date(2024, 7, 1), 6)  # February to July 2024
BURGLARY = "burglary"


def load_counts(world, *, a1_before=20, a1_after=8, others=30, months=(*BEFORE, *AFTER)):
    """Ward counts of burglary for borough A (and b1), every month covered: a1 falls after the response."""
    counts = []
    for month in months:
        for key in ("a1", "a2", "a3", "a4", "b1"):
            n = (a1_after if month in AFTER else a1_before) if key == "a1" else others
            counts.append((world.wards[key].pk, month, BURGLARY, n))
    counts_load(counts=counts, cells={(m, BURGLARY) for m in months}, label="Test ward counts")


@pytest.fixture
def case(world):
    return case_for_ward(
        world.wards["a1"],
        owner=world.officers["pc_a"],
        response_started_on=date(2024, 2, 10),
        stage=Case.Stage.RESPONSE,
    )


def record(world, case, actor=None, **changes):
    fields = {
        "case": case,
        "actor": actor or world.user("sergeant"),
        "before_start": BEFORE[0],
        "before_end": BEFORE[-1],
        "after_start": AFTER[0],
        "after_end": AFTER[-1],
        "outcome": Assessment.Outcome.REDUCED,
        "evidence": "Burglary fell by more than half once the alley gates went in.",
        "on": ON,
    }
    return assessment_record(**{**fields, **changes})


def test_the_figures_are_computed_from_the_data_and_stored_beside_the_judgement(world, case):
    load_counts(world)

    assessment = record(world, case)

    figures = assessment.figures
    assert (figures["area_before"], figures["area_after"]) == (120, 48)
    # The rest of borough A: a2-a4 (b1 is another borough).
    assert (figures["rest_before"], figures["rest_after"]) == (540, 540)
    assert figures["ratio"] == pytest.approx(0.4)
    assert figures["significant"] and figures["p_value"] < 0.001
    assert figures["sentence"].startswith(
        f"Burglary in {world.wards['a1'].name} fell by 60% more than in the rest of"
    )
    assert figures["suggested"] == "resolved"
    assert assessment.outcome == "reduced" and assessment.recorded_by == world.user("sergeant")
    assert assessment.category_codes == ",burglary,"
    case.refresh_from_db()
    assert case.stage == Case.Stage.ASSESSMENT
    assert history_for(assessment).filter(action=AuditEvent.Action.CREATE).exists()


def test_each_neighbouring_ward_is_checked_for_displacement(world, case):
    load_counts(world)
    counts = [(world.wards["a2"].pk, m, BURGLARY, 60) for m in AFTER]
    counts += [(world.wards[k].pk, m, BURGLARY, 30) for m in AFTER for k in ("a1", "a3", "a4", "b1")]
    counts_load(counts=counts, cells={(m, BURGLARY) for m in AFTER}, label="Test ward counts")

    figures, displacement = assessment_compute(case, default_periods(case, latest=AFTER[-1], on=ON))

    rows = {row["name"]: row for row in displacement}
    assert world.wards["a2"].name in rows
    a2 = rows[world.wards["a2"].name]
    # a2 doubled while the rest of the borough, without a1 and a2, stayed level.
    assert a2["rise"] and a2["ratio"] == pytest.approx(2.0)
    assert not any(row["rise"] for name, row in rows.items() if name != world.wards["a2"].name)


def test_re_recording_replaces_the_assessment_in_the_trail(world, case):
    load_counts(world)
    first = record(world, case)

    second = record(world, case, outcome=Assessment.Outcome.DISPLACED, evidence="It moved next door.")

    assert second.pk == first.pk and Assessment.objects.filter(case=case).count() == 1
    assert second.outcome == "displaced"
    changes = [e.changes for e in history_for(second).filter(action=AuditEvent.Action.UPDATE)]
    assert any(c.get("outcome") == ["reduced", "displaced"] for c in changes)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"before_start": None}, "before_start", "data period"),
        ({"after_end": None}, "after_end", "data period"),
        ({"before_end": date(2023, 7, 1)}, "before_end", "ends before it starts"),
        ({"after_start": date(2024, 1, 1)}, "after_start", "must begin after"),
        ({"after_end": date(2024, 8, 1)}, "after_end", "not over yet"),
        ({"after_end": date(2024, 12, 1)}, "after_end", "not over yet"),
        ({"evidence": "  "}, "evidence", "what the judgement rests on"),
        ({"outcome": "fixed"}, "outcome", "Choose an outcome"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(world, case, changes, field, words):
    load_counts(world)

    with pytest.raises(ValidationError) as refused:
        record(world, case, **changes)

    assert words in refused.value.message_dict[field][0]
    assert not Assessment.objects.exists()


def test_months_the_data_does_not_cover_are_named(world, case):
    load_counts(world, months=[*BEFORE[2:], *AFTER])

    with pytest.raises(ValidationError) as refused:
        record(world, case)

    assert (
        "does not cover burglary for August to September 2023"
        in refused.value.message_dict["before_start"][0]
    )
    assert not Assessment.objects.exists()


def test_a_case_whose_response_has_not_started_cannot_be_assessed(world):
    load_counts(world)
    case = case_for_ward(world.wards["a1"], owner=world.officers["pc_a"])

    with pytest.raises(ValidationError) as refused:
        record(world, case)

    assert "response has not started" in refused.value.message_dict["outcome"][0]


@pytest.mark.parametrize("who", ["inspector", "panel_member", "partner", "other_sergeant"])
def test_only_the_wards_team_records_the_assessment(world, case, who):
    load_counts(world)
    actors = {
        "inspector": world.user("inspector"),
        "panel_member": world.user("panel_member"),
        "partner": PartnerUserFactory(),
        "other_sergeant": world.users.get("sergeant_b") or _sergeant_of_b(world),
    }

    with pytest.raises(ValidationError) as refused:
        record(world, case, actor=actors[who])

    assert "outcome" in refused.value.message_dict
    assert not Assessment.objects.exists()


def _sergeant_of_b(world):
    from sn.accounts.tests.factories import UserFactory  # noqa: PLC0415 - only this test needs it
    from sn.core.roles import Role  # noqa: PLC0415

    return UserFactory(role=Role.SERGEANT, officer=world.officers["sergeant_b"])


def test_the_default_periods_sit_either_side_of_the_response_within_the_data(world, case):
    periods = default_periods(case, latest=date(2024, 5, 1), on=ON)

    assert (periods.before_start, periods.before_end) == (date(2023, 8, 1), date(2024, 1, 1))
    # February, when the response began, is part before and part after: in neither period.
    assert (periods.after_start, periods.after_end) == (date(2024, 3, 1), date(2024, 5, 1))
    assert default_periods(case, latest=date(2024, 2, 1), on=ON) is None


def street_incidents(world, location, month, count, *, category=BURGLARY, lat=None, lng=None):
    ward = world.wards["a1"]
    Incident.objects.bulk_create(
        Incident(
            source_key=f"{location}-{month}-{category}-{i}-{lat}",
            month=month,
            category=category,
            location=location,
            neighbourhood=ward,
            latitude=lat if lat is not None else ward.centroid_lat,
            longitude=lng if lng is not None else ward.centroid_lng,
        )
        for i in range(count)
    )


def test_a_street_case_counts_its_streets_points_and_refuses_months_of_ward_counts_only(world):
    load_counts(world)
    case = case_for_ward(
        world.wards["a1"],
        owner=world.officers["pc_a"],
        place=Case.Place.STREETS,
        streets="Elm Road\nOn or near Oak Lane",
        response_started_on=date(2024, 2, 10),
    )
    with pytest.raises(ValidationError) as refused:
        record(world, case)
    assert "with points for its streets or area" in refused.value.message_dict["before_start"][0]

    for month in (*BEFORE, *AFTER):
        street_incidents(world, "On or near Elm Road", month, 6 if month in BEFORE else 1)
        street_incidents(world, "On or near Oak Lane", month, 2)
        street_incidents(world, "On or near Ash Close", month, 5)
    coverage_record(cells={(m, BURGLARY) for m in (*BEFORE, *AFTER)}, source=CountSource.RECORDS)
    incidents_rollup_rebuild(months=[*BEFORE, *AFTER])

    assessment = record(world, case)

    assert (assessment.figures["area_before"], assessment.figures["area_after"]) == (48, 18)
    assert assessment.figures["sentence"].startswith("Burglary in the case's streets fell by")
