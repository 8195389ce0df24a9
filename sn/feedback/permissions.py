"""Who handles "Your Voice Counts" messages, who may read them, and who sees the sender.

Seed 003: messages "are routed to the appropriate BOCU commander or other senior manager for
information or action and response". So the borough's queue is handled by the borough SN lead (the whole
borough, including messages about the borough as a whole), inspectors (their cluster's wards) and
sergeants (the wards of the teams they lead: most messages are about a team, and its sergeant is who
can answer them), with the central unit reaching every borough (it ran the mailbox in 2007).
PCs and PCSOs hold nothing: a complaint may be about them, and their sergeant passes praise on.
Analysts read messages in their borough without the senders' details, for the thematic analysis seed
003 found missing. Panel members and partners see nothing.

A complaint about an officer's or staff member's conduct is narrower still: only the borough lead and
the central unit see it at all (it may be about the ward's own sergeant or inspector, and it may go on
to professional standards).

The sender's name, email, phone and address are shown only to someone who may handle that message
(`may_handle`); a reader sees the message without them.
"""

from django.db.models import Q, QuerySet

from sn.core.access import has_permission
from sn.core.permissions import declare
from sn.core.roles import Role
from sn.feedback.models import FeedbackMessage
from sn.geography.rules import RecordRule, Tier
from sn.geography.scope import scope_of

HANDLERS = {Role.SERGEANT, Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT}

VIEW_FEEDBACK = declare(
    "view_feedback",
    "Read the public's feedback about the areas in scope (the senders' details only where they may "
    "handle it)",
    app="feedback",
    roles=HANDLERS | {Role.ANALYST},
)
HANDLE_FEEDBACK = declare(
    "handle_feedback",
    "Triage, reply to and close the public's feedback about the areas in scope, seeing the senders' details",
    app="feedback",
    roles=HANDLERS,
)
HANDLE_CONDUCT_COMPLAINTS = declare(
    "handle_conduct_complaints",
    "See and handle complaints about an officer's or staff member's conduct in the borough",
    app="feedback",
    roles={Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)


def _whole_borough(permission: str):
    """A message about a whole borough has no ward: it is reached by those whose scope is the borough."""

    def reach(user) -> Q:
        if not has_permission(user, permission):
            return Q(pk__in=[])
        return Q(neighbourhood__isnull=True, borough_id__in=scope_of(user).borough_ids)

    return reach


MESSAGES = RecordRule(
    model=FeedbackMessage,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_FEEDBACK),
    change=Tier(associated=HANDLE_FEEDBACK),
    extra=_whole_borough(VIEW_FEEDBACK),
    extra_change=_whole_borough(HANDLE_FEEDBACK),
)


def _without_hidden_conduct(user, queryset: QuerySet) -> QuerySet:
    if has_permission(user, HANDLE_CONDUCT_COMPLAINTS):
        return queryset
    return queryset.exclude(about_conduct=True)


def messages_for_user(user, queryset: QuerySet | None = None, *, for_write: bool = False) -> QuerySet:
    """The messages the user may read (or, `for_write`, handle)."""
    queryset = FeedbackMessage.objects.all() if queryset is None else queryset
    return MESSAGES.filter_for(user, _without_hidden_conduct(user, queryset), for_write=for_write)


def get_message_for_user(user, reference: str, *, for_write: bool = False) -> FeedbackMessage:
    """One message by its reference: 404 outside the user's reach, 403 when they may read it but not
    handle it."""
    base = _without_hidden_conduct(
        user, FeedbackMessage.objects.select_related("borough", "neighbourhood", "handler")
    )
    return MESSAGES.get_for_user(user, base, for_write=for_write, reference=reference)


def may_handle(user, message: FeedbackMessage) -> bool:
    """Whether the user may handle this message, and so see who sent it."""
    return messages_for_user(user, FeedbackMessage.objects.filter(pk=message.pk), for_write=True).exists()


def may_handle_area(user, *, borough, neighbourhood, about_conduct: bool, scope=None) -> bool:
    """Whether the user may handle a message about this area (one not saved yet, or being moved there):
    the same reach as the record rule and the conduct rule, decided from the user's scope (`scope`, when
    the caller already has it)."""
    if not getattr(user, "is_active", False) or not has_permission(user, HANDLE_FEEDBACK):
        return False
    if about_conduct and not has_permission(user, HANDLE_CONDUCT_COMPLAINTS):
        return False
    scope = scope or scope_of(user)
    if scope.everything:
        return True
    if neighbourhood is None:
        return borough.pk in scope.borough_ids
    return scope.covers_neighbourhood(neighbourhood)
