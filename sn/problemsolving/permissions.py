"""What problem solving guards: cases, their interventions, reviews, partner invitations, assessments
and the good-practice library.

Who may do what (docs/permissions.md is generated from these declarations):
- The team, its supervisors and the borough and force roles read the cases in their scope; an inspector
  sees every case in their cluster.
- A partner reads only the cases their organisation is invited to, while the invitation stands; on them
  they add updates and work the interventions their organisation owns. They see no personal data of
  KIN members or contacts (the case holds none; the concerns it links are shown by topic and date only).
- The team (PCs, PCSOs and the sergeant) keeps the case: scanning, analysis, response, interventions,
  updates and the assessment.
- The sergeant reviews open cases on the schedule, and invites or removes partner organisations.
- Panel members see their ward's priorities and statements (panels), not the case files.
- The library of closed, assessed cases is read across the whole force by every police role: a team
  learns from cases outside its own area, but only what was tried and how it turned out.
"""

from django.db.models import Q

from sn.core.access import has_permission
from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.rules import RecordRule, Tier
from sn.problemsolving.models import Assessment, Case, Intervention

STAFF_READERS = {
    Role.TEAM_OFFICER,
    Role.SERGEANT,
    Role.INSPECTOR,
    Role.ANALYST,
    Role.BOROUGH_LEAD,
    Role.CENTRAL_UNIT,
}

VIEW_CASES = declare(
    "view_cases",
    "See the problem-solving cases in their area",
    app="problemsolving",
    roles=STAFF_READERS,
)
VIEW_INVITED_CASES = declare(
    "view_invited_cases",
    "See the problem-solving cases their organisation is invited to, and work on them",
    app="problemsolving",
    roles={Role.PARTNER},
)
MANAGE_CASES = declare(
    "manage_cases",
    "Open and keep a problem-solving case of their team: scanning, analysis, response, interventions, "
    "updates and assessment",
    app="problemsolving",
    roles={Role.TEAM_OFFICER, Role.SERGEANT},
)
REVIEW_CASES = declare(
    "review_cases",
    "Review the open problem-solving cases of their team on the schedule",
    app="problemsolving",
    roles={Role.SERGEANT},
)
INVITE_PARTNERS = declare(
    "invite_partners_to_cases",
    "Invite a partner organisation to a case of their team, or remove it",
    app="problemsolving",
    roles={Role.SERGEANT},
)
VIEW_LIBRARY = declare(
    "view_good_practice_library",
    "Search the force's library of closed, assessed cases",
    app="problemsolving",
    roles=STAFF_READERS,
)


def _invited(path: str):
    """Records reached through a standing invitation of the user's partner organisation."""

    def reach(user) -> Q:
        organisation_id = getattr(user, "partner_organisation_id", None)
        if organisation_id is None or not has_permission(user, VIEW_INVITED_CASES):
            return Q(pk__in=[])
        return Q(
            **{
                f"{path}invitations__organisation_id": organisation_id,
                f"{path}invitations__removed_at__isnull": True,
            }
        )

    return reach


CASES = RecordRule(
    model=Case,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_CASES),
    change=Tier(associated=MANAGE_CASES),
    extra=_invited(""),
)
INTERVENTIONS = RecordRule(
    model=Intervention,
    neighbourhood_path="case__neighbourhood",
    view=Tier(associated=VIEW_CASES),
    change=Tier(associated=MANAGE_CASES),
    extra=_invited("case__"),
)
ASSESSMENTS = RecordRule(
    model=Assessment,
    neighbourhood_path="case__neighbourhood",
    view=Tier(associated=VIEW_CASES),
    change=Tier(associated=MANAGE_CASES),
    extra=_invited("case__"),
)


def get_case_for_user(user, pk: int, *, for_write: bool = False) -> Case:
    queryset = Case.objects.select_related(
        "neighbourhood__borough", "neighbourhood__cluster", "owner", "priority"
    )
    return CASES.get_for_user(user, queryset, for_write=for_write, pk=pk)


def get_intervention_for_user(user, pk: int, *, for_write: bool = False) -> Intervention:
    queryset = Intervention.objects.select_related(
        "case__neighbourhood__borough", "organisation", "owner_officer", "owner_user"
    )
    return INTERVENTIONS.get_for_user(user, queryset, for_write=for_write, pk=pk)
