"""Writes of deployments under Approach A: create (with every refusal of seed 000 paragraphs 33-37 and
the cover rule of sn.deployments.cover), end with results, cancel.

A deployment, once made: gives each lent officer's account a grant to reach the receiving ward for the
period (revoked when it ends early or is cancelled); moves their on-duty duties in the period to the
receiving ward (sn.workforce.services.deployed); puts a notice on the papers of the next meeting of
each home ward's panel. Nothing moves between teams: the home team keeps its problems and its officer.
Each service is atomic and audited and writes nothing when it refuses.
"""

from collections import defaultdict
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.accounts.models import AccessGrant
from sn.accounts.services import access_grant_create, access_grant_revoke
from sn.core.audit import audit_actor
from sn.core.permissions import roles_holding
from sn.deployments import selectors
from sn.deployments.models import Deployment, LentOfficer
from sn.deployments.permissions import DEPLOY_OFFICERS, reaches
from sn.geography.models import Neighbourhood
from sn.geography.scope import scope_of
from sn.panels.models import Priority
from sn.panels.services.notices import panel_notice_give
from sn.problemsolving.models import Case
from sn.teams.models import Officer, Team
from sn.workforce.services.deployed import duties_lend, duties_return

LONGEST = 92  # days: Approach A lends for a defined problem, not as a standing move of staff


