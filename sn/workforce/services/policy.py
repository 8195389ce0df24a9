"""Setting the abstraction policy: a new policy from a date, never an edit of one in force."""

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from sn.core.access import has_permission
from sn.core.audit import audit_actor
from sn.workforce.models import AbstractionPolicy, AbstractionReason
from sn.workforce.permissions import MANAGE_ABSTRACTION_POLICY


def abstraction_policy_set(
    *,
    effective_from: date,
    target_rate: Decimal,
    exempt_reasons: Iterable[AbstractionReason],
    note: str = "",
    actor,
) -> AbstractionPolicy:
    """The policy from `effective_from` (today or later): which reasons are exempt and the target, as a
    per cent of rostered hours. The policies before it stay as they were: they are the history."""
    if not has_permission(actor, MANAGE_ABSTRACTION_POLICY):
        raise ValidationError({"actor": "Only the central unit sets the abstraction policy."})
    errors = {}
    if effective_from < timezone.localdate():
        errors["effective_from"] = (
            "A policy cannot start in the past: the policy then in force stays as it was."
        )
    elif AbstractionPolicy.objects.filter(effective_from=effective_from).exists():
        errors["effective_from"] = (
            f"A policy already starts on {effective_from:%d %B %Y}; choose another date "
            "(a policy is never edited)."
        )
    if not Decimal("0") < target_rate <= Decimal("100"):
        errors["target_rate"] = "The target is a per cent of rostered hours, more than 0 and at most 100."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), audit_actor(actor):
        policy = AbstractionPolicy.objects.create(
            effective_from=effective_from, target_rate=target_rate, note=note
        )
        policy.exempt_reasons.set(list(exempt_reasons))
    return policy
