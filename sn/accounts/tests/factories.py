"""Factories for users and partner organisations.

A user's permissions come only from the group of their role, so UserFactory never touches groups: it
creates the user through the accounts service (`user_create`), which gives the role, its group and its
anchor together. For a role anchored to something (an officer, a borough, a ward, an organisation) the
factory makes the anchor too, unless the test passes one.
"""

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from sn.accounts.models import AccessGrant, PartnerOrganisation, User
from sn.accounts.services import roles_sync, user_create
from sn.core.roles import ROLES, Role
from sn.core.tests.factories import fake
from sn.geography.tests.factories import BoroughFactory, NeighbourhoodFactory
from sn.teams.models import Rank
from sn.teams.tests.factories import OfficerFactory

PASSWORD = "a-long-test-password-2026"

# The rank of the officer record that anchors each officer role.
OFFICER_RANK = {Role.TEAM_OFFICER: Rank.PC, Role.SERGEANT: Rank.SERGEANT, Role.INSPECTOR: Rank.INSPECTOR}


class PartnerOrganisationFactory(DjangoModelFactory):
    """A council working in no borough yet: `PartnerOrganisationFactory(boroughs=[borough])`."""

    class Meta:
        model = PartnerOrganisation
        skip_postgeneration_save = True

    class Params:
        place = fake("city")

    kind = PartnerOrganisation.Kind.COUNCIL
    name = factory.LazyAttributeSequence(
        lambda o, n: f"{o.place} {PartnerOrganisation.Kind(o.kind).label} {n}"
    )

    @factory.post_generation
    def boroughs(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.boroughs.set(extracted)


def anchor_of(role: Role) -> str | None:
    return ROLES[Role(role)].anchor


def anchor(name: str, declaration) -> factory.Maybe:
    """`declaration` when the user's role is anchored by the field `name`, else nothing."""
    return factory.Maybe(
        factory.LazyAttribute(lambda o: anchor_of(o.role) == name),
        yes_declaration=declaration,
        no_declaration=None,
    )


class UserFactory(DjangoModelFactory):
    """A ward panel member (the narrowest role) of a new ward unless told otherwise, for example
    `UserFactory(role=Role.SERGEANT)` (with a new sergeant's officer record) or
    `UserFactory(role=Role.ANALYST, borough=borough)`. Signs in with PASSWORD."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    password = PASSWORD
    first_name = fake("first_name")
    last_name = fake("last_name")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    role = Role.PANEL_MEMBER
    officer = anchor(
        "officer",
        factory.SubFactory(
            OfficerFactory,
            first_name=factory.SelfAttribute("..first_name"),
            last_name=factory.SelfAttribute("..last_name"),
            rank=factory.LazyAttribute(lambda o: OFFICER_RANK[Role(o.factory_parent.role)]),
        ),
    )
    borough = anchor("borough", factory.SubFactory(BoroughFactory))
    neighbourhood = anchor("neighbourhood", factory.SubFactory(NeighbourhoodFactory))
    partner_organisation = anchor("partner_organisation", factory.SubFactory(PartnerOrganisationFactory))

    @classmethod
    def _create(cls, model_class, *, role: Role, **fields) -> User:
        if not Group.objects.filter(name=ROLES[Role(role)].group_name).exists():
            roles_sync()
        anchors_and_fields = {name: value for name, value in fields.items() if value is not None}
        return user_create(role=role, **anchors_and_fields)

    @classmethod
    def _build(cls, model_class, *, password: str, **fields) -> User:
        user = model_class(**fields)
        user.set_password(password)
        return user


class AccessGrantFactory(DjangoModelFactory):
    """A new user lent to a new ward from today, with no end date. A grant names either a ward or one
    record (`neighbourhood=None, record_label="teams.team", record_id=team.pk`)."""

    class Meta:
        model = AccessGrant

    user = factory.SubFactory(UserFactory)
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    starts_on = factory.LazyFunction(timezone.localdate)
    ends_on = None
    reason = "Lent to the team while it is short of officers"
