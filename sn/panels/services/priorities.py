"""Writes to priorities: chosen at a held meeting, worked by the team (progress, milestones), reviewed by
the panel, and signed off in the two steps of seed 003: the panel decides at a meeting that it is
resolved, then the ward's sergeant endorses, which closes it and frees its place. Each is atomic and
audited, checks its actor and writes nothing when it refuses."""

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.concerns.models import Concern
from sn.concerns.taxonomy import Topic
from sn.core.audit import audit_actor
from sn.panels.dates import long_date
from sn.panels.models import Meeting, Milestone, Priority, ProgressUpdate, Review
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.panels.permissions import ENDORSE_SIGN_OFF, MANAGE_PRIORITIES, RECORD_PANEL_DECISION
from sn.panels.services.checks import (
    check_actor,
    check_decision_maker,
    is_user,
    officer_of_team_check,
    team_sergeant_check,
)
from sn.panels.signoff import unmet_prerequisites
from sn.teams.models import Officer

DECIDE = "record the panel's decisions"
WORK = "record work on the ward's priorities"
ENDORSE = "endorse the panel's sign-off"


def _check_decision(actor, meeting: Meeting, field: str) -> None:
    panel = meeting.panel
    check_actor(
        actor, permission=RECORD_PANEL_DECISION, neighbourhood=panel.neighbourhood, field=field, doing=DECIDE
    )
    check_decision_maker(actor, panel=panel, field=field)
    if not meeting.is_held:
        raise ValidationError(
            {field: "The panel decides at a meeting it has held: record this meeting as held first."}
        )


def places_taken(neighbourhood) -> int:
    return Priority.objects.filter(neighbourhood=neighbourhood, status__in=HOLDING_A_PLACE).count()


def priority_select(
    *,
    meeting: Meeting,
    topic: str,
    wording: str,
    owner: Officer,
    concerns: Iterable[Concern] = (),
    young_people: bool = False,
    replaces: Priority | None = None,
    actor=None,
) -> Priority:
    """The panel chooses a priority at a held meeting, from the ward's concerns. At most
    SN_PRIORITIES_MAX hold a place at once; choosing one to replace another (`replaces`) supersedes
    that one at the same meeting, so a full panel can swap a priority without going over."""
    _check_decision(actor, meeting, "meeting")
    neighbourhood = meeting.panel.neighbourhood
    concerns = list(concerns)
    errors = {}
    if topic not in Topic.values:
        errors["topic"] = f"Unknown topic {topic!r}."
    if not wording.strip():
        errors["wording"] = "Give the priority's public wording: how residents will read it."
    foreign = [c for c in concerns if c.neighbourhood_id != neighbourhood.pk or c.is_archived]
    if foreign:
        errors["concerns"] = f"Only concerns raised in {neighbourhood.name} can lead to its priorities."
    if replaces is not None and (replaces.neighbourhood_id != neighbourhood.pk or not replaces.holds_a_place):
        errors["replaces"] = "Only a current priority of this ward can be replaced."
    try:
        officer_of_team_check(owner, neighbourhood=neighbourhood, field="owner")
    except ValidationError as error:
        errors.update(error.message_dict)
    most = settings.SN_PRIORITIES_MAX
    taken = places_taken(neighbourhood) - (1 if replaces is not None and replaces.holds_a_place else 0)
    if taken >= most:
        errors["meeting"] = (
            f"{neighbourhood.name} already has {taken} active priorities, the most allowed at once "
            f"({most}). The panel signs one off or withdraws one, or chooses this one to replace one, first."
        )
    if errors:
        raise ValidationError({k: v[0] if isinstance(v, list) else v for k, v in errors.items()})
    with transaction.atomic(), audit_actor(actor):
        priority = Priority.objects.create(
            neighbourhood=neighbourhood,
            panel=meeting.panel,
            selected_at=meeting,
            selected_on=meeting.held_on,
            topic=topic,
            wording=wording.strip(),
            young_people=young_people,
            owner=owner,
        )
        if concerns:
            priority.concerns.add(*concerns)
        if replaces is not None:
            _end(replaces, meeting, Priority.Status.SUPERSEDED, superseded_by=priority)
            if not Review.objects.filter(priority=replaces, meeting=meeting).exists():
                Review.objects.create(
                    priority=replaces,
                    meeting=meeting,
                    note=f"Replaced by a new priority: {priority.wording}",
                    outcome=Review.Outcome.SUPERSEDED,
                )
    return priority


