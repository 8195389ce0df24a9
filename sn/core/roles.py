"""The one registry of roles: who the users are, what anchors their scope and where they land.

What a role may do is declared next to the thing it may do, in each app's `permissions.py`
(`sn.core.permissions.declare`); where it may do it is decided by `sn.accounts.scope` from the
`scope` below. Roles live in the kernel so that every app can name them without importing accounts.
Public visitors are the ninth role of DESIGN.md: they are anonymous, so they have no group and no
entry here.
"""

from dataclasses import dataclass

from django.db import models


class Role(models.TextChoices):
    PANEL_MEMBER = "panel_member", "Ward panel member"
    PARTNER = "partner", "Partner agency"
    TEAM_OFFICER = "team_officer", "PC or PCSO"
    SERGEANT = "sergeant", "Sergeant"
    INSPECTOR = "inspector", "Inspector"
    ANALYST = "analyst", "Analyst"
    BOROUGH_LEAD = "borough_lead", "Borough SN lead"
    CENTRAL_UNIT = "central_unit", "Central SN unit"


class ScopeKind(models.TextChoices):
    FORCE = "force", "The whole force"
    BOROUGH = "borough", "Their borough"
    COMMANDED_CLUSTERS = "commanded_clusters", "The clusters they command"
    POSTED_TEAMS = "posted_teams", "The wards of the teams they are posted to"
    OWN_WARD = "own_ward", "Their ward"
    GRANTS_ONLY = "grants_only", "Only what they are invited to"


class Landing(models.TextChoices):
    FORCE = "force", "The force page"
    BOROUGH = "borough", "Their borough's page"
    CLUSTER_OR_WARDS = "cluster_or_wards", "Their cluster's page, or a list of their wards"
    WARDS = "wards", "A list of their wards"


@dataclass(frozen=True)
class RoleSpec:
    role: Role
    scope: ScopeKind
    landing: Landing
    # The user field that anchors the scope; a user of the role cannot be saved without it.
    anchor: str | None = None
    # Apps whose Django model permissions (add/change/delete/view) the role gets, for the admin.
    admin_apps: tuple[str, ...] = ()

    @property
    def group_name(self) -> str:
        return self.role.label


ROLES: dict[Role, RoleSpec] = {
    spec.role: spec
    for spec in (
        RoleSpec(Role.PANEL_MEMBER, ScopeKind.OWN_WARD, Landing.WARDS, anchor="neighbourhood"),
        RoleSpec(Role.PARTNER, ScopeKind.GRANTS_ONLY, Landing.WARDS, anchor="partner_organisation"),
        RoleSpec(Role.TEAM_OFFICER, ScopeKind.POSTED_TEAMS, Landing.WARDS, anchor="officer"),
        RoleSpec(Role.SERGEANT, ScopeKind.POSTED_TEAMS, Landing.WARDS, anchor="officer"),
        RoleSpec(Role.INSPECTOR, ScopeKind.COMMANDED_CLUSTERS, Landing.CLUSTER_OR_WARDS, anchor="officer"),
        RoleSpec(Role.ANALYST, ScopeKind.BOROUGH, Landing.BOROUGH, anchor="borough"),
        RoleSpec(Role.BOROUGH_LEAD, ScopeKind.BOROUGH, Landing.BOROUGH, anchor="borough"),
        RoleSpec(
            Role.CENTRAL_UNIT,
            ScopeKind.FORCE,
            Landing.FORCE,
            admin_apps=("accounts", "core", "geography", "teams", "performance"),
        ),
    )
}

ALL_ROLES: frozenset[Role] = frozenset(Role)
