"""Writes to the response: the options weighed, and the interventions that carry out the chosen ones,
each with an owner (an officer of the ward's team, a user of an invited partner organisation, or a
named group of the public), a due date, a status and dated updates.

Only an intervention's owner changes its status or completes it: the officer's own sign-in for a police
one, the named partner user for a partner one, and the case's team for a public one (the public have no
sign-in; the team records what the group did). Anyone else is refused with the reason, so that a
partner's work is never marked done by someone else on their behalf."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from sn.accounts.models import PartnerOrganisation, User
from sn.core.audit import audit_actor
from sn.core.roles import Role
from sn.panels.services.checks import is_user, officer_of_team_check
from sn.problemsolving.models import Case, Intervention, InterventionUpdate, ResponseOption
from sn.problemsolving.services.cases import check_not_before_into, check_not_future_into
from sn.problemsolving.services.checks import (
    check_case_team,
    check_open,
    check_signed_in,
    invited,
    is_case_team,
    is_partner,
    today_or,
)
from sn.problemsolving.services.state import case_touch
from sn.teams.models import Officer

RESPOND = "plan the response"


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _option_errors(description: str, reason: str) -> dict:
    errors = {}
    if not description.strip():
        errors["description"] = "Say what the option is."
    if not reason.strip():
        errors["reason"] = "Say why it was chosen, or why not."
    return errors


def response_option_add(
    *, case: Case, description: str, chosen: bool, reason: str, actor=None, on: date | None = None
) -> ResponseOption:
    on = today_or(on)
    check_case_team(actor, case=case, field="description", doing=RESPOND)
    check_open(case, "description")
    _raise(_option_errors(description, reason))
    with transaction.atomic(), audit_actor(actor):
        option = ResponseOption.objects.create(
            case=case, description=description.strip()[:300], chosen=chosen, reason=reason.strip()
        )
        case_touch(case, on=on)
    return option


def response_option_change(
    *, option: ResponseOption, description: str, chosen: bool, reason: str, actor=None, on: date | None = None
) -> ResponseOption:
    on = today_or(on)
    case = option.case
    check_case_team(actor, case=case, field="description", doing=RESPOND)
    check_open(case, "description")
    errors = _option_errors(description, reason)
    if not chosen and option.chosen and case.response_started_on is not None:
        if not case.options.filter(chosen=True).exclude(pk=option.pk).exists():
            errors["chosen"] = "The response has started: at least one option stays chosen."
    _raise(errors)
    with transaction.atomic(), audit_actor(actor):
        option.description, option.chosen, option.reason = description.strip()[:300], chosen, reason.strip()
        option.save()
        case_touch(case, on=on)
    return option


def _owner_errors(
    case: Case,
    delivered_by: str,
    owner_officer: Officer | None,
    organisation: PartnerOrganisation | None,
    owner_user: User | None,
    owner_name: str,
) -> dict:
    if delivered_by == Intervention.DeliveredBy.POLICE:
        if owner_officer is None:
            return {"owner_officer": "Choose the officer of the ward's team who owns it."}
        try:
            officer_of_team_check(owner_officer, neighbourhood=case.neighbourhood, field="owner_officer")
        except ValidationError as error:
            return {k: v[0] for k, v in error.message_dict.items()}
        return {}
    if delivered_by == Intervention.DeliveredBy.PARTNER:
        if organisation is None:
            return {"organisation": "Choose the partner organisation that delivers it."}
        if not invited(case, organisation.pk):
            return {
                "organisation": f"{organisation} is not invited to this case: the sergeant invites it first."
            }
        if owner_user is None:
            return {"owner_user": f"Choose the person at {organisation} who owns it."}
        if owner_user.partner_organisation_id != organisation.pk or owner_user.role != Role.PARTNER:
            return {
                "owner_user": f"{owner_user.get_full_name() or owner_user} does not work for {organisation}."
            }
        if not owner_user.is_active:
            return {"owner_user": "That person's sign-in is closed: choose someone who can work on it."}
        return {}
    if delivered_by == Intervention.DeliveredBy.PUBLIC:
        if not owner_name.strip():
            return {"owner_name": "Name the group or person who does it (a residents' association, say)."}
        return {}
    return {"delivered_by": "Choose who delivers it: the police, a partner organisation or the public."}


def intervention_add(
    *,
    case: Case,
    description: str,
    delivered_by: str,
    due_on: date,
    owner_officer: Officer | None = None,
    organisation: PartnerOrganisation | None = None,
    owner_user: User | None = None,
    owner_name: str = "",
    actor=None,
    on: date | None = None,
) -> Intervention:
    """Give a piece of the response to its owner: an officer of the ward's team (police), a user of an
    organisation invited to the case (partner), or a named group of the public."""
    on = today_or(on)
    check_case_team(actor, case=case, field="description", doing=RESPOND)
    check_open(case, "description")
    errors = _owner_errors(case, delivered_by, owner_officer, organisation, owner_user, owner_name)
    if not description.strip():
        errors["description"] = "Say what is to be done."
    if due_on < on:
        errors["due_on"] = "A new intervention falls due today or later."
    check_not_future_into(errors, on, "on", "Adding an intervention")
    _raise(errors)
    police = delivered_by == Intervention.DeliveredBy.POLICE
    partner = delivered_by == Intervention.DeliveredBy.PARTNER
    with transaction.atomic(), audit_actor(actor):
        intervention = Intervention.objects.create(
            case=case,
            description=description.strip()[:300],
            delivered_by=delivered_by,
            owner_officer=owner_officer if police else None,
            organisation=organisation if partner else None,
            owner_user=owner_user if partner else None,
            owner_name=owner_name.strip()[:200] if delivered_by == Intervention.DeliveredBy.PUBLIC else "",
            due_on=due_on,
        )
        case_touch(case, on=on)
    return intervention


def is_owner(actor, intervention: Intervention) -> bool:
    """Whether `actor` owns the intervention (see the module's docstring); the system always may."""
    if not is_user(actor):
        return True
    if intervention.delivered_by == Intervention.DeliveredBy.POLICE:
        return intervention.owner_officer_id is not None and actor.officer_id == intervention.owner_officer_id
    if intervention.delivered_by == Intervention.DeliveredBy.PARTNER:
        return (
            actor.pk == intervention.owner_user_id
            and is_partner(actor)
            and invited(intervention.case, actor.partner_organisation_id)
        )
    return not is_partner(actor) and is_case_team(actor, intervention.case)


def check_owner(actor, intervention: Intervention, *, field: str, doing: str) -> None:
    if is_owner(actor, intervention):
        return
    if intervention.delivered_by == Intervention.DeliveredBy.PUBLIC:
        ward = intervention.case.neighbourhood.name
        who = f"the team of {ward}, who record what {intervention.owner_name} does"
    else:
        who = intervention.owner_label
    raise ValidationError({field: f"Only its owner can {doing}: this intervention is {who}'s."})


def _may_update(actor, intervention: Intervention) -> bool:
    """Updates come from the owner, the case's team, or a partner of the owning organisation."""
    if is_owner(actor, intervention):
        return True
    if is_partner(actor):
        return (
            intervention.organisation_id is not None
            and actor.partner_organisation_id == intervention.organisation_id
            and invited(intervention.case, actor.partner_organisation_id)
        )
    return is_case_team(actor, intervention.case)


def intervention_update_add(
    *, intervention: Intervention, text: str, on: date | None = None, actor=None
) -> InterventionUpdate:
    on = today_or(on)
    check_signed_in(actor, "text")
    case = intervention.case
    if not _may_update(actor, intervention):
        raise ValidationError(
            {"text": f"Only the owner ({intervention.owner_label}) or the case's team add updates to it."}
        )
    check_open(case, "text")
    errors = {}
    if not text.strip():
        errors["text"] = "Say what has been done."
    check_not_future_into(errors, on, "on", "An update")
    check_not_before_into(errors, on, case, "on", "An update")
    _raise(errors)
    with transaction.atomic(), audit_actor(actor):
        update = InterventionUpdate.objects.create(
            intervention=intervention, on=on, text=text.strip(), author=actor
        )
        case_touch(case, on=on)
    return update


CHANGEABLE = (Intervention.Status.PLANNED, Intervention.Status.IN_PROGRESS, Intervention.Status.CANCELLED)


def intervention_status_change(
    *, intervention: Intervention, status: str, note: str = "", on: date | None = None, actor=None
) -> Intervention:
    """The owner says it has started, or that it will not happen (cancelled, with the reason). Done is
    `intervention_complete`, which records the outcome."""
    on = today_or(on)
    check_owner(actor, intervention, field="status", doing="change its status")
    case = intervention.case
    check_open(case, "status")
    errors = {}
    if status not in CHANGEABLE:
        errors["status"] = "Choose planned, in progress or cancelled (to finish it, mark it done)."
    elif not intervention.is_open:
        errors["status"] = (
            f"This intervention is {intervention.get_status_display().lower()}: its record is kept."
        )
    elif status == intervention.status:
        errors["status"] = f"It is already {intervention.get_status_display().lower()}."
    if status == Intervention.Status.CANCELLED and not note.strip():
        errors["note"] = "Say why it will not happen."
    check_not_future_into(errors, on, "on", "A change")
    check_not_before_into(errors, on, case, "on", "A change")
    _raise(errors)
    with transaction.atomic(), audit_actor(actor):
        intervention.status = status
        if note.strip():
            intervention.outcome_note = note.strip()
        intervention.save()
        case_touch(case, on=on)
    return intervention


def intervention_complete(
    *, intervention: Intervention, outcome_note: str, on: date | None = None, actor=None
) -> Intervention:
    """The owner marks it done, with what came of it."""
    on = today_or(on)
    check_owner(actor, intervention, field="status", doing="complete it")
    case = intervention.case
    check_open(case, "status")
    errors = {}
    if not intervention.is_open:
        errors["status"] = f"This intervention is {intervention.get_status_display().lower()} already."
    if not outcome_note.strip():
        errors["outcome_note"] = "Say what was done and what came of it."
    check_not_future_into(errors, on, "completed_on", "Completion")
    check_not_before_into(errors, on, case, "completed_on", "Completion")
    _raise(errors)
    with transaction.atomic(), audit_actor(actor):
        intervention.status = Intervention.Status.DONE
        intervention.completed_on = on
        intervention.completed_by = actor if is_user(actor) else _system_completer(intervention)
        intervention.outcome_note = outcome_note.strip()
        intervention.save()
        case_touch(case, on=on)
    return intervention


def _system_completer(intervention: Intervention) -> User:
    """completed_by is required; when the system completes (a command), it stands in the owner's name."""
    if intervention.owner_user_id:
        return intervention.owner_user
    officer_user = User.objects.filter(officer_id=intervention.owner_officer_id).first()
    if officer_user is None:
        raise ValidationError({"status": "Say who completed it: the owner has no sign-in."})
    return officer_user
