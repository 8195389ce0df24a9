"""ASB records for tests, written straight to the tables (use sn.asb.services to test the rules)."""

from datetime import timedelta

from django.utils import timezone

from sn.asb import matrix
from sn.asb.models import AsbAction, AsbCase, AsbOrder, AsbPerson, AsbReport, CaseReview, RiskAssessment

ANSWERS_HIGH = {
    "previous_reports": "many",
    "targeted": "yes",
    "health": "yes",
    "alone": "yes",
    "hate": "no",
    "daily_life": "severe",
    "children": "no",
}
ANSWERS_LOW = {q.key: q.options[0][0] for q in matrix.questions()}


def flagged_case(ward, name: str = "Jo Bloggs") -> AsbCase:
    """A victim with three reports in a month, flagged, a review due, a granted Respect Order."""
    now = timezone.now()
    person = AsbPerson.objects.create(neighbourhood=ward, name=name, phone="07700 900123")
    case = AsbCase.objects.create(
        neighbourhood=ward,
        person=person,
        opened_at=now - timedelta(days=30),
        case_review_flagged_at=now,
        threshold_met_on=timezone.localdate(),
        risk_level="high",
    )
    for days in (30, 20, 10):
        report = AsbReport.objects.create(
            case=case,
            neighbourhood=ward,
            person=person,
            incident_date=timezone.localdate() - timedelta(days=days + 1),
            reported_at=now - timedelta(days=days),
            description="Youths kicking the door at night",
        )
        RiskAssessment.objects.create(
            report=report, answers=ANSWERS_HIGH, score=16, level="high", assessed_at=report.reported_at
        )
    CaseReview.objects.create(case=case, due_on=timezone.localdate() + timedelta(days=28))
    AsbOrder.objects.create(
        case=case,
        neighbourhood=ward,
        kind=AsbOrder.Kind.RESPECT,
        status=AsbOrder.Status.GRANTED,
        sought_on=timezone.localdate() - timedelta(days=20),
        decided_on=timezone.localdate() - timedelta(days=5),
    )
    return case


def world_cases(world) -> dict[str, AsbCase]:
    """A flagged case at each level of the access matrix: a1, a3, a5 (when the world has it), b1."""
    if hasattr(world, "_asb_cases"):
        return world._asb_cases
    made = {"here": flagged_case(world.wards["a1"]), "cluster": flagged_case(world.wards["a3"])}
    if "a5" in world.wards:
        made["borough"] = flagged_case(world.wards["a5"])
    made["other"] = flagged_case(world.wards["b1"])
    world._asb_cases = made
    return made


def world_actions(world) -> dict[str, AsbAction]:
    if hasattr(world, "_asb_actions"):
        return world._asb_actions
    due = timezone.localdate() + timedelta(days=60)
    made = {
        "here": AsbAction.objects.create(
            title="Youth diversion in A", due_on=due, borough=world.boroughs["a"]
        ),
        "other": AsbAction.objects.create(
            title="Youth diversion in B", due_on=due, borough=world.boroughs["b"]
        ),
    }
    world._asb_actions = made
    return made
