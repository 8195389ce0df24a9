"""What asb guards (docs/permissions.md is generated from these declarations).

ASB cases hold personal data of victims, so they are read by the staff who work the wards (team
officers, sergeants, inspectors, borough leads, the central unit) and only in their scope; analysts
see the counts on the scorecard, not the people. The force's ASB lead and action plan are read by
partners too; the central unit names the lead, and the central unit and borough leads keep the plan.
A case is closed (and reopened) by a supervisor of its ward, not by the officer working it.
"""

from django.db.models import QuerySet
from django.http import Http404

from sn.asb.models import AsbAction, AsbCase
from sn.core.access import has_permission
from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.scope import scope_of

CASE_ROLES = {Role.TEAM_OFFICER, Role.SERGEANT, Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT}

VIEW_ASB_CASES = declare(
    "view_asb_cases",
    "See the ASB cases of the wards in their area: victims, reports, risk, Case Reviews and orders",
    app="asb",
    roles=CASE_ROLES,
)
RECORD_ASB = declare(
    "record_asb",
    "Record ASB reports with the risk assessment at first contact, Case Review outcomes, orders and "
    "breaches, for the wards in their area",
    app="asb",
    roles=CASE_ROLES,
)
CLOSE_ASB_CASES = declare(
    "close_asb_cases",
    "Close ASB cases with their outcome and reason, and reopen them, for the wards in their area",
    app="asb",
    roles={Role.SERGEANT, Role.INSPECTOR, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
VIEW_ASB_PLAN = declare(
    "view_asb_plan",
    "See the force's ASB lead and ASB action plan with its progress",
    app="asb",
    roles={
        Role.PARTNER,
        Role.TEAM_OFFICER,
        Role.SERGEANT,
        Role.INSPECTOR,
        Role.ANALYST,
        Role.BOROUGH_LEAD,
        Role.CENTRAL_UNIT,
    },
)
EDIT_ASB_PLAN = declare(
    "edit_asb_plan",
    "Add and update the actions of the ASB action plan (a borough lead: their borough's actions)",
    app="asb",
    roles={Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
SET_ASB_LEAD = declare(
    "set_asb_lead",
    "Name the force's ASB lead",
    app="asb",
    roles={Role.CENTRAL_UNIT},
)


def cases_for_user(user, queryset: QuerySet | None = None) -> QuerySet[AsbCase]:
    queryset = AsbCase.objects.all() if queryset is None else queryset
    if not has_permission(user, VIEW_ASB_CASES):
        return queryset.none()
    return queryset.filter(scope_of(user).neighbourhood_q("neighbourhood"))


def get_case_for_user(user, pk: int) -> AsbCase:
    case = (
        cases_for_user(
            user, AsbCase.objects.select_related("neighbourhood", "person", "address", "problem", "owner")
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        raise Http404("No such ASB case in your area")
    return case


def may_edit_action(user, action: AsbAction | None, borough_id: int | None) -> bool:
    """The central unit edits any action; a borough lead those of their borough only (not force-wide)."""
    if not has_permission(user, EDIT_ASB_PLAN):
        return False
    scope = scope_of(user)
    if scope.everything:
        return True
    target = action.borough_id if action is not None else borough_id
    return target is not None and target in scope.borough_ids
