"""The ward page's "Problem-solving cases" panel (registered in sn.problemsolving.hooks): the ward's open
cases with their stage, each current priority without a case and a link to open one for it (the
priority's page belongs to panels, which cannot link to cases; the link lives here and on the case)."""

from django.utils import timezone

from sn.core.access import has_permission
from sn.geography.models import Neighbourhood
from sn.panels.models import Priority
from sn.panels.models.priorities import HOLDING_A_PLACE
from sn.problemsolving.models import Case
from sn.problemsolving.permissions import MANAGE_CASES
from sn.problemsolving.selectors import visible_cases


def cases_panel(user, neighbourhood: Neighbourhood) -> dict:
    cases = list(
        visible_cases(user)
        .filter(neighbourhood=neighbourhood)
        .exclude(stage=Case.Stage.CLOSED)
        .select_related("priority")
        .order_by("-last_activity_on")
    )
    can_open = has_permission(user, MANAGE_CASES)
    without_case = (
        list(
            Priority.objects.filter(
                neighbourhood=neighbourhood, status__in=HOLDING_A_PLACE, case__isnull=True
            )
        )
        if can_open
        else []
    )
    closed = visible_cases(user).filter(neighbourhood=neighbourhood, stage=Case.Stage.CLOSED).count()
    return {
        "cases": cases,
        "closed": closed,
        "without_case": without_case,
        "can_open": can_open,
        "today": timezone.localdate(),
    }
