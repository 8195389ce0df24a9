"""Duties when a posting ends: the rostered duties of the officer for that team after the posting's last
day can no longer be worked for it (the rule every duty keeps: the officer is posted to the team that
day), so they are withdrawn, each deletion in the audit trail. Duties up to the last day stay: they
happened, and the team's abstraction history counts them."""

from datetime import date

from django.db import transaction

from sn.core.audit import audit_actor
from sn.teams.models import Officer, Team
from sn.workforce.models import Duty


@transaction.atomic
def duties_after_posting_withdraw(*, officer: Officer, team: Team, last_day: date, actor=None) -> int:
    """Delete the officer's duties for `team` dated after `last_day`; how many went."""
    with audit_actor(actor):
        duties = list(
            Duty.objects.filter(officer=officer, team=team, date__gt=last_day).select_related(
                "officer", "code"
            )
        )
        for duty in duties:
            duty.delete()
    return len(duties)
