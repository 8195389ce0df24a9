"""The duty code table and the abstraction policy the force starts from.

The demo, the tests and a fresh installation all seed the same table, so a duty file from the demo
force's duty system means the same thing everywhere.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from sn.core.audit import audit_actor
from sn.workforce.models import AbstractionPolicy, AbstractionReason, DutyCode

# (key, label, description): seed 000 names leave and time off, defined mandatory training and public
# order (New Year's Eve, Notting Hill Carnival) as exempt; everything else counts against the target.
DEFAULT_REASONS: tuple[tuple[str, str, str], ...] = (
    ("leave", "Leave and time off", "Annual leave, rest days in lieu, sickness and other time off"),
    ("training", "Mandatory training", "Defined mandatory training (officer safety, first aid ...)"),
    ("public_order", "Public order", "Public order events: New Year's Eve, Notting Hill Carnival"),
    ("other", "Other abstraction", "Any other duty away from the ward: aid, cover for response ..."),
)
# (code, label, reason key or None for duty on the own ward)
DEFAULT_CODES: tuple[tuple[str, str, str | None], ...] = (
    ("SN", "Safer Neighbourhoods duty", None),
    ("AL", "Annual leave", "leave"),
    ("TRG", "Mandatory training", "training"),
    ("PO", "Public order", "public_order"),
    ("AB", "Other abstraction", "other"),
)
DEFAULT_EXEMPT_REASONS = ("leave", "training", "public_order")
# Seed 003 found the force at 1.6% of rostered hours abstracted for reasons that count, under a policy
# "rigorously enforced and monitored monthly". A 2% target keeps that achieved level inside it while a
# team drifting towards one shift in forty away from its ward shows as over.
DEFAULT_TARGET_RATE = Decimal("2.00")
DEFAULT_POLICY_FROM = date(2006, 1, 1)


def duty_codes_defaults_create(*, actor=None) -> dict[str, DutyCode]:
    """The default reasons and codes, created where missing and left alone where present (the central
    unit may have relabelled them). Returns {code: DutyCode}."""
    with transaction.atomic(), audit_actor(actor):
        reasons = {reason.key: reason for reason in AbstractionReason.objects.all()}
        for order, (key, label, description) in enumerate(DEFAULT_REASONS):
            if key not in reasons:
                reasons[key] = AbstractionReason.objects.create(
                    key=key, label=label, description=description, order=order
                )
        codes = {code.code: code for code in DutyCode.objects.select_related("reason")}
        for code, label, reason_key in DEFAULT_CODES:
            if code not in codes:
                codes[code] = DutyCode.objects.create(
                    code=code,
                    label=label,
                    kind=DutyCode.Kind.ABSTRACTED if reason_key else DutyCode.Kind.ON_DUTY,
                    reason=reasons[reason_key] if reason_key else None,
                )
    return codes


def abstraction_policy_defaults_create(*, actor=None) -> AbstractionPolicy:
    """The force's first abstraction policy (exempt: leave, training, public order; target 2%), unless
    a policy already exists, in which case the earliest is returned untouched."""
    existing = AbstractionPolicy.objects.order_by("effective_from").first()
    if existing is not None:
        return existing
    duty_codes_defaults_create(actor=actor)
    with transaction.atomic(), audit_actor(actor):
        policy = AbstractionPolicy.objects.create(
            effective_from=DEFAULT_POLICY_FROM,
            target_rate=DEFAULT_TARGET_RATE,
            note="The Safer Neighbourhoods abstraction policy as the 2011 review found it",
        )
        policy.exempt_reasons.set(AbstractionReason.objects.filter(key__in=DEFAULT_EXEMPT_REASONS))
    return policy
