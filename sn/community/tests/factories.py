"""Factories for the Key Individual Network and contacts. Members and contacts are made with the first
version of the consent wording (created by the migration, or here when a test flushed it), no point on
the map unless a test gives one, and dates a year or so back so that nobody is overdue by accident."""

import datetime

import factory
from factory.django import DjangoModelFactory

from sn.community.models import ConsentMethod, ConsentWording, Contact, KinInterview, KinMember
from sn.core.tests.factories import fake
from sn.geography.tests.factories import NeighbourhoodFactory
from sn.teams.tests.factories import OfficerFactory


def wording(purpose: str) -> ConsentWording:
    found, _ = ConsentWording.objects.get_or_create(
        purpose=purpose,
        version=1,
        defaults={"text": f"Test wording for {purpose}", "in_use_from": datetime.date(2008, 4, 1)},
    )
    return found


def days_ago(days: int) -> datetime.date:
    return datetime.date.today() - datetime.timedelta(days=days)


class KinMemberFactory(DjangoModelFactory):
    class Meta:
        model = KinMember

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    # Plain names: Faker's O'Connor would need escaping in raw-HTML asserts.
    name = factory.Sequence(lambda n: f"Member Person{n}")
    phone = fake("phone_number")
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    address = fake("address")
    street = "High Street"
    role = KinMember.Role.BUSINESS
    role_detail = "Runs the corner shop"
    joined_on = factory.LazyFunction(lambda: days_ago(400))
    last_interviewed_on = factory.LazyFunction(lambda: days_ago(30))
    consent_wording = factory.LazyFunction(lambda: wording(ConsentWording.Purpose.KIN))
    consent_given_on = factory.LazyAttribute(lambda o: o.joined_on)
    consent_method = ConsentMethod.SIGNED


class KinInterviewFactory(DjangoModelFactory):
    class Meta:
        model = KinInterview

    member = factory.SubFactory(KinMemberFactory)
    neighbourhood = factory.LazyAttribute(lambda o: o.member.neighbourhood)
    interviewed_on = factory.LazyFunction(lambda: days_ago(30))
    month = factory.LazyAttribute(lambda o: o.interviewed_on.replace(day=1))
    officer = factory.SubFactory(OfficerFactory)
    method = KinInterview.Method.IN_PERSON
    notes = "Talked about the parade"


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    kind = Contact.Kind.PERSON
    name = factory.Sequence(lambda n: f"Contact Person{n}")
    phone = fake("phone_number")
    email = factory.Sequence(lambda n: f"contact{n}@example.org")
    organisation = "Friends of the Park"
    topics = factory.LazyFunction(lambda: ["asb-rowdy-youths"])
    interests = "Gardening"
    consent_wording = factory.LazyFunction(lambda: wording(ConsentWording.Purpose.CONTACT))
    consent_given_on = factory.LazyFunction(lambda: days_ago(300))
    consent_method = ConsentMethod.EMAIL
    last_contacted_on = factory.LazyFunction(lambda: days_ago(60))
