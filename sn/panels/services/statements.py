"""Writes to "You said, we did" statements: the team drafts, the ward's sergeant approves (or returns
it), then it is published. Nothing reaches the public unapproved: publishing refuses an unapproved
statement, and changing an approved one takes it back to a draft and off the public pages until it is
approved again. Each is atomic and audited, checks its actor and writes nothing when it refuses."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.audit import audit_actor
from sn.panels.dates import long_date
from sn.panels.models import Priority, Statement
from sn.panels.permissions import APPROVE_STATEMENT, MANAGE_PRIORITIES
from sn.panels.services.checks import check_actor, team_sergeant_check

DRAFT = "draft the ward's statements"
APPROVE = "approve the statement"


def statement_save(
    *, priority: Priority, you_said: str, we_did: str, submit: bool = False, actor=None
) -> Statement:
    """Draft or redraft the statement; `submit` sends it to the sergeant for approval."""
    check_actor(
        actor,
        permission=MANAGE_PRIORITIES,
        neighbourhood=priority.neighbourhood,
        field="you_said",
        doing=DRAFT,
    )
    errors = {}
    if not you_said.strip():
        errors["you_said"] = "Say what residents told the panel: the priority in their words."
    if not we_did.strip():
        errors["we_did"] = "Say what the team and its partners did about it."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        statement = Statement.objects.filter(priority=priority).first() or Statement(priority=priority)
        statement.you_said, statement.we_did = you_said.strip(), we_did.strip()
        # Any change to the words needs the sergeant's approval again before residents see it.
        statement.published_at = None
        statement.approved_by, statement.approved_at = None, None
        statement.status = Statement.Status.AWAITING_APPROVAL if submit else Statement.Status.DRAFT
        statement.submitted_at = timezone.now() if submit else None
        statement.save()
    return statement


def statement_approve(*, statement: Statement, actor=None) -> Statement:
    neighbourhood = statement.priority.neighbourhood
    check_actor(
        actor, permission=APPROVE_STATEMENT, neighbourhood=neighbourhood, field="approved_by", doing=APPROVE
    )
    team_sergeant_check(actor, neighbourhood=neighbourhood, field="approved_by", doing=APPROVE)
    if statement.status == Statement.Status.APPROVED:
        raise ValidationError({"approved_by": "This statement is already approved."})
    with transaction.atomic(), audit_actor(actor):
        statement.status = Statement.Status.APPROVED
        statement.approved_by, statement.approved_at = actor, timezone.now()
        statement.returned_note = ""
        statement.save()
    return statement


def statement_return(*, statement: Statement, note: str, actor=None) -> Statement:
    """The sergeant sends the draft back to the team with what to change."""
    neighbourhood = statement.priority.neighbourhood
    check_actor(
        actor, permission=APPROVE_STATEMENT, neighbourhood=neighbourhood, field="approved_by", doing=APPROVE
    )
    team_sergeant_check(actor, neighbourhood=neighbourhood, field="approved_by", doing=APPROVE)
    if not note.strip():
        raise ValidationError({"note": "Say what the team should change."})
    with transaction.atomic(), audit_actor(actor):
        statement.status = Statement.Status.DRAFT
        statement.approved_by, statement.approved_at, statement.published_at = None, None, None
        statement.submitted_at = None
        statement.returned_note = note.strip()[:500]
        statement.save()
    return statement


def statement_publish(*, statement: Statement, actor=None) -> Statement:
    check_actor(
        actor,
        permission=MANAGE_PRIORITIES,
        neighbourhood=statement.priority.neighbourhood,
        field="published_at",
        doing=DRAFT,
    )
    if statement.status != Statement.Status.APPROVED or statement.approved_at is None:
        raise ValidationError(
            {
                "published_at": "The sergeant has not approved this statement: "
                "only an approved statement is published."
            }
        )
    if statement.is_published:
        published = timezone.localtime(statement.published_at)
        raise ValidationError({"published_at": f"This statement was published on {long_date(published)}."})
    with transaction.atomic(), audit_actor(actor):
        statement.published_at = timezone.now()
        statement.save()
    return statement
