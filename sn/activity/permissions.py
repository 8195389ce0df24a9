"""What EPIC activity guards (docs/permissions.md is generated from these declarations).

- The team (PCs, PCSOs and the sergeant) records its ward's activity and corrects it.
- Supervisors and the borough and force roles read the activity and the monthly EPIC reports of their
  area; panel members do not (they see the priorities and "You said, we did" instead).
- A partner records the work their organisation did on a case their organisation is invited to, and
  reads the activity on those cases only: the reach of sn.problemsolving's CASES rule.
"""

from django.db.models import Q

from sn.activity.models import ActivityRecord
from sn.core.access import has_permission
from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.rules import RecordRule, Tier

STAFF = {
    Role.TEAM_OFFICER,
    Role.SERGEANT,
    Role.INSPECTOR,
    Role.ANALYST,
    Role.BOROUGH_LEAD,
    Role.CENTRAL_UNIT,
}

VIEW_ACTIVITY = declare(
    "view_epic_activity",
    "See the EPIC activity and monthly EPIC reports of their area",
    app="activity",
    roles=STAFF,
)
RECORD_ACTIVITY = declare(
    "record_epic_activity",
    "Record and correct their team's EPIC activity",
    app="activity",
    roles={Role.TEAM_OFFICER, Role.SERGEANT},
)
VIEW_CASE_ACTIVITY = declare(
    "view_case_epic_activity",
    "See the EPIC activity recorded against a problem-solving case they may see",
    app="activity",
    roles=STAFF | {Role.PARTNER},
)
RECORD_CASE_ACTIVITY = declare(
    "record_case_epic_activity",
    "Record EPIC activity against a case: the team on its ward's cases, a partner for their organisation "
    "on the cases it is invited to",
    app="activity",
    roles={Role.TEAM_OFFICER, Role.SERGEANT, Role.PARTNER},
)


def _invited_cases(user) -> Q:
    """Activity on the cases the partner's organisation is invited to, while the invitation stands."""
    organisation_id = getattr(user, "partner_organisation_id", None)
    if organisation_id is None or not has_permission(user, VIEW_CASE_ACTIVITY):
        return Q(pk__in=[])
    return Q(case__invitations__organisation_id=organisation_id, case__invitations__removed_at__isnull=True)


ACTIVITY = RecordRule(
    model=ActivityRecord,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_ACTIVITY),
    change=Tier(associated=RECORD_ACTIVITY),
    extra=_invited_cases,
)


def get_record_for_user(user, pk: int, *, for_write: bool = False) -> ActivityRecord:
    queryset = ActivityRecord.objects.select_related(
        "neighbourhood__borough", "neighbourhood__cluster", "priority", "case", "organisation"
    )
    return ACTIVITY.get_for_user(user, queryset, for_write=for_write, pk=pk)