def _end(priority: Priority, meeting: Meeting, status: str, *, superseded_by: Priority | None = None) -> None:
    priority.status = status
    priority.withdrawn_at = meeting
    priority.ended_on = meeting.held_on
    priority.superseded_by = superseded_by
    priority.save()


def priority_update(
    *, priority: Priority, wording: str, owner: Officer, young_people: bool = False, actor=None
) -> Priority:
    """The team rewords a priority or hands it to another officer, while it holds its place."""
    neighbourhood = priority.neighbourhood
    check_actor(actor, permission=MANAGE_PRIORITIES, neighbourhood=neighbourhood, field="wording", doing=WORK)
    errors = {}
    if not priority.holds_a_place:
        errors["wording"] = (
            f"This priority is {priority.get_status_display().lower()}; its record is kept as it ended."
        )
    if not wording.strip():
        errors["wording"] = "Give the priority's public wording."
    if owner.pk != priority.owner_id:
        try:
            officer_of_team_check(owner, neighbourhood=neighbourhood, field="owner")
        except ValidationError as error:
            errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        priority.wording, priority.owner, priority.young_people = wording.strip(), owner, young_people
        priority.save()
    return priority


def progress_update_add(*, priority: Priority, on: date, text: str, actor=None) -> ProgressUpdate:
    check_actor(
        actor, permission=MANAGE_PRIORITIES, neighbourhood=priority.neighbourhood, field="text", doing=WORK
    )
    errors = {}
    if not priority.holds_a_place:
        errors["text"] = (
            f"This priority is {priority.get_status_display().lower()}: it takes no more updates."
        )
    if not text.strip():
        errors["text"] = "Say what has been done."
    if on > timezone.localdate():
        errors["on"] = "An update is dated when the work was done: not in the future."
    elif on < priority.selected_on:
        errors["on"] = (
            f"The priority was chosen on {long_date(priority.selected_on)}: an update cannot be earlier."
        )
    if errors:
        raise ValidationError(errors)
    officer = actor.officer if is_user(actor) and actor.officer_id else None
    with transaction.atomic(), audit_actor(actor):
        return ProgressUpdate.objects.create(priority=priority, on=on, text=text.strip(), officer=officer)


