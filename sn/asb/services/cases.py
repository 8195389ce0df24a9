"""Writes of ASB reports, risk assessments, Case Reviews and orders (see sn.asb.services).

Every service is atomic, runs under the actor's audit, and refuses bad input with a ValidationError
keyed by the field (a risk assessment with a question unanswered names the question), writing nothing.
Recording a report finds the victim's case (the same person, or with no person the same address, in
the ward; opened when there is none), assesses the risk when answers are given, and runs the Case
Review threshold over every report of the case whatever its channel: when it is met the case is
flagged, a review is scheduled, and the owner and the ward's sergeant see it on their home page.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.asb import matrix
from sn.asb.models import (
    AsbAddress,
    AsbCase,
    AsbOrder,
    AsbPerson,
    AsbReport,
    CaseReview,
    OrderBreach,
    RiskAssessment,
)
from sn.asb.permissions import RECORD_ASB
from sn.asb.threshold import case_review_threshold
from sn.core.access import has_permission
from sn.core.audit import audit_actor
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of
from sn.problemsolving.models import Case
from sn.rosters.models import CallForService

ERASED = "(erased)"


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _check_recorder(actor, neighbourhood: Neighbourhood) -> None:
    if actor is None or not has_permission(actor, RECORD_ASB):
        raise ValidationError("Only the ward's officers, their supervisors and the central unit record ASB.")
    if not scope_of(actor).covers_neighbourhood(neighbourhood):
        raise ValidationError({"neighbourhood": f"{neighbourhood.name} is not a ward of your area."})


def _answers_checked(answers: dict | None, errors) -> tuple[dict, int]:
    """The answers with their points, or errors naming each question unanswered or answered wrongly."""
    answers = answers or {}
    kept, score = {}, 0
    for question in matrix.questions():
        value = answers.get(question.key)
        if value in (None, ""):
            _add(errors, f"risk_{question.key}", f"Answer the risk question: {question.text}")
            continue
        points = question.points(str(value))
        if points is None:
            _add(errors, f"risk_{question.key}", f"Choose one of the answers to: {question.text}")
            continue
        kept[question.key] = str(value)
        score += points
    return kept, score


def _assess(report: AsbReport, actor, kept: dict, score: int, at: datetime) -> RiskAssessment:
    assessment = RiskAssessment.objects.create(
        report=report,
        answers=kept,
        score=score,
        level=matrix.level_of(score),
        assessed_by=actor,
        assessed_at=at,
    )
    case = report.case
    case.risk_level = assessment.level
    case.save(update_fields=["risk_level", "modified_at"])
    return assessment


@transaction.atomic
def asb_risk_assess(
    *, actor, report: AsbReport, answers: dict, assessed_at: datetime | None = None
) -> RiskAssessment:
    """A risk assessment of a report (at first contact, or again later)."""
    _check_recorder(actor, report.neighbourhood)
    errors: dict[str, list[str]] = {}
    kept, score = _answers_checked(answers, errors)
    _raise(errors)
    with audit_actor(actor):
        return _assess(report, actor, kept, score, assessed_at or timezone.now())


def _find_case(neighbourhood, person, address, owner, at) -> AsbCase:
    open_cases = AsbCase.objects.filter(neighbourhood=neighbourhood, status=AsbCase.Status.OPEN)
    case = None
    if person is not None:
        case = open_cases.filter(person=person).order_by("opened_at").first()
    if case is None and address is not None:
        case = open_cases.filter(address=address).order_by("opened_at").first()
    if case is None:
        case = AsbCase.objects.create(
            neighbourhood=neighbourhood, person=person, address=address, opened_at=at, owner=owner
        )
    else:
        changed = []
        if case.person_id is None and person is not None:
            case.person, changed = person, [*changed, "person"]
        if case.address_id is None and address is not None:
            case.address, changed = address, [*changed, "address"]
        if changed:
            case.save(update_fields=[*changed, "modified_at"])
    return case


def asb_case_threshold_check(*, case: AsbCase, now: datetime | None = None) -> bool:
    """Runs the threshold over every report of the case; flags it (once) when met. True when it flagged
    it now. Called by asb_report_record and by imports of calls."""
    if case.case_review_flagged_at is not None:
        return False
    reports = list(case.reports.values_list("incident_date", "reported_at"))
    result = case_review_threshold(reports)
    if not result.met:
        return False
    now = now or timezone.now()
    case.threshold_met_on = result.met_on
    case.case_review_flagged_at = now
    case.save(update_fields=["threshold_met_on", "case_review_flagged_at", "modified_at"])
    if not case.reviews.exists():
        CaseReview.objects.create(
            case=case, due_on=timezone.localdate(now) + timedelta(days=settings.SN_ASB_REVIEW_DAYS)
        )
    return True


@transaction.atomic
def asb_report_record(
    *,
    actor,
    neighbourhood: Neighbourhood,
    incident_date: date | None,
    reported_at: datetime | None,
    description: str,
    person: AsbPerson | None = None,
    person_name: str = "",
    phone: str = "",
    email: str = "",
    address_text: str = "",
    postcode: str = "",
    channel: str = AsbReport.Channel.STAFF,
    call: CallForService | None = None,
    category: str = AsbReport.Category.PERSONAL,
    answers: dict | None = None,
    require_risk: bool = True,
) -> AsbReport:
    """A report of ASB about a person (an existing one, or a new one named here), an address, or both,
    with the risk assessment at first contact (the matrix's answers; required unless `require_risk` is
    False, for channels where no one spoke to the caller)."""
    _check_recorder(actor, neighbourhood)
    errors: dict[str, list[str]] = {}
    now = timezone.now()
    person_name, address_text = person_name.strip(), address_text.strip()
    if person is not None and (person.neighbourhood_id != neighbourhood.pk or person.erased_at):
        _add(errors, "person", "Choose a victim of this ward.")
    if person is None and not person_name and not address_text:
        _add(errors, "person_name", "Name the victim, or give the address the ASB affects.")
    if incident_date is None:
        _add(errors, "incident_date", "Give the date of the incident.")
    if reported_at is None:
        _add(errors, "reported_at", "Give when it was reported.")
    elif reported_at > now + timedelta(minutes=5):
        _add(errors, "reported_at", "A report cannot be made in the future.")
    if incident_date and reported_at and incident_date > timezone.localdate(reported_at):
        _add(errors, "incident_date", "The incident cannot be after it was reported.")
    elif incident_date and reported_at:
        oldest = timezone.localdate(reported_at) - timedelta(days=settings.SN_ASB_MAX_INCIDENT_AGE_DAYS)
        if incident_date < oldest:
            _add(
                errors,
                "incident_date",
                f"The incident must be within {settings.SN_ASB_MAX_INCIDENT_AGE_DAYS} days before it was "
                f"reported (on or after {oldest:%-d %B %Y}): check the date.",
            )
    if not description.strip():
        _add(errors, "description", "Describe what happened.")
    if channel not in AsbReport.Channel.values:
        _add(errors, "channel", "Choose how the report came in.")
    if category not in AsbReport.Category.values:
        _add(errors, "category", "Choose the kind of ASB.")
    if channel == AsbReport.Channel.CALL:
        if call is None:
            _add(errors, "call", "Choose the imported call the report comes from.")
        elif call.call_type not in settings.SN_ASB_CALL_TYPES:
            _add(errors, "call", f"The call is of type {call.call_type}, not ASB.")
        elif call.neighbourhood_id != neighbourhood.pk:
            _add(errors, "call", "The call is from another ward.")
    kept, score = {}, 0
    if answers is not None or require_risk:
        kept, score = _answers_checked(answers, errors)
    _raise(errors)
    with audit_actor(actor):
        if person is None and person_name:
            person = AsbPerson.objects.create(
                neighbourhood=neighbourhood,
                name=person_name,
                phone=phone.strip(),
                email=email.strip(),
                address_text=address_text,
                postcode=postcode.strip().upper(),
            )
        address = None
        if address_text:
            address = AsbAddress.objects.filter(
                neighbourhood=neighbourhood, address_text__iexact=address_text
            ).first() or AsbAddress.objects.create(
                neighbourhood=neighbourhood, address_text=address_text, postcode=postcode.strip().upper()
            )
        case = _find_case(neighbourhood, person, address, actor, reported_at)
        report = AsbReport.objects.create(
            case=case,
            neighbourhood=neighbourhood,
            person=person,
            address=address,
            channel=channel,
            call=call if channel == AsbReport.Channel.CALL else None,
            incident_date=incident_date,
            reported_at=reported_at,
            description=description.strip(),
            category=category,
        )
        if kept:
            _assess(report, actor, kept, score, now)
        asb_case_threshold_check(case=case, now=now)
    return report


@transaction.atomic
def asb_case_review_request(*, actor, case: AsbCase, requested_at: datetime | None = None) -> AsbCase:
    """The victim invoked the Case Review themselves: recorded, and a review scheduled if none is."""
    _check_recorder(actor, case.neighbourhood)
    requested_at = requested_at or timezone.now()
    if case.status == AsbCase.Status.CLOSED:
        raise ValidationError({"requested_at": f"{case.reference} is closed: reopen it first."})
    if case.case_review_requested_at is not None:
        raise ValidationError({"requested_at": "The victim's request is already recorded."})
    if requested_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"requested_at": "A request cannot be made in the future."})
    with audit_actor(actor):
        case.case_review_requested_at = requested_at
        case.save(update_fields=["case_review_requested_at", "modified_at"])
        if not case.reviews.exists():
            CaseReview.objects.create(
                case=case,
                due_on=timezone.localdate(requested_at) + timedelta(days=settings.SN_ASB_REVIEW_DAYS),
            )
    return case


@transaction.atomic
def asb_case_review_record(
    *, actor, review: CaseReview, held_on: date | None, outcome: str, recommendations: str = ""
) -> CaseReview:
    _check_recorder(actor, review.case.neighbourhood)
    errors: dict[str, list[str]] = {}
    if held_on is None:
        _add(errors, "held_on", "Give the day the review was held.")
    elif held_on > timezone.localdate():
        _add(errors, "held_on", "A review cannot be held in the future.")
    if not outcome.strip():
        _add(errors, "outcome", "Record the outcome of the review.")
    _raise(errors)
    with audit_actor(actor):
        review.held_on = held_on
        review.outcome = outcome.strip()
        review.recommendations = recommendations.strip()
        review.save(update_fields=["held_on", "outcome", "recommendations", "modified_at"])
    return review


@transaction.atomic
def asb_order_record(
    *,
    actor,
    kind: str,
    status: str,
    sought_on: date | None,
    case: AsbCase | None = None,
    problem: Case | None = None,
    decided_on: date | None = None,
    note: str = "",
) -> AsbOrder:
    """An order sought for a case and/or a problem-solving case, with its decision when known."""
    errors: dict[str, list[str]] = {}
    if case is None and problem is None:
        raise ValidationError({"case": "Link the order to an ASB case or a problem."})
    ward = case.neighbourhood if case is not None else problem.neighbourhood
    _check_recorder(actor, ward)
    if case is not None and case.status == AsbCase.Status.CLOSED:
        raise ValidationError({"case": f"{case.reference} is closed: reopen it to record an order."})
    if case is not None and problem is not None and problem.neighbourhood_id != case.neighbourhood_id:
        _add(errors, "problem", f"Problem {problem.reference} is not a problem of {ward.name}.")
    if kind not in AsbOrder.Kind.values:
        _add(errors, "kind", "Choose the kind of order.")
    if status not in (AsbOrder.Status.SOUGHT, AsbOrder.Status.GRANTED, AsbOrder.Status.REFUSED):
        _add(errors, "status", "Choose sought, granted or refused (record a breach on the order).")
    today = timezone.localdate()
    if sought_on is None:
        _add(errors, "sought_on", "Give the day the order was sought.")
    elif sought_on > today:
        _add(errors, "sought_on", "An order cannot be sought in the future.")
    if status in (AsbOrder.Status.GRANTED, AsbOrder.Status.REFUSED):
        if decided_on is None:
            _add(errors, "decided_on", "Give the day the court or council decided.")
        elif decided_on > today or (sought_on and decided_on < sought_on):
            _add(errors, "decided_on", "The decision falls between the day it was sought and today.")
    elif decided_on is not None:
        _add(errors, "decided_on", "An order still sought has no decision date.")
    _raise(errors)
    with audit_actor(actor):
        return AsbOrder.objects.create(
            case=case,
            problem=problem or (case.problem if case is not None else None),
            neighbourhood=ward,
            kind=kind,
            status=status,
            sought_on=sought_on,
            decided_on=decided_on,
            note=note.strip(),
        )


@transaction.atomic
def asb_order_breach_record(
    *, actor, order: AsbOrder, breached_on: date | None, note: str = ""
) -> OrderBreach:
    _check_recorder(actor, order.neighbourhood)
    errors: dict[str, list[str]] = {}
    if order.status not in (AsbOrder.Status.GRANTED, AsbOrder.Status.BREACHED):
        _add(errors, "breached_on", "Only a granted order can be breached.")
    if breached_on is None:
        _add(errors, "breached_on", "Give the day of the breach.")
    elif breached_on > timezone.localdate():
        _add(errors, "breached_on", "A breach cannot be recorded in the future.")
    elif order.decided_on and breached_on < order.decided_on:
        _add(errors, "breached_on", "The breach is before the order was granted.")
    _raise(errors)
    with audit_actor(actor):
        breach = OrderBreach.objects.create(order=order, breached_on=breached_on, note=note.strip())
        if order.status != AsbOrder.Status.BREACHED:
            order.status = AsbOrder.Status.BREACHED
            order.save(update_fields=["status", "modified_at"])
    return breach


@transaction.atomic
def asb_person_erase(*, person: AsbPerson, actor=None) -> AsbPerson:
    """Anonymises a victim (the privacy app's erasure): name and contact details blanked on the person
    and on the addresses only they reported; reports, risk and cases stay, so the counts hold."""
    if person.erased_at is not None:
        return person
    with audit_actor(actor):
        person.name = ERASED
        person.phone = person.email = person.address_text = person.postcode = ""
        person.erased_at = timezone.now()
        person.save()
        for address in AsbAddress.objects.filter(reports__person=person).distinct():
            if not address.reports.exclude(person=person).exists():
                address.address_text, address.postcode = ERASED, ""
                address.save()
        for report in person.reports.all():
            report.description = ERASED
            report.save(update_fields=["description", "modified_at"])
    return person
