import pytest
from django.contrib.auth.models import Group

from sn.accounts.models import AccessGrant
from sn.accounts.tests.factories import (
    OFFICER_RANK,
    PASSWORD,
    AccessGrantFactory,
    PartnerOrganisationFactory,
    UserFactory,
)
from sn.core.roles import ROLES, Role
from sn.geography.tests.factories import BoroughFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("factory_class", [PartnerOrganisationFactory, UserFactory, AccessGrantFactory])
def test_each_factory_builds_a_valid_saved_record(factory_class):
    record = factory_class()
    record.refresh_from_db()
    record.full_clean()


def test_a_user_is_a_ward_panel_member_unless_told_otherwise():
    user = UserFactory()
    assert user.role == Role.PANEL_MEMBER
    assert user.neighbourhood is not None


@pytest.mark.parametrize("role", list(Role))
def test_a_user_has_exactly_the_permissions_of_the_group_of_their_role(role):
    user = UserFactory(role=role)
    group = Group.objects.get(name=ROLES[role].group_name)
    assert list(user.groups.all()) == [group]
    assert not user.user_permissions.exists()
    granted = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
    assert user.get_all_permissions() == granted


@pytest.mark.parametrize("role", [role for role in Role if ROLES[role].anchor])
def test_a_user_of_an_anchored_role_gets_a_new_anchor(role):
    user = UserFactory(role=role)
    assert getattr(user, ROLES[role].anchor) is not None


@pytest.mark.parametrize("role", list(OFFICER_RANK))
def test_an_officer_user_is_their_own_officer_record_of_the_rank_of_their_role(role):
    user = UserFactory(role=role)
    assert user.officer.rank == OFFICER_RANK[role]
    assert user.officer.full_name == user.get_full_name()


def test_a_user_keeps_the_anchor_the_test_gives():
    borough = BoroughFactory()
    assert UserFactory(role=Role.ANALYST, borough=borough).borough == borough


def test_a_user_signs_in_with_the_test_password(client):
    user = UserFactory()
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_built_user_is_not_saved_but_has_a_password():
    user = UserFactory.build()
    assert user.pk is None
    assert user.check_password(PASSWORD)


def test_a_partner_organisation_works_in_the_boroughs_it_is_given():
    borough = BoroughFactory()
    assert list(PartnerOrganisationFactory(boroughs=[borough]).boroughs.all()) == [borough]
    assert not PartnerOrganisationFactory().boroughs.exists()


def test_an_access_grant_is_active_from_today():
    grant = AccessGrantFactory()
    assert list(AccessGrant.objects.active(grant.starts_on)) == [grant]


def test_a_partner_organisation_of_another_kind_is_named_for_it():
    assert "Housing provider" in PartnerOrganisationFactory(kind="housing").name
