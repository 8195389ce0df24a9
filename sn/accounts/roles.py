"""The one registry of roles and what each may do.

Roles are Django groups created by `sn setup-roles`; a user gets permissions only through the group of
their role, never one by one. What a role may do is below; where it may do it (its geographic scope)
is decided in sn.accounts.scope.
"""

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


# Public visitors are the ninth role of DESIGN.md: they are anonymous, so they have no group.

# Custom permissions, declared on accounts.AccessPolicy so that they exist as Permission rows.
PERMISSIONS: dict[str, str] = {
    "view_ward": "Open the internal ward page of a neighbourhood in scope",
    "view_staffing": "See staffing against establishment",
    "export_staffing": "Download staffing tables",
    "view_cluster_overview": "Open the page of a cluster in scope",
    "view_borough_overview": "Open the page of a borough in scope",
    "view_force_overview": "Open the force-wide pages",
    "view_audit_history": "Open the change history of a record in scope",
    "use_admin": "Use the Django admin",
    "manage_survey_data": "Upload and correct public attitude survey results",
}

ROLE_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.PANEL_MEMBER: frozenset({"view_ward"}),
    Role.PARTNER: frozenset(),
    Role.TEAM_OFFICER: frozenset({"view_ward", "view_staffing"}),
    Role.SERGEANT: frozenset({"view_ward", "view_staffing", "export_staffing", "view_audit_history"}),
    Role.INSPECTOR: frozenset(
        {"view_ward", "view_staffing", "export_staffing", "view_cluster_overview", "view_audit_history"}
    ),
    Role.ANALYST: frozenset(
        {"view_ward", "view_staffing", "export_staffing", "view_cluster_overview", "view_borough_overview"}
    ),
    Role.BOROUGH_LEAD: frozenset(
        {
            "view_ward",
            "view_staffing",
            "export_staffing",
            "view_cluster_overview",
            "view_borough_overview",
            "view_audit_history",
        }
    ),
    Role.CENTRAL_UNIT: frozenset(PERMISSIONS),
}


# The Django model permissions (add/change/delete/view) a role's group gets, by app, for the admin.
ROLE_MODEL_PERMISSION_APPS: dict[Role, tuple[str, ...]] = {
    Role.CENTRAL_UNIT: ("accounts", "core", "geography", "teams", "performance"),
}


def group_name(role: Role) -> str:
    return role.label
