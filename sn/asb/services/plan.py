"""Writes of the force's ASB lead and its action plan (see sn.asb.services)."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.asb.models import ActionProgress, AsbAction, AsbLead
from sn.asb.permissions import EDIT_ASB_PLAN, SET_ASB_LEAD, may_edit_action
from sn.asb.services.cases import _add, _raise
from sn.core.access import has_permission
from sn.core.audit import audit_actor
from sn.geography.models import Borough
from sn.problemsolving.models import Case


@transaction.atomic
def asb_lead_set(
    *, actor, name: str, role_title: str, email: str, starts_on: date | None, user=None
) -> AsbLead:
    """Names the force's ASB lead from `starts_on`; the lead before them ends the day before."""
    if actor is None or not has_permission(actor, SET_ASB_LEAD):
        raise ValidationError("Only the central unit names the force's ASB lead.")
    errors: dict[str, list[str]] = {}
    if not name.strip():
        _add(errors, "name", "Name the ASB lead.")
    if not role_title.strip():
        _add(errors, "role_title", "Give the lead's role title.")
    if not email.strip():
        _add(errors, "email", "Give an e-mail address partners can write to.")
    if starts_on is None:
        _add(errors, "starts_on", "Give the day the lead takes up the role.")
    _raise(errors)
    with audit_actor(actor):
        for current in AsbLead.objects.filter(ends_on__isnull=True):
            current.ends_on = max(current.starts_on, starts_on - timedelta(days=1))
            current.save(update_fields=["ends_on", "modified_at"])
        return AsbLead.objects.create(
            user=user,
            name=name.strip(),
            role_title=role_title.strip(),
            email=email.strip(),
            starts_on=starts_on,
        )


@transaction.atomic
def asb_action_save(
    *,
    actor,
    title: str,
    due_on: date | None,
    status: str,
    action: AsbAction | None = None,
    owner=None,
    partner_agency: str = "",
    borough: Borough | None = None,
    problems: list[Case] | None = None,
    progress_note: str = "",
) -> AsbAction:
    """Adds an action to the plan, or updates one, with a dated progress note when one is given."""
    if actor is None or not has_permission(actor, EDIT_ASB_PLAN):
        raise ValidationError("Only the central unit and borough leads keep the ASB action plan.")
    errors: dict[str, list[str]] = {}
    # Both the action as it stands and where it is moved to must be the actor's to keep.
    if (action is not None and not may_edit_action(actor, action, None)) or not may_edit_action(
        actor, None, borough.pk if borough else None
    ):
        _add(errors, "borough", "Choose your own borough: force-wide actions are kept by the central unit.")
    if not title.strip():
        _add(errors, "title", "Give the action a title.")
    if due_on is None:
        _add(errors, "due_on", "Give the day the action is due.")
    if status not in AsbAction.Status.values:
        _add(errors, "status", "Choose the action's status.")
    if borough is not None:
        for problem in problems or []:
            if problem.neighbourhood.borough_id != borough.pk:
                _add(errors, "problems", f"Problem {problem.reference} is not in {borough.name}.")
    _raise(errors)
    with audit_actor(actor):
        action = action or AsbAction()
        action.title = title.strip()
        action.due_on = due_on
        action.status = status
        action.owner = owner
        action.partner_agency = partner_agency.strip()
        action.borough = borough
        action.save()
        if problems is not None:
            action.problems.set(problems)
        if progress_note.strip():
            ActionProgress.objects.create(
                action=action, noted_on=timezone.localdate(), note=progress_note.strip()
            )
    return action
