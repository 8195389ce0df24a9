"""Inviting a partner organisation to work on a case, and removing it: the ward team's sergeant's
decision (seed 003: partners could not see form 302; PRIME promised them access).

Removing an organisation ends its users' reach at once (the record rule reads standing invitations
only). It is REFUSED while the organisation still owns open interventions on the case, naming them: the
team first reassigns or cancels them (or the partner completes them). Removing silently would leave work
owned by people who can no longer see it, and cancelling it for them would put words in their mouth;
reassigning is a judgement about who does the work, which is the team's, made on the intervention."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.accounts.models import PartnerOrganisation
from sn.core.audit import audit_actor
from sn.panels.services.checks import team_sergeant_check
from sn.problemsolving.models import Case, CaseInvitation, Intervention
from sn.problemsolving.services.cases import check_not_future_into
from sn.problemsolving.services.checks import check_open, today_or
from sn.problemsolving.services.state import OPEN_INTERVENTION, case_touch

INVITE = "invite partner organisations to this case"
REMOVE = "remove a partner organisation from this case"


def case_invite_organisation(
    *, case: Case, organisation: PartnerOrganisation, on: date | None = None, actor=None
) -> CaseInvitation:
    on = today_or(on)
    team_sergeant_check(actor, neighbourhood=case.neighbourhood, field="organisation", doing=INVITE)
    check_open(case, "organisation")
    errors = {}
    if CaseInvitation.objects.filter(case=case, organisation=organisation, removed_at__isnull=True).exists():
        errors["organisation"] = f"{organisation} is already invited to {case.reference}."
    elif not organisation.boroughs.filter(pk=case.neighbourhood.borough_id).exists():
        errors["organisation"] = (
            f"{organisation} does not work in {case.neighbourhood.borough.name}: "
            "invite an organisation of the case's borough."
        )
    check_not_future_into(errors, on, "on", "An invitation")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        invitation = CaseInvitation.objects.create(
            case=case, organisation=organisation, invited_by=actor, invited_on=on
        )
        case_touch(case, on=on)
    return invitation


def case_remove_organisation(*, case: Case, organisation: PartnerOrganisation, actor=None) -> CaseInvitation:
    team_sergeant_check(actor, neighbourhood=case.neighbourhood, field="organisation", doing=REMOVE)
    invitation = CaseInvitation.objects.filter(
        case=case, organisation=organisation, removed_at__isnull=True
    ).first()
    if invitation is None:
        raise ValidationError({"organisation": f"{organisation} is not invited to {case.reference}."})
    still_open = list(
        Intervention.objects.filter(case=case, organisation=organisation, status__in=OPEN_INTERVENTION)
    )
    if still_open:
        names = "; ".join(i.description for i in still_open)
        raise ValidationError(
            {
                "organisation": f"{organisation} still owns open interventions on this case ({names}). "
                "Reassign or cancel them first, or ask the partner to complete them: removing the "
                "organisation would leave the work with people who can no longer see the case."
            }
        )
    now = timezone.now()
    with transaction.atomic(), audit_actor(actor):
        invitation.removed_at, invitation.removed_by = now, actor
        invitation.save()
        case_touch(case, on=timezone.localdate())
    return invitation
