import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError

from sn.accounts.models import User
from sn.accounts.scope import scope_for
from sn.accounts.services import roles_sync, user_create, user_set_role
from sn.asb.tests.grants import GRANTS as ASB_GRANTS
from sn.core.permissions import PERMISSIONS, permissions_of
from sn.core.roles import ROLES, Role
from sn.guarantee.tests.grants import GRANTS as GUARANTEE_GRANTS
from sn.patrols.tests.grants import GRANTS as PATROLS_GRANTS
from sn.queries.tests.grants import GRANTS as QUERIES_GRANTS
from sn.scorecard.tests.grants import GRANTS as SCORECARD_GRANTS

DECLARED = [spec.codename for spec in PERMISSIONS]

pytestmark = pytest.mark.django_db


def test_setup_roles_creates_one_group_per_role_with_the_registry_permissions(db):
    roles_sync()
    for role in ROLES:
        group = Group.objects.get(name=ROLES[role].group_name)
        granted = set(group.permissions.filter(codename__in=DECLARED).values_list("codename", flat=True))
        assert granted == permissions_of(role), role


# What each role may do. A new permission is added here on purpose, with the review that deserves.
BEFORE_THE_CYCLE = {
    Role.PANEL_MEMBER: {"view_ward"},
    Role.PARTNER: set(),
    Role.TEAM_OFFICER: {"view_ward", "view_staffing"},
    Role.SERGEANT: {"view_ward", "view_staffing", "export_staffing", "view_audit_history"},
    Role.INSPECTOR: {
        "view_ward",
        "view_staffing",
        "export_staffing",
        "view_cluster_overview",
        "view_audit_history",
    },
    Role.ANALYST: {
        "view_ward",
        "view_staffing",
        "export_staffing",
        "view_cluster_overview",
        "view_borough_overview",
    },
    Role.BOROUGH_LEAD: {
        "view_ward",
        "view_staffing",
        "export_staffing",
        "view_cluster_overview",
        "view_borough_overview",
        "view_audit_history",
        "unlock_accounts",
    },
    Role.CENTRAL_UNIT: {
        "view_ward",
        "view_staffing",
        "export_staffing",
        "view_cluster_overview",
        "view_borough_overview",
        "view_force_overview",
        "view_audit_history",
        "unlock_accounts",
        "manage_survey_data",
        "use_admin",
    },
}
# The cycle (issue 9). Reviewed: the names and contact details of KIN members, contacts and panel members
# go to the ward's team and its supervisors (sergeant, inspector) only, never to analysts, borough leads,
# the central unit or panel members; a panel member sees the panel and the concerns (which hold no
# personal data) and records decisions only as the chair (the service checks); only the ward's sergeant
# endorses a sign-off and approves a statement.
READ_THE_CYCLE = {"view_concerns", "view_ward_panel"}
OFFICERS_READ = READ_THE_CYCLE | {"view_engagement", "view_kin_figures"}
TEAM_WORK = {
    "manage_community",
    "manage_concerns",
    "manage_engagement",
    "manage_key_locations",
    "manage_priorities",
    "manage_ward_panel",
    "record_panel_decision",
    "view_community_personal_data",
    "view_panel_member_contacts",
}
CYCLE = {
    Role.PANEL_MEMBER: READ_THE_CYCLE | {"record_panel_decision"},
    Role.PARTNER: set(),
    Role.TEAM_OFFICER: OFFICERS_READ | TEAM_WORK,
    Role.SERGEANT: OFFICERS_READ
    | TEAM_WORK
    | {"approve_statement", "endorse_priority_sign_off", "review_personal_data"},
    Role.INSPECTOR: OFFICERS_READ
    | {
        "follow_up_kin_compliance",
        "follow_up_write_ups",
        "manage_key_locations",
        "view_community_personal_data",
        "view_panel_member_contacts",
    },
    Role.ANALYST: OFFICERS_READ | {"import_demographics"},
    Role.BOROUGH_LEAD: OFFICERS_READ | {"follow_up_kin_compliance", "follow_up_write_ups"},
    Role.CENTRAL_UNIT: OFFICERS_READ | {"import_demographics", "manage_consent_wording"},
}
# Problem solving (issue 10). Reviewed: partners reach only the cases their organisation is invited to
# (the record rule's invitation reach), never by area; panel members read priorities, not case files;
# the library is read force-wide by police roles only.
STAFF_READ_CASES = {"view_cases", "view_good_practice_library"}
PROBLEM_SOLVING = {
    Role.PANEL_MEMBER: set(),
    Role.PARTNER: {"view_invited_cases"},
    Role.TEAM_OFFICER: STAFF_READ_CASES | {"manage_cases"},
    Role.SERGEANT: STAFF_READ_CASES | {"manage_cases", "review_cases", "invite_partners_to_cases"},
    Role.INSPECTOR: STAFF_READ_CASES,
    Role.ANALYST: STAFF_READ_CASES,
    Role.BOROUGH_LEAD: STAFF_READ_CASES,
    Role.CENTRAL_UNIT: STAFF_READ_CASES,
}
# EPIC activity (issue 10).
STAFF_EPIC = {"view_epic_activity", "view_case_epic_activity"}
EPIC: dict[Role, set[str]] = {
    Role.PANEL_MEMBER: set(),
    Role.PARTNER: {"view_case_epic_activity", "record_case_epic_activity"},
    Role.TEAM_OFFICER: STAFF_EPIC | {"record_epic_activity", "record_case_epic_activity"},
    Role.SERGEANT: STAFF_EPIC | {"record_epic_activity", "record_case_epic_activity"},
    Role.INSPECTOR: STAFF_EPIC,
    Role.ANALYST: STAFF_EPIC,
    Role.BOROUGH_LEAD: STAFF_EPIC,
    Role.CENTRAL_UNIT: STAFF_EPIC,
}
# The borough tasking group (issue 10). Reviewed: the borough lead (and the central unit) keep the
# meetings and decide bids; inspectors and sergeants read them and raise bids for wards in their scope;
# analysts read and prepare packs; partners see nothing, for a pack lists cases their organisation is
# not invited to; PCs, PCSOs and panel members see nothing.
TASKING: dict[Role, set[str]] = {
    Role.PANEL_MEMBER: set(),
    Role.PARTNER: set(),
    Role.TEAM_OFFICER: set(),
    Role.SERGEANT: {"view_tasking", "raise_resource_bids"},
    Role.INSPECTOR: {"view_tasking", "raise_resource_bids"},
    Role.ANALYST: {"view_tasking", "prepare_tasking_packs"},
    Role.BOROUGH_LEAD: {"view_tasking", "manage_tasking", "prepare_tasking_packs"},
    Role.CENTRAL_UNIT: {"view_tasking", "manage_tasking", "prepare_tasking_packs"},
}
# "Your Voice Counts" feedback (issue 11). Reviewed: the borough lead, inspectors and sergeants handle
# messages about their area (sergeants their teams' wards), the central unit every borough; analysts read
# them without the senders' details; complaints about conduct are the borough lead's and the central
# unit's only; PCs, PCSOs, panel members and partners see nothing.
FEEDBACK_HANDLERS = {"view_feedback", "handle_feedback"}
FEEDBACK: dict[Role, set[str]] = {
    Role.PANEL_MEMBER: set(),
    Role.PARTNER: set(),
    Role.TEAM_OFFICER: set(),
    Role.SERGEANT: FEEDBACK_HANDLERS,
    Role.INSPECTOR: FEEDBACK_HANDLERS,
    Role.ANALYST: {"view_feedback"},
    Role.BOROUGH_LEAD: FEEDBACK_HANDLERS | {"handle_conduct_complaints"},
    Role.CENTRAL_UNIT: FEEDBACK_HANDLERS | {"handle_conduct_complaints"},
}
# The platform API's tokens (issue 11). Reviewed: everyone lists and revokes their own tokens (no
# permission needed); only the central unit sees and revokes every user's.
API_TOKENS: dict[Role, set[str]] = {role: set() for role in Role} | {Role.CENTRAL_UNIT: {"manage_api_tokens"}}
# The workforce (issue 12). Reviewed: the team and everyone above it read duties, deployments and shift
# cover in their area; the sergeant records and corrects the team's duties; abstraction is read by
# supervisors, analysts and the borough and force roles; the cluster inspector or above adopts a change of
# shift (seed 000 paragraph 51) and lends officers (Approach A); the supervision model is read from the
# inspector up, run by analysts and leads, and adopted (it moves sergeants' postings) only by the borough
# lead and the central unit, which alone keeps the duty codes and the abstraction policy. Panel members
# and partners see none of it.
WORKFORCE_READ = {"view_duties", "view_deployments", "view_shift_cover"}
WORKFORCE: dict[Role, set[str]] = {
    Role.PANEL_MEMBER: set(),
    Role.PARTNER: set(),
    Role.TEAM_OFFICER: WORKFORCE_READ,
    Role.SERGEANT: WORKFORCE_READ | {"record_duties", "view_abstraction"},
    Role.INSPECTOR: WORKFORCE_READ
    | {"view_abstraction", "adopt_shift_pattern", "deploy_officers", "view_supervision"},
    Role.ANALYST: WORKFORCE_READ | {"view_abstraction", "view_supervision", "propose_supervision"},
    Role.BOROUGH_LEAD: WORKFORCE_READ
    | {
        "view_abstraction",
        "adopt_shift_pattern",
        "deploy_officers",
        "view_supervision",
        "propose_supervision",
        "adopt_supervision",
    },
    Role.CENTRAL_UNIT: WORKFORCE_READ
    | {
        "view_abstraction",
        "adopt_shift_pattern",
        "deploy_officers",
        "view_supervision",
        "propose_supervision",
        "adopt_supervision",
        "manage_abstraction_policy",
    },
}
# Running it (issue 13). Reviewed: whoever may start a job sees the jobs of their area, and only the
# central unit sees every job; police.uk files are loaded by analysts and the central unit, duty files by
# the sergeant for their own teams and the central unit for the force; the people responsible for
# feedback and panels review what is due under the retention rules; backups, the retention run, erasure
# requests and resetting someone's second factor are the central unit's alone.
OPERATIONS: dict[Role, set[str]] = {
    Role.PANEL_MEMBER: set(),
    Role.PARTNER: set(),
    Role.TEAM_OFFICER: {"view_jobs", "review_retention"},
    Role.SERGEANT: {"view_jobs", "review_retention", "import_duties"},
    Role.INSPECTOR: {"view_jobs", "review_retention"},
    Role.ANALYST: {"view_jobs", "import_police_data"},
    Role.BOROUGH_LEAD: {"view_jobs", "review_retention"},
    Role.CENTRAL_UNIT: {
        "view_jobs",
        "view_all_jobs",
        "import_police_data",
        "import_duties",
        "run_backups",
        "review_retention",
        "run_retention_review",
        "handle_erasure_requests",
        "reset_second_factor",
    },
}
# The 2025 Guarantee (issue 14): each new app lists its grants beside its tests.
GUARANTEE = {
    role: ASB_GRANTS[role]
    | GUARANTEE_GRANTS[role]
    | PATROLS_GRANTS[role]
    | QUERIES_GRANTS[role]
    | SCORECARD_GRANTS[role]
    for role in Role
}
EXPECTED_GRANTS = {
    role: BEFORE_THE_CYCLE[role]
    | CYCLE[role]
    | PROBLEM_SOLVING[role]
    | EPIC[role]
    | TASKING[role]
    | FEEDBACK[role]
    | API_TOKENS[role]
    | WORKFORCE[role]
    | OPERATIONS[role]
    | GUARANTEE[role]
    for role in Role
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_holds_exactly_the_permissions_declared_for_it(role):
    assert permissions_of(role) == EXPECTED_GRANTS[role]


def test_every_role_has_an_entry_in_the_roles_registry():
    assert set(ROLES) == set(Role)
    for role, spec in ROLES.items():
        assert spec.role == role
        assert spec.anchor in (None, "borough", "neighbourhood", "officer", "partner_organisation")


def test_running_setup_roles_twice_changes_nothing(db):
    first = roles_sync()
    assert roles_sync() == first
    assert Group.objects.count() == len(Role)


def test_users_get_permissions_only_through_their_role_group(world):
    for user in User.objects.all():
        assert not user.user_permissions.exists()
        assert list(user.groups.values_list("name", flat=True)) == [ROLES[Role(user.role)].group_name]


def test_changing_role_replaces_the_group(world):
    user = world.user("analyst")
    user_set_role(user=user, role=Role.BOROUGH_LEAD)
    assert list(user.groups.values_list("name", flat=True)) == [ROLES[Role.BOROUGH_LEAD].group_name]


def test_a_role_needs_its_geographic_anchor(world):
    with pytest.raises(ValidationError) as error:
        user_create(username="nobody", password="x" * 20, role=Role.ANALYST)
    assert "borough" in error.value.message_dict


def test_only_the_central_unit_gets_model_permissions_for_the_admin(world):
    model_perms = Permission.objects.exclude(codename__in=DECLARED)
    assert (
        not Group.objects.get(name=ROLES[Role.BOROUGH_LEAD].group_name)
        .permissions.filter(id__in=model_perms)
        .exists()
    )
    assert (
        Group.objects.get(name=ROLES[Role.CENTRAL_UNIT].group_name)
        .permissions.filter(id__in=model_perms)
        .exists()
    )


@pytest.mark.parametrize(
    ("role", "wards"),
    [
        ("central_unit", {"a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"}),
        ("borough_lead", {"a1", "a2", "a3", "a4"}),
        ("analyst", {"a1", "a2", "a3", "a4"}),
        ("inspector", {"a1", "a2", "a3", "a4"}),
        ("sergeant", {"a1", "a2"}),
        ("team_officer", {"a1"}),
        ("panel_member", {"a1"}),
        ("partner", set()),
    ],
)
def test_each_role_sees_the_wards_of_its_scope(world, role, wards):
    expected = {world.wards[key].id for key in wards}
    assert set(scope_for(world.user(role)).neighbourhoods().values_list("id", flat=True)) == expected


def test_an_anonymous_visitor_has_no_scope(world):
    from django.contrib.auth.models import AnonymousUser

    assert not scope_for(AnonymousUser()).neighbourhoods().exists()


def test_a_deactivated_user_has_no_scope(world):
    user = world.user("central_unit")
    user.is_active = False
    assert not scope_for(user).neighbourhoods().exists()
