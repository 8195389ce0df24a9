"""The ASB services: the threshold flags the case at the third report across channels, refusals name
the field and write nothing, every change is audited; orders, breaches, erasure, the lead and plan."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.asb import measures
from sn.asb.hooks import reviews_to_hold
from sn.asb.models import (
    AsbAction,
    AsbCase,
    AsbLead,
    AsbOrder,
    AsbPerson,
    AsbReport,
    CaseReview,
    RiskAssessment,
)
from sn.asb.services import (
    asb_action_save,
    asb_case_review_record,
    asb_case_review_request,
    asb_lead_set,
    asb_order_breach_record,
    asb_order_record,
    asb_person_erase,
    asb_report_record,
)
from sn.asb.tests.factories import ANSWERS_HIGH, ANSWERS_LOW, flagged_case
from sn.core.models import AuditEvent
from sn.rosters.models import CallForService

pytestmark = pytest.mark.django_db


def _report(world, *, days_ago: int, person=None, name="Ann Victim", answers=ANSWERS_LOW, **extra):
    reported = timezone.now() - timedelta(days=days_ago)
    values = {
        "actor": world.user("sergeant"),
        "neighbourhood": world.wards["a1"],
        "incident_date": timezone.localdate(reported) - timedelta(days=2),
        "reported_at": reported,
        "description": "Stones thrown at the window",
        "person": person,
        "person_name": "" if person else name,
        "address_text": "" if person else "12 High Street",
        "answers": answers,
    }
    values.update(extra)
    return asb_report_record(**values)


def test_the_third_qualifying_report_flags_the_case_and_schedules_a_review(world):
    first = _report(world, days_ago=50)
    person = first.person
    _report(world, days_ago=30, person=person, answers=ANSWERS_HIGH)
    case = AsbCase.objects.get()
    assert case.case_review_flagged_at is None
    third = _report(world, days_ago=1, person=person)
    case.refresh_from_db()
    assert third.case_id == case.pk and case.reports.count() == 3
    assert case.case_review_flagged_at is not None
    assert case.threshold_met_on == timezone.localdate(third.reported_at)
    review = CaseReview.objects.get(case=case)
    assert review.due_on == timezone.localdate() + timedelta(days=28)
    changes = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(AsbCase), object_id=str(case.pk)
    )
    assert any("case_review_flagged_at" in e.changes for e in changes)
    assert [item.title for item in reviews_to_hold(world.user("sergeant"))] == [
        f"Hold the ASB Case Review of {case.reference}"
    ]
    assert reviews_to_hold(world.user("team_officer")) == []  # not their case


def test_reports_made_late_do_not_count_towards_the_threshold(world):
    first = _report(world, days_ago=50)
    for days in (30, 1):
        _report(
            world, days_ago=days, person=first.person, incident_date=timezone.localdate() - timedelta(days=60)
        )
    assert AsbCase.objects.get().case_review_flagged_at is None


def test_reports_from_an_imported_call_count_across_channels(world):
    first = _report(world, days_ago=20)
    call = CallForService.objects.create(
        received_at=timezone.now() - timedelta(days=10),
        neighbourhood=world.wards["a1"],
        call_type="Anti-social behaviour",
        source_reference="CAD-1",
    )
    _report(
        world, days_ago=10, person=first.person, channel="call", call=call, answers=None, require_risk=False
    )
    _report(world, days_ago=2, person=first.person, channel="public")
    assert AsbCase.objects.get().case_review_flagged_at is not None


def test_a_call_that_is_not_asb_is_refused(world):
    call = CallForService.objects.create(
        received_at=timezone.now(),
        neighbourhood=world.wards["a1"],
        call_type="Road traffic",
        source_reference="X",
    )
    with pytest.raises(ValidationError) as refused:
        _report(world, days_ago=0, channel="call", call=call)
    assert "call" in refused.value.message_dict
    assert not AsbReport.objects.exists()


def test_a_risk_assessment_with_a_missing_answer_names_the_question_and_writes_nothing(world):
    answers = dict(ANSWERS_LOW)
    del answers["alone"]
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        _report(world, days_ago=0, answers=answers)
    assert refused.value.message_dict == {
        "risk_alone": ["Answer the risk question: Does the caller live alone or without support?"]
    }
    assert not AsbPerson.objects.exists() and not AsbReport.objects.exists()
    assert not RiskAssessment.objects.exists() and AuditEvent.objects.count() == events


def test_the_risk_level_comes_from_the_matrix(world):
    report = _report(world, days_ago=0, answers=ANSWERS_HIGH)
    assessment = report.risk_assessments.get()
    assert (assessment.score, assessment.level) == (16, "high")
    assert report.case.risk_level == "high"


def test_a_ward_out_of_scope_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        _report(world, days_ago=0, neighbourhood=world.wards["b1"])
    assert "neighbourhood" in refused.value.message_dict
    with pytest.raises(ValidationError):
        _report(world, days_ago=0, actor=world.user("analyst"))
    assert not AsbReport.objects.exists()


@pytest.mark.parametrize(
    ("field", "change"),
    [
        ("description", {"description": "  "}),
        ("incident_date", {"incident_date": None}),
        ("reported_at", {"reported_at": timezone.now() + timedelta(days=2)}),
        ("person_name", {"person_name": "", "address_text": ""}),
    ],
)
def test_bad_reports_name_the_field(world, field, change):
    with pytest.raises(ValidationError) as refused:
        _report(world, days_ago=0, **change)
    assert field in refused.value.message_dict
    assert not AsbReport.objects.exists()


def test_orders_reviews_and_breaches(world):
    case = flagged_case(world.wards["a1"])
    sergeant = world.user("sergeant")
    with pytest.raises(ValidationError) as refused:
        asb_order_record(
            actor=sergeant, case=case, kind="respect", status="granted", sought_on=timezone.localdate()
        )
    assert "decided_on" in refused.value.message_dict
    order = case.orders.get()
    asb_order_breach_record(
        actor=sergeant, order=order, breached_on=timezone.localdate(), note="Back at the door"
    )
    order.refresh_from_db()
    assert order.status == AsbOrder.Status.BREACHED and order.breaches.count() == 1
    review = case.reviews.get()
    with pytest.raises(ValidationError) as refused:
        asb_case_review_record(actor=sergeant, review=review, held_on=timezone.localdate(), outcome="")
    assert "outcome" in refused.value.message_dict
    asb_case_review_record(actor=sergeant, review=review, held_on=timezone.localdate(), outcome="Mediation")
    assert CaseReview.objects.get().on_time
    asb_case_review_request(actor=sergeant, case=case)
    with pytest.raises(ValidationError):
        asb_case_review_request(actor=sergeant, case=case)


def test_erasing_a_victim_keeps_the_counts(world):
    case = flagged_case(world.wards["a1"])
    asb_person_erase(person=case.person)
    case.person.refresh_from_db()
    assert case.person.erased_at and case.person.name == "(erased)" and not case.person.phone
    assert case.reports.count() == 3 and set(case.reports.values_list("description", flat=True)) == {
        "(erased)"
    }


def test_the_lead_is_set_by_the_central_unit_and_replaces_the_last(world):
    with pytest.raises(ValidationError):
        asb_lead_set(
            actor=world.user("borough_lead"),
            name="A",
            role_title="B",
            email="a@b.c",
            starts_on=timezone.localdate(),
        )
    today = timezone.localdate()
    asb_lead_set(
        actor=world.user("central_unit"),
        name="Old",
        role_title="DCI",
        email="o@x.uk",
        starts_on=today - timedelta(days=100),
    )
    with pytest.raises(ValidationError) as refused:
        asb_lead_set(
            actor=world.user("central_unit"), name="New", role_title="", email="n@x.uk", starts_on=today
        )
    assert "role_title" in refused.value.message_dict
    asb_lead_set(
        actor=world.user("central_unit"), name="New", role_title="Supt", email="n@x.uk", starts_on=today
    )
    assert AsbLead.objects.get(name="Old").ends_on == today - timedelta(days=1)


def test_a_borough_lead_keeps_only_their_boroughs_actions(world):
    lead = world.user("borough_lead")
    due = timezone.localdate() + timedelta(days=30)
    with pytest.raises(ValidationError) as refused:
        asb_action_save(
            actor=lead, title="Diversion", due_on=due, status="on_track", borough=world.boroughs["b"]
        )
    assert "borough" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        asb_action_save(actor=lead, title="Diversion", due_on=due, status="on_track", borough=None)
    assert "borough" in refused.value.message_dict
    action = asb_action_save(
        actor=lead,
        title="Diversion",
        due_on=due,
        status="on_track",
        borough=world.boroughs["a"],
        progress_note="Begun",
    )
    assert action.progress.count() == 1 and AsbAction.objects.count() == 1
    with pytest.raises(ValidationError) as refused:
        asb_action_save(actor=lead, action=action, title="Diversion", due_on=due, status="done", borough=None)
    assert "borough" in refused.value.message_dict
    action.refresh_from_db()
    assert action.status == "on_track" and action.borough == world.boroughs["a"]


def test_the_measures(world):
    # Recorded as they came in, so each is assessed at first contact.
    first = _report(world, days_ago=0)
    for _ in range(2):
        _report(world, days_ago=0, person=first.person, answers=ANSWERS_HIGH)
    ward = world.wards["a1"].pk
    start, end = timezone.localdate() - timedelta(days=30), timezone.localdate() + timedelta(days=1)
    assert measures.risk_assessed_at_first_contact(start, end) == {ward: (3.0, 3.0)}
    assert measures.flagged_before_asked(start, end) == {ward: (1.0, 1.0)}
    assert measures.high_risk_victims(start, end) == {ward: (1.0, 0.0)}
    assert measures.reviews_on_time(start, end + timedelta(days=60)) == {ward: (0.0, 1.0)}
    assert measures.orders_breached(start, end) == {}
