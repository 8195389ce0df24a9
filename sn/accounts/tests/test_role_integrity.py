"""A user's role (which decides their scope) and their group (which decides their permissions) never
drift apart: the role changes only through `user_set_role`, from the admin and from commands alike."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import CommandError

from sn.accounts.models import User
from sn.accounts.services import user_set_role
from sn.accounts.tests.factories import UserFactory
from sn.core.roles import ROLES, Role

pytestmark = pytest.mark.django_db


def assert_every_role_matches_its_group() -> None:
    for user in User.objects.prefetch_related("groups", "user_permissions"):
        expected = [ROLES[Role(user.role)].group_name] if user.role else []
        assert [g.name for g in user.groups.all()] == expected, user.username
        assert not user.user_permissions.all(), user.username
        assert not user.is_superuser, user.username
        assert user.is_staff == (user.role == Role.CENTRAL_UNIT), user.username


def _admin_form(user: User, **changes) -> dict:
    """What the admin's change form posts for `user` as it stands, with `changes` applied."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "officer": user.officer_id or "",
        "borough": user.borough_id or "",
        "neighbourhood": user.neighbourhood_id or "",
        "partner_organisation": user.partner_organisation_id or "",
        "is_active": "on",
        "_save": "Save",
    }
    data.update({name: "" if value is None else value for name, value in changes.items()})
    return data


def _change(client, user: User, **changes):
    return client.post(f"/admin/accounts/user/{user.pk}/change/", _admin_form(user, **changes))


def test_a_central_user_demoted_in_the_admin_loses_the_admin(client_for, world):
    colleague = UserFactory(username="colleague", role=Role.CENTRAL_UNIT)
    client = client_for("central_unit")
    response = _change(client, colleague, role=Role.PANEL_MEMBER, neighbourhood=world.wards["a1"].pk)
    assert response.status_code == 302, response.content.decode()[:2000]
    colleague.refresh_from_db()
    assert colleague.role == Role.PANEL_MEMBER
    assert list(colleague.groups.values_list("name", flat=True)) == [ROLES[Role.PANEL_MEMBER].group_name]
    assert not colleague.is_staff
    client.force_login(colleague)
    assert client.get("/admin/").status_code == 302
    assert client.get(f"/admin/accounts/user/{colleague.pk}/change/").status_code == 302


def test_a_pc_given_the_central_role_in_the_admin_gets_the_central_group(client_for, world):
    pc = world.user("team_officer")
    response = _change(client_for("central_unit"), pc, role=Role.CENTRAL_UNIT)
    assert response.status_code == 302
    pc.refresh_from_db()
    assert list(pc.groups.values_list("name", flat=True)) == [ROLES[Role.CENTRAL_UNIT].group_name]
    assert pc.is_staff


def test_role_and_group_agree_for_every_user_after_admin_edits(client_for, world):
    client = client_for("central_unit")
    _change(client, world.user("team_officer"), role=Role.CENTRAL_UNIT)
    _change(client, world.user("analyst"), role=Role.BOROUGH_LEAD)
    _change(client, world.user("panel_member"), role=Role.ANALYST, borough=world.boroughs["b"].pk)
    _change(client, world.user("sergeant"), role=Role.PANEL_MEMBER, neighbourhood=world.wards["a2"].pk)
    added = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "new.inspector",
            "usable_password": "true",
            "password1": "a-long-new-password-2026",
            "password2": "a-long-new-password-2026",
            "role": Role.INSPECTOR,
            "officer": world.officers["inspector_b"].pk,
            "_save": "Save",
        },
    )
    assert added.status_code == 302, added.content.decode()[:2000]
    assert User.objects.get(username="new.inspector").groups.get().name == ROLES[Role.INSPECTOR].group_name
    assert_every_role_matches_its_group()


def test_a_role_without_its_anchor_is_refused_in_the_admin_naming_the_field(client_for, world):
    analyst = world.user("analyst")
    response = _change(client_for("central_unit"), analyst, role=Role.PANEL_MEMBER, neighbourhood=None)
    assert response.status_code == 200
    assert "A Ward panel member needs a neighbourhood." in response.content.decode()
    assert response.context["adminform"].form.errors.keys() == {"neighbourhood"}
    analyst.refresh_from_db()
    assert analyst.role == Role.ANALYST
    assert analyst.groups.get().name == ROLES[Role.ANALYST].group_name


def test_the_admin_cannot_set_groups_permissions_or_superuser(client_for, world):
    client = client_for("central_unit")
    panel = world.user("panel_member")
    page = client.get(f"/admin/accounts/user/{panel.pk}/change/").content.decode()
    for field in ("groups", "user_permissions", "is_superuser", "is_staff"):
        assert f'name="{field}"' not in page, field
    central_group = Group.objects.get(name=ROLES[Role.CENTRAL_UNIT].group_name)
    use_admin = Permission.objects.get(codename="use_admin")
    _change(
        client,
        panel,
        groups=central_group.pk,
        user_permissions=use_admin.pk,
        is_superuser="on",
        is_staff="on",
    )
    panel.refresh_from_db()
    assert panel.groups.get().name == ROLES[Role.PANEL_MEMBER].group_name
    assert not panel.user_permissions.exists() and not panel.is_superuser and not panel.is_staff


def test_setting_a_role_drops_superuser_and_direct_permissions(world):
    user = world.user("analyst")
    user.is_superuser = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="use_admin"))
    user_set_role(user=user, role=Role.BOROUGH_LEAD)
    assert_every_role_matches_its_group()


def test_the_set_role_command_goes_through_the_service(world):
    call_command("user-set-role", "panel_member", "analyst", "--borough", world.boroughs["b"].code)
    user = User.objects.get(username="panel_member")
    assert user.role == Role.ANALYST and user.borough == world.boroughs["b"]
    assert_every_role_matches_its_group()


def test_the_set_role_command_names_a_missing_anchor_and_changes_nothing(world):
    with pytest.raises(CommandError, match="borough"):
        call_command("user-set-role", "panel_member", "analyst")
    assert User.objects.get(username="panel_member").role == Role.PANEL_MEMBER
    with pytest.raises(CommandError, match="No user"):
        call_command("user-set-role", "nobody", "analyst", "--borough", world.boroughs["b"].code)
