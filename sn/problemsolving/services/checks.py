"""Who may write to a case: the services' own check of the actor, so that a rule holds however a
service is called (a page, a command, the demo), not only where a view guards it.

The team keeps the case: a user holding MANAGE_CASES whose scope reaches the case's ward (decided by
the CASES record rule, the same rule that trims the lists and 404s the pages). A partner works on a case
only while their organisation's invitation stands. An actor that is not a user (None for the system, a
command's operator as a name) is trusted, as in sn.panels.services.checks.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from sn.accounts.models import PartnerOrganisation
from sn.core.access import has_permission
from sn.panels.services.checks import is_user
from sn.problemsolving.models import Case, CaseInvitation
from sn.problemsolving.permissions import CASES, MANAGE_CASES, VIEW_INVITED_CASES

KEEP = "work on this case"


def is_partner(actor) -> bool:
    return (
        is_user(actor)
        and actor.partner_organisation_id is not None
        and has_permission(actor, VIEW_INVITED_CASES)
    )


def is_case_team(actor, case: Case) -> bool:
    """The actor keeps the case: MANAGE_CASES with the case's ward in their scope."""
    if not is_user(actor):
        return True
    if not has_permission(actor, MANAGE_CASES):
        return False
    return CASES.filter_for(actor, Case.objects.filter(pk=case.pk), for_write=True).exists()


def check_case_team(actor, *, case: Case, field: str, doing: str = KEEP) -> None:
    if not is_user(actor):
        return
    if not has_permission(actor, MANAGE_CASES):
        raise ValidationError({field: f"Your role cannot {doing}: the ward's team keeps the case."})
    if not is_case_team(actor, case):
        raise ValidationError(
            {field: f"{case.neighbourhood.name} is outside your area, so you cannot {doing}."}
        )


def invited(case: Case, organisation_id: int | None) -> bool:
    if organisation_id is None:
        return False
    return CaseInvitation.objects.filter(
        case=case, organisation_id=organisation_id, removed_at__isnull=True
    ).exists()


def check_team_or_invited_partner(
    actor, *, case: Case, field: str, doing: str = KEEP
) -> PartnerOrganisation | None:
    """The team, or a partner whose organisation is invited to the case. Returns the partner's
    organisation (None for the team), which their entries carry."""
    if is_partner(actor):
        if not invited(case, actor.partner_organisation_id):
            organisation = actor.partner_organisation
            raise ValidationError(
                {field: f"{organisation} is not invited to {case.reference}: you cannot {doing}."}
            )
        return actor.partner_organisation
    check_case_team(actor, case=case, field=field, doing=doing)
    return None


def check_open(case: Case, field: str) -> None:
    if not case.is_open:
        raise ValidationError(
            {field: f"{case.reference} was closed on {case.closed_on:%-d %B %Y}: it takes no more work."}
        )


def check_not_future(on: date, field: str, what: str = "It") -> None:
    if on > timezone.localdate():
        raise ValidationError({field: f"{what} is dated when it happened: not in the future."})


def today_or(on: date | None) -> date:
    return timezone.localdate() if on is None else on


def check_signed_in(actor, field: str) -> None:
    """Entries that name their author (updates, reviews, invitations) need a person behind them."""
    if not is_user(actor):
        raise ValidationError({field: "Say who is writing this: an entry on a case names its author."})