def milestone_add(
    *, priority: Priority, description: str, due_on: date, target: str = "", actor=None
) -> Milestone:
    check_actor(
        actor,
        permission=MANAGE_PRIORITIES,
        neighbourhood=priority.neighbourhood,
        field="description",
        doing=WORK,
    )
    errors = {}
    if not priority.holds_a_place:
        errors["description"] = (
            f"This priority is {priority.get_status_display().lower()}: it takes no new milestones."
        )
    if not description.strip():
        errors["description"] = "Say what the milestone is."
    if due_on < priority.selected_on:
        errors["due_on"] = (
            f"The priority was chosen on {long_date(priority.selected_on)}: a milestone falls due after."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        return Milestone.objects.create(
            priority=priority, description=description.strip(), target=target.strip(), due_on=due_on
        )


def milestone_achieve(*, milestone: Milestone, achieved_on: date, actor=None) -> Milestone:
    priority = milestone.priority
    check_actor(
        actor,
        permission=MANAGE_PRIORITIES,
        neighbourhood=priority.neighbourhood,
        field="achieved_on",
        doing=WORK,
    )
    if milestone.achieved_on is not None:
        raise ValidationError(
            {"achieved_on": f"This milestone was met on {long_date(milestone.achieved_on)}."}
        )
    if achieved_on > timezone.localdate():
        raise ValidationError(
            {"achieved_on": "A milestone is met on a day that has come: not in the future."}
        )
    if achieved_on < priority.selected_on:
        raise ValidationError(
            {"achieved_on": f"The priority was chosen on {long_date(priority.selected_on)}."}
        )
    with transaction.atomic(), audit_actor(actor):
        milestone.achieved_on = achieved_on
        milestone.save()
    return milestone


def priority_review(*, priority: Priority, meeting: Meeting, note: str, outcome: str, actor=None) -> Review:
    """The panel's review of a priority at a held meeting: keep working on it, judge it resolved (the
    first step of sign-off), or withdraw it. Once resolved, it waits for the sergeant's endorsement."""
    _check_decision(actor, meeting, "meeting")
    errors = {}
    if meeting.panel.neighbourhood_id != priority.neighbourhood_id:
        errors["meeting"] = "A priority is reviewed by its own ward's panel."
    elif meeting.starts_at < priority.selected_at.starts_at:
        errors["meeting"] = "This meeting was held before the priority was chosen."
    elif priority.status != Priority.Status.ACTIVE:
        errors["outcome"] = (
            f"This priority is {priority.get_status_display().lower()}: the panel reviews active ones."
        )
    elif Review.objects.filter(priority=priority, meeting=meeting).exists():
        errors["outcome"] = "The panel has already reviewed this priority at this meeting."
    if outcome not in (Review.Outcome.CONTINUE, Review.Outcome.RESOLVED, Review.Outcome.WITHDRAWN):
        errors["outcome"] = "Choose what the panel decided."
    if not note.strip():
        errors["note"] = "Record what the panel said about the progress."
    if outcome == Review.Outcome.RESOLVED and not errors:
        unmet = unmet_prerequisites(priority)
        if unmet:
            errors["outcome"] = "It cannot be signed off yet: " + " ".join(unmet)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        review = Review.objects.create(priority=priority, meeting=meeting, note=note.strip(), outcome=outcome)
        if outcome == Review.Outcome.RESOLVED:
            priority.status = Priority.Status.PANEL_RESOLVED
            priority.resolved_at = meeting
            priority.save()
        elif outcome == Review.Outcome.WITHDRAWN:
            _end(priority, meeting, Priority.Status.WITHDRAWN)
    return review


def priority_decide_resolved(*, priority: Priority, meeting: Meeting, note: str, actor=None) -> Review:
    """The first step of sign-off on its own: the panel judges the priority resolved at `meeting`."""
    return priority_review(
        priority=priority, meeting=meeting, note=note, outcome=Review.Outcome.RESOLVED, actor=actor
    )


def priority_endorse(*, priority: Priority, note: str = "", actor=None) -> Priority:
    """The second step: the ward's sergeant endorses the panel's decision, and only then does the
    priority close and free its place."""
    neighbourhood = priority.neighbourhood
    check_actor(
        actor, permission=ENDORSE_SIGN_OFF, neighbourhood=neighbourhood, field="endorsed_by", doing=ENDORSE
    )
    team_sergeant_check(actor, neighbourhood=neighbourhood, field="endorsed_by", doing=ENDORSE)
    if priority.status != Priority.Status.PANEL_RESOLVED or priority.resolved_at_id is None:
        raise ValidationError(
            {
                "resolved_at": "The panel has not decided at a meeting that this priority is resolved: "
                "the sergeant endorses the panel's decision, never in its place."
            }
        )
    unmet = unmet_prerequisites(priority)
    if unmet:
        raise ValidationError({"endorsed_by": "It cannot be signed off yet: " + " ".join(unmet)})
    with transaction.atomic(), audit_actor(actor):
        priority.status = Priority.Status.CLOSED
        priority.endorsed_by = actor
        priority.endorsed_at = timezone.now()
        priority.endorsement_note = note.strip()[:500]
        priority.ended_on = timezone.localdate()
        priority.save()
    return priority


def priority_endorsement_decline(*, priority: Priority, note: str, actor=None) -> Priority:
    """The sergeant does not endorse: the priority goes back to the panel, active, with the reason in its
    progress history for the panel's next review."""
    neighbourhood = priority.neighbourhood
    check_actor(
        actor, permission=ENDORSE_SIGN_OFF, neighbourhood=neighbourhood, field="endorsed_by", doing=ENDORSE
    )
    team_sergeant_check(actor, neighbourhood=neighbourhood, field="endorsed_by", doing=ENDORSE)
    if priority.status != Priority.Status.PANEL_RESOLVED:
        raise ValidationError({"resolved_at": "Only a sign-off the panel has decided can be returned to it."})
    if not note.strip():
        raise ValidationError({"note": "Say why the sign-off goes back to the panel."})
    with transaction.atomic(), audit_actor(actor):
        priority.status = Priority.Status.ACTIVE
        priority.resolved_at = None
        priority.endorsement_note = note.strip()[:500]
        priority.save()
        ProgressUpdate.objects.create(
            priority=priority,
            on=timezone.localdate(),
            text=f"The sergeant returned the panel's sign-off: {note.strip()}",
            officer=actor.officer,
        )
    return priority
