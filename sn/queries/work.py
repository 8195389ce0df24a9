"""The supervisors' alerts (WORK_ITEMS): queries in their area whose clock is nearly out or has run out,
computed from the records each time the home page is shown."""

from django.urls import reverse
from django.utils import timezone

from sn.core.registries import WorkItem
from sn.core.roles import Role
from sn.queries.permissions import queries_for_user
from sn.queries.selectors import nearing_or_breached

SUPERVISORS = {Role.SERGEANT, Role.INSPECTOR}


def queries_at_risk(user) -> list[WorkItem]:
    if getattr(user, "role", "") not in SUPERVISORS:
        return []
    now = timezone.now()
    items = []
    for row in nearing_or_breached(queries_for_user(user), now)[:50]:
        query, state = row.query, row.state
        breached = state.state == "breached"
        items.append(
            WorkItem(
                title=f"Query {query.reference}: {state.label}",
                url=reverse("queries:detail", args=[query.reference]),
                area=query.neighbourhood.name,
                due=timezone.localtime(query.due_at).date(),
                overdue=breached,
                detail=query.subject,
                urgency=int(-state.hours_left),
            )
        )
    return items
