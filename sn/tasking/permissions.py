"""What the tasking app guards: the borough tasking group's meetings, their packs, and resource bids.

Who may do what (docs/permissions.md is generated from these declarations):
- The borough SN lead keeps their borough's meetings (tasking group and joint action group): attendees,
  decisions, actions and their follow-up, and decides resource bids; the central unit may do the same
  anywhere.
- Inspectors and sergeants of the borough read its meetings and packs, and raise resource bids for the
  wards in their scope (a sergeant for their team's wards, an inspector for their cluster's).
- Analysts read the meetings and prepare packs; the borough lead and central unit may prepare them too.
- Partners see none of it: a pack lists every stalled case of the borough, most of them cases their
  organisation is not invited to. PCs, PCSOs and panel members see none of it either.
"""

from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.rules import RecordRule, Tier
from sn.tasking.models import Action, ResourceBid, TaskingMeeting

VIEW_TASKING = declare(
    "view_tasking",
    "See their borough's tasking group and joint action group meetings, packs, actions and resource bids",
    app="tasking",
    roles={Role.SERGEANT, Role.INSPECTOR, Role.ANALYST, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
MANAGE_TASKING = declare(
    "manage_tasking",
    "Keep their borough's tasking meetings: attendees, decisions, actions and follow-ups; decide "
    "resource bids",
    app="tasking",
    roles={Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
PREPARE_PACKS = declare(
    "prepare_tasking_packs",
    "Assemble the pack for a tasking meeting of their borough",
    app="tasking",
    roles={Role.ANALYST, Role.BOROUGH_LEAD, Role.CENTRAL_UNIT},
)
RAISE_BIDS = declare(
    "raise_resource_bids",
    "Raise a resource bid to the borough's tasking group for a case or priority of a ward in their scope",
    app="tasking",
    roles={Role.SERGEANT, Role.INSPECTOR},
)

# A meeting belongs to its whole borough: anyone whose scope touches the borough reaches it.
MEETINGS = RecordRule(
    model=TaskingMeeting,
    neighbourhood_path="borough__neighbourhoods",
    view=Tier(associated=VIEW_TASKING),
    change=Tier(associated=MANAGE_TASKING),
)
ACTIONS = RecordRule(
    model=Action,
    neighbourhood_path="meeting__borough__neighbourhoods",
    view=Tier(associated=VIEW_TASKING),
    change=Tier(associated=MANAGE_TASKING),
)
# Bids are read borough-wide, as the pack shows them; raising one is checked against the ward.
BIDS = RecordRule(
    model=ResourceBid,
    neighbourhood_path="neighbourhood__borough__neighbourhoods",
    view=Tier(associated=VIEW_TASKING),
    change=Tier(associated=MANAGE_TASKING),
)


def get_meeting_for_user(user, pk: int, *, for_write: bool = False) -> TaskingMeeting:
    return MEETINGS.get_for_user(
        user, TaskingMeeting.objects.select_related("borough"), for_write=for_write, pk=pk
    )


def get_action_for_user(user, pk: int, *, for_write: bool = False) -> Action:
    queryset = Action.objects.select_related("meeting__borough", "owner_user")
    return ACTIONS.get_for_user(user, queryset, for_write=for_write, pk=pk)


def get_bid_for_user(user, pk: int, *, for_write: bool = False) -> ResourceBid:
    queryset = ResourceBid.objects.select_related("neighbourhood__borough", "case", "priority", "raised_by")
    return BIDS.get_for_user(user, queryset, for_write=for_write, pk=pk)
