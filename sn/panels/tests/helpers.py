"""A ward panel with something of everything in a ward of the test world, for the access matrix and
the view tests: a chair (in a1, the world's panel member), a member, a held meeting, a priority owned
by an officer of the team, and a milestone. Built once per world and ward."""

from dataclasses import dataclass

from django.utils import timezone

from sn.panels.models import Meeting, Milestone, Panel, PanelMember, Priority
from sn.panels.tests.factories import (
    MeetingFactory,
    MilestoneFactory,
    PanelFactory,
    PanelMemberFactory,
    PriorityFactory,
)
from sn.teams.tests.factories import OfficerFactory

# The officer of each ward's team that owns its priority (build_wide_world posts pc_a3 and pc_a5).
OWNERS = {"a1": "pc_a", "a3": "pc_a3", "a5": "pc_a5", "b1": "pc_b"}


@dataclass
class WardPanel:
    panel: Panel
    chair: PanelMember
    member: PanelMember
    meeting: Meeting
    priority: Priority
    milestone: Milestone


def ward_panel_setup(world, key: str) -> WardPanel:
    cache = world.__dict__.setdefault("panels_setup", {})
    if key not in cache:
        cache[key] = _build(world, key)
    return cache[key]


def _build(world, key: str) -> WardPanel:
    ward = world.wards[key]
    panel = PanelFactory(neighbourhood=ward, name=f"{ward.name} Ward Panel")
    chair = PanelMemberFactory(
        panel=panel,
        name="Chris Chair",
        is_chair=True,
        user=world.users["panel_member"] if key == "a1" else None,
        email="chris.chair@example.org",
        phone="020 7946 0123",
        contact_consent_on=timezone.localdate(),
    )
    member = PanelMemberFactory(panel=panel, name="Morgan Member")
    meeting = MeetingFactory(panel=panel)
    owner = world.officers.get(OWNERS.get(key, "")) or OfficerFactory()
    priority = PriorityFactory(
        selected_at=meeting, owner=owner, wording=f"Make the parks of {ward.name} safer"
    )
    milestone = MilestoneFactory(priority=priority)
    return WardPanel(panel, chair, member, meeting, priority, milestone)
