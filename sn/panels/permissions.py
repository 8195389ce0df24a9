"""What panels guards: ward panels, meetings, priorities, sign-off and "you said, we did".

Who may do what (docs/permissions.md is generated from these declarations):
- Everyone who may open the ward page sees its panel: members' names, meetings, papers, priorities,
  the diversity make-up as suppressed counts. Partners see none of it.
- Members' contact details: the team, its sergeant and the inspector only (DESIGN.md: personal data
  only to those who need it), never borough or force roles.
- The team (PCs, PCSOs and the sergeant) keeps the panel's records: members, meetings, minutes, papers,
  progress on priorities, milestones and the draft statement.
- The panel's decisions (choosing priorities, reviewing them, judging one resolved, withdrawing one)
  are recorded by the team on the panel's behalf, or by the panel's chair in person. Other panel members
  read but do not record: a decision is the panel's, put by its chair, not any one member's.
- The sergeant of the ward's team endorses a sign-off and approves the statement; the service checks
  the posting, so a sergeant of another team cannot.
"""

from django.core.exceptions import PermissionDenied

from sn.core.permissions import declare
from sn.core.roles import Role
from sn.geography.rules import RecordRule, Tier
from sn.panels.models import Meeting, Milestone, Panel, PanelMember, Priority

VIEW_PANEL = declare(
    "view_ward_panel",
    "See a ward's panel, meetings, papers and priorities",
    app="panels",
    roles=set(Role) - {Role.PARTNER},
)
VIEW_PANEL_MEMBER_CONTACTS = declare(
    "view_panel_member_contacts",
    "See ward panel members' contact details",
    app="panels",
    roles={Role.TEAM_OFFICER, Role.SERGEANT, Role.INSPECTOR},
)
MANAGE_PANEL = declare(
    "manage_ward_panel",
    "Keep a ward panel's records: members, meetings, attendance, minutes and papers",
    app="panels",
    roles={Role.TEAM_OFFICER, Role.SERGEANT},
)
RECORD_PANEL_DECISION = declare(
    "record_panel_decision",
    "Record a panel's decisions at its meeting: priorities chosen, reviewed, resolved or withdrawn "
    "(panel members: the chair only)",
    app="panels",
    roles={Role.PANEL_MEMBER, Role.TEAM_OFFICER, Role.SERGEANT},
)
MANAGE_PRIORITIES = declare(
    "manage_priorities",
    "Record progress, milestones and the 'You said, we did' draft of a ward's priorities",
    app="panels",
    roles={Role.TEAM_OFFICER, Role.SERGEANT},
)
ENDORSE_SIGN_OFF = declare(
    "endorse_priority_sign_off",
    "Endorse a panel's sign-off of a priority of their team, which closes it",
    app="panels",
    roles={Role.SERGEANT},
)
APPROVE_STATEMENT = declare(
    "approve_statement",
    "Approve a 'You said, we did' statement of their team for publication",
    app="panels",
    roles={Role.SERGEANT},
)

PANELS = RecordRule(
    model=Panel,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_PANEL),
    change=Tier(associated=MANAGE_PANEL),
)
MEMBERS = RecordRule(
    model=PanelMember,
    neighbourhood_path="panel__neighbourhood",
    view=Tier(associated=VIEW_PANEL),
    change=Tier(associated=MANAGE_PANEL),
)
MEETINGS = RecordRule(
    model=Meeting,
    neighbourhood_path="panel__neighbourhood",
    view=Tier(associated=VIEW_PANEL),
    change=Tier(associated=MANAGE_PANEL),
)
PRIORITIES = RecordRule(
    model=Priority,
    neighbourhood_path="neighbourhood",
    view=Tier(associated=VIEW_PANEL),
    change=Tier(associated=MANAGE_PRIORITIES),
)
MILESTONES = RecordRule(
    model=Milestone,
    neighbourhood_path="priority__neighbourhood",
    view=Tier(associated=VIEW_PANEL),
    change=Tier(associated=MANAGE_PRIORITIES),
)


def get_meeting_for_user(user, pk: int, *, for_write: bool = False) -> Meeting:
    queryset = Meeting.objects.select_related(
        "panel__neighbourhood__borough", "panel__neighbourhood__cluster"
    )
    return MEETINGS.get_for_user(user, queryset, for_write=for_write, pk=pk)


def get_member_for_user(user, pk: int, *, for_write: bool = False) -> PanelMember:
    queryset = PanelMember.objects.live().select_related("panel__neighbourhood__borough")
    return MEMBERS.get_for_user(user, queryset, for_write=for_write, pk=pk)


def get_priority_for_user(user, pk: int, *, for_write: bool = False) -> Priority:
    queryset = Priority.objects.select_related(
        "neighbourhood__borough", "neighbourhood__cluster", "panel", "owner", "selected_at", "resolved_at"
    )
    return PRIORITIES.get_for_user(user, queryset, for_write=for_write, pk=pk)


def get_milestone_for_user(user, pk: int, *, for_write: bool = False) -> Milestone:
    queryset = Milestone.objects.select_related("priority__neighbourhood__borough")
    return MILESTONES.get_for_user(user, queryset, for_write=for_write, pk=pk)


def is_chair_of(user, panel: Panel) -> bool:
    """Whether `user` is the sign-in of the panel's current chair."""
    return (
        user.is_authenticated
        and panel.members.live().filter(user_id=user.pk, is_chair=True, left_on__isnull=True).exists()
    )


def require_decision_maker(user, panel: Panel) -> None:
    """A panel member records the panel's decisions only as its chair (403 otherwise); the team's
    officers may always, within their scope (the record rule has checked it)."""
    if user.role == Role.PANEL_MEMBER and not is_chair_of(user, panel):
        raise PermissionDenied("Only the panel's chair records its decisions")