def _add(errors: dict[str, list[str]], field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def _check_actor(actor) -> None:
    if actor is None or not actor.has_perm(f"accounts.{DEPLOY_OFFICERS}"):
        holders = "; ".join(sorted(r.label for r in roles_holding(DEPLOY_OFFICERS)))
        raise ValidationError(f"Only these roles may deploy officers: {holders}.")


def _check_problem(
    errors, neighbourhood: Neighbourhood, case: Case | None, priority: Priority | None
) -> None:
    if case is None and priority is None:
        _add(errors, "problem", "Choose the case or priority the officers are lent for.")
    elif case is not None and priority is not None:
        _add(errors, "problem", "Choose a case or a priority, not both.")
    elif case is not None:
        if case.neighbourhood_id != neighbourhood.pk:
            _add(errors, "problem", f"Case {case.reference} is not a case of {neighbourhood.name}.")
        elif not case.is_open:
            _add(errors, "problem", f"Case {case.reference} is closed.")
    elif priority.neighbourhood_id != neighbourhood.pk:
        _add(
            errors,
            "problem",
            f"The priority \u201c{priority.wording}\u201d is not one of {neighbourhood.name}.",
        )
    elif not priority.holds_a_place:
        _add(errors, "problem", f"The priority \u201c{priority.wording}\u201d is no longer active.")


def _check_period(errors, starts_on: date | None, ends_on: date | None, today: date) -> bool:
    if starts_on is None:
        _add(errors, "starts_on", "Enter the day the deployment starts.")
    elif starts_on < today:
        _add(errors, "starts_on", "A deployment starts today or later.")
    if ends_on is None:
        _add(
            errors,
            "ends_on",
            "Enter the day the deployment ends: Approach A lends officers for a set period.",
        )
    elif starts_on is not None and ends_on < starts_on:
        _add(errors, "ends_on", "The deployment must end on or after the day it starts.")
    elif starts_on is not None and (ends_on - starts_on).days + 1 > LONGEST:
        _add(errors, "ends_on", f"A deployment lasts at most {LONGEST} days.")
    return "starts_on" not in errors and "ends_on" not in errors


def _check_officers(errors, officers, neighbourhood, starts_on, ends_on) -> dict[Team, list[Officer]]:
    """The officers by home team, refusing any who cannot be lent."""
    lending: dict[Team, list[Officer]] = defaultdict(list)
    if not officers:
        _add(errors, "officers", "Choose at least one officer to lend.")
        return lending
    if len({o.pk for o in officers}) != len(officers):
        _add(errors, "officers", "An officer is chosen twice.")
    postings = selectors.home_postings(officers, starts_on, ends_on)
    busy = {
        row.officer_id: row.deployment
        for row in selectors.in_force_between(starts_on, ends_on).filter(officer__in=officers)
    }
    for officer in officers:
        posting = postings.get(officer.pk)
        if officer.rank not in selectors.LENDABLE_RANKS:
            _add(errors, "officers", f"{officer}: only PCs and PCSOs are lent under Approach A.")
        elif posting is None:
            _add(
                errors,
                "officers",
                f"{officer} is not posted to a team for the whole of {starts_on} to {ends_on}.",
            )
        elif posting.team.neighbourhood_id == neighbourhood.pk:
            _add(
                errors, "officers", f"{officer} already works on {neighbourhood.name}: it is their own ward."
            )
        elif officer.pk in busy:
            other = busy[officer.pk]
            _add(
                errors,
                "officers",
                f"{officer} is already lent by {other.reference} ({other.starts_on} to {other.last_day}).",
            )
        else:
            lending[posting.team].append(officer)
    return lending


@transaction.atomic
def deployment_create(
    *,
    actor,
    neighbourhood: Neighbourhood,
    starts_on: date | None,
    ends_on: date | None,
    officers: list[Officer],
    reason: str,
    case: Case | None = None,
    priority: Priority | None = None,
    today: date | None = None,
) -> Deployment:
    """Lend `officers` to `neighbourhood` for the case or priority from starts_on to ends_on. Refused,
    naming the field, for: no problem, no end or an end before the start, an officer not posted that
    whole period, lent to their own ward or already lent, a ward out of the actor's reach, or a home ward
    left without a PC and a PCSO in a shift of the period (the message names the ward, day and shift)."""
    _check_actor(actor)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    _check_problem(errors, neighbourhood, case, priority)
    if not reason.strip():
        _add(errors, "reason", "Say what the officers are lent to do.")
    if not _check_period(errors, starts_on, ends_on, today):
        raise ValidationError(errors)
    lending = _check_officers(errors, officers, neighbourhood, starts_on, ends_on)
    homes = [team.neighbourhood for team in lending]
    if not reaches(scope_of(actor), [neighbourhood, *homes]):
        _add(
            errors,
            "neighbourhood",
            "You may lend officers only between wards you command: "
            + ", ".join(sorted({w.name for w in [neighbourhood, *homes]}))
            + " are not all in one cluster (or borough) of yours.",
        )
    if errors:
        raise ValidationError(errors)
    refusals = selectors.cover_refusals(dict(lending), starts_on, ends_on)
    if refusals:
        raise ValidationError({"cover": [r.message for r in refusals]})
    with audit_actor(actor):
        deployment = Deployment.objects.create(
            neighbourhood=neighbourhood,
            case=case,
            priority=priority,
            starts_on=starts_on,
            ends_on=ends_on,
            reason=reason.strip(),
            status=Deployment.Status.ACTIVE if starts_on <= today else Deployment.Status.PLANNED,
            created_by=actor,
        )
        for team, team_officers in lending.items():
            for officer in team_officers:
                _lend(deployment, officer, team, actor)
            _tell_panel(deployment, team, team_officers, today, actor)
    return deployment


def _lend(deployment: Deployment, officer: Officer, team: Team, actor) -> LentOfficer:
    user = getattr(officer, "user", None)
    grant = None
    if user is not None and user.is_active:
        grant = access_grant_create(
            user=user,
            neighbourhood=deployment.neighbourhood,
            starts_on=deployment.starts_on,
            ends_on=deployment.ends_on,
            reason=f"Lent under Approach A by {deployment.reference}",
            actor=actor,
        )
    moved = duties_lend(
        officer=officer,
        neighbourhood=deployment.neighbourhood,
        first=deployment.starts_on,
        last=deployment.ends_on,
        why=f"lent by {deployment.reference}",
        actor=actor,
    )
    return LentOfficer.objects.create(
        deployment=deployment, officer=officer, home_team=team, access_grant=grant, duties_moved=moved
    )


def _names(officers) -> str:
    return ", ".join(f"{o.get_rank_display()} {o.full_name}" for o in officers)


def _tell_panel(deployment: Deployment, team: Team, officers: list[Officer], today: date, actor) -> None:
    panel_notice_give(
        neighbourhood=team.neighbourhood,
        title=f"{_names(officers)} lent to {deployment.neighbourhood.name}",
        text=(
            f"From {deployment.starts_on:%-d %B %Y} to {deployment.ends_on:%-d %B %Y}, "
            f"{_names(officers)} of the {team.name} will work on {deployment.neighbourhood.name} "
            f"for {deployment.problem_label} ({deployment.reference}). The ward keeps at least one PC and "
            "one PCSO on duty in every shift, and the team keeps its own priorities."
        ),
        source=f"deployments.deployment:{deployment.pk}",
        today=today,
        actor=actor,
    )


def _stop_lending(deployment: Deployment, from_day: date, actor) -> None:
    """Hand back the days from `from_day`: the officers' duties return home, their grants end."""
    for lent in deployment.lent.select_related("officer", "access_grant"):
        duties_return(
            officer=lent.officer,
            neighbourhood=deployment.neighbourhood,
            first=from_day,
            last=deployment.ends_on,
            why=f"{deployment.reference} ended",
            actor=actor,
        )
        grant: AccessGrant | None = lent.access_grant
        if grant is not None and grant.revoked_at is None:
            if from_day <= grant.starts_on:
                access_grant_revoke(grant=grant, actor=actor)
            else:
                with audit_actor(actor):
                    grant.ends_on = from_day - timedelta(days=1)
                    grant.save(update_fields=["ends_on", "modified_at"])


def _check_may_change(deployment: Deployment, actor) -> None:
    _check_actor(actor)
    wards = [deployment.neighbourhood, *(lent.home_team.neighbourhood for lent in deployment.lent.all())]
    if not reaches(scope_of(actor), wards):
        raise ValidationError("This deployment reaches wards beyond those you may deploy between.")


@transaction.atomic
def deployment_end(
    *, deployment: Deployment, actor, results: str, ended_on: date | None = None, today: date | None = None
) -> Deployment:
    """End a deployment that has started, recording its results: on its end date or earlier (then the
    officers' remaining duties go back home and their reach into the ward ends that day)."""
    _check_may_change(deployment, actor)
    today = today or timezone.localdate()
    ended_on = ended_on or min(today, deployment.ends_on)
    errors: dict[str, list[str]] = {}
    if not deployment.in_force:
        _add(
            errors, "status", f"{deployment.reference} is already {deployment.get_status_display().lower()}."
        )
    if not results.strip():
        _add(errors, "results", "Record what the deployment achieved for the problem.")
    if ended_on < deployment.starts_on:
        _add(errors, "ended_on", "A deployment that has not started is cancelled, not ended.")
    elif ended_on > deployment.ends_on:
        _add(errors, "ended_on", f"The deployment ends by {deployment.ends_on}; it cannot end later.")
    elif ended_on > today:
        _add(errors, "ended_on", "Record the end on or after the day it happens.")
    if errors:
        raise ValidationError(errors)
    with audit_actor(actor):
        if ended_on < deployment.ends_on:
            _stop_lending(deployment, ended_on + timedelta(days=1), actor)
        deployment.status = Deployment.Status.ENDED
        deployment.ended_on = ended_on
        deployment.results = results.strip()
        deployment.save(update_fields=["status", "ended_on", "results", "modified_at"])
    return deployment


@transaction.atomic
def deployment_cancel(*, deployment: Deployment, actor, reason: str, today: date | None = None) -> Deployment:
    """Call off a deployment that has not started (or starts today): every lent day is handed back and
    the home wards' panels are told. One that has started is ended early, with its results."""
    _check_may_change(deployment, actor)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not deployment.in_force:
        _add(
            errors, "status", f"{deployment.reference} is already {deployment.get_status_display().lower()}."
        )
    elif deployment.starts_on < today:
        _add(errors, "status", f"{deployment.reference} has started: end it early and record its results.")
    if not reason.strip():
        _add(errors, "reason", "Say why the deployment is cancelled.")
    if errors:
        raise ValidationError(errors)
    with audit_actor(actor):
        _stop_lending(deployment, deployment.starts_on, actor)
        deployment.status = Deployment.Status.CANCELLED
        deployment.cancelled_reason = reason.strip()
        deployment.save(update_fields=["status", "cancelled_reason", "modified_at"])
        homes = {lent.home_team for lent in deployment.lent.select_related("home_team__neighbourhood")}
        for team in homes:
            panel_notice_give(
                neighbourhood=team.neighbourhood,
                title=f"{deployment.reference} to {deployment.neighbourhood.name} cancelled",
                text=f"The officers of the {team.name} lent by {deployment.reference} stay on the ward: "
                f"{reason.strip()}",
                source=f"deployments.deployment:{deployment.pk}",
                today=today,
                actor=actor,
            )
    return deployment
