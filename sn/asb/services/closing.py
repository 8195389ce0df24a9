"""Linking an ASB case to the problem-solving case that works on its cause, closing it with its
outcome, and reopening it.

A case links to a problem of its own ward that is not closed (the problem its orders default to). A
closed case takes no new reports (a victim who calls again starts a new case, by the rule of
asb_report_record) and leaves the open lists and the home page's reviews; it is closed by a supervisor
with an outcome and a reason, once any Case Review due is held. Reopening is refused while the victim
or place has another open case, which the new reports went to.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sn.asb.models import AsbCase
from sn.asb.permissions import CLOSE_ASB_CASES
from sn.asb.services.cases import _add, _check_recorder, _raise
from sn.core.access import has_permission
from sn.core.audit import audit_actor
from sn.geography.scope import scope_of
from sn.problemsolving.models import Case


def _check_closer(actor, case: AsbCase) -> None:
    if actor is None or not has_permission(actor, CLOSE_ASB_CASES):
        raise ValidationError(
            "Only the ward's sergeants, inspectors, borough leads and the central unit close ASB cases."
        )
    if not scope_of(actor).covers_neighbourhood(case.neighbourhood):
        raise ValidationError({"case": f"{case.reference} is not a case of your area."})


@transaction.atomic
def asb_case_link_problem(*, actor, case: AsbCase, problem: Case | None) -> AsbCase:
    """Links the case to `problem`, or unlinks it with None."""
    _check_recorder(actor, case.neighbourhood)
    errors: dict[str, list[str]] = {}
    if case.status == AsbCase.Status.CLOSED:
        _add(errors, "problem", f"{case.reference} is closed: reopen it to change its problem.")
    elif problem is not None:
        if problem.neighbourhood_id != case.neighbourhood_id or not scope_of(actor).covers_neighbourhood(
            problem.neighbourhood
        ):
            _add(errors, "problem", f"Choose a problem of {case.neighbourhood.name}.")
        elif problem.stage == Case.Stage.CLOSED:
            _add(errors, "problem", f"Problem {problem.reference} is closed: choose an open problem.")
    _raise(errors)
    if case.problem_id == (problem.pk if problem else None):
        return case
    with audit_actor(actor):
        case.problem = problem
        case.save(update_fields=["problem", "modified_at"])
    return case


@transaction.atomic
def asb_case_close(*, actor, case: AsbCase, outcome: str, reason: str) -> AsbCase:
    _check_closer(actor, case)
    errors: dict[str, list[str]] = {}
    if case.status == AsbCase.Status.CLOSED:
        _add(errors, "outcome", f"{case.reference} is already closed.")
    if outcome not in AsbCase.Outcome.values:
        _add(errors, "outcome", "Choose the outcome of the case.")
    if not reason.strip():
        _add(errors, "reason", "Give the reason for closing the case.")
    due = case.reviews.filter(held_on__isnull=True).order_by("due_on").first()
    if due is not None:
        _add(
            errors,
            "outcome",
            f"The Case Review due on {due.due_on:%-d %B %Y} is not held yet: record its outcome first.",
        )
    _raise(errors)
    with audit_actor(actor):
        case.status = AsbCase.Status.CLOSED
        case.closed_at = timezone.now()
        case.closed_by = actor
        case.outcome = outcome
        case.close_reason = reason.strip()
        case.save(
            update_fields=["status", "closed_at", "closed_by", "outcome", "close_reason", "modified_at"]
        )
    return case


@transaction.atomic
def asb_case_reopen(*, actor, case: AsbCase) -> AsbCase:
    _check_closer(actor, case)
    if case.status != AsbCase.Status.CLOSED:
        raise ValidationError({"case": f"{case.reference} is open."})
    same = Q(person=case.person) if case.person_id else Q(address=case.address)
    other = (
        AsbCase.objects.filter(same, neighbourhood=case.neighbourhood, status=AsbCase.Status.OPEN)
        .exclude(pk=case.pk)
        .first()
    )
    if other is not None:
        raise ValidationError(
            {"case": f"{case.subject} has an open case, {other.reference}: their new reports are there."}
        )
    with audit_actor(actor):
        case.status = AsbCase.Status.OPEN
        case.closed_at = case.closed_by = None
        case.outcome = case.close_reason = ""
        case.save(
            update_fields=["status", "closed_at", "closed_by", "outcome", "close_reason", "modified_at"]
        )
    return case
