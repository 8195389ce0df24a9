"""Factories for officers, teams, postings and the establishment model."""

import re
from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from sn.core.tests.factories import fake
from sn.geography.tests.factories import NeighbourhoodFactory
from sn.teams.models import EstablishmentPolicy, Officer, Posting, Rank, Team


def work_email(first_name: str, last_name: str) -> str:
    local = re.sub(r"[^a-z.]", "", f"{first_name}.{last_name}".lower())
    return f"{local}@police.example"


class OfficerFactory(DjangoModelFactory):
    """A PC unless told otherwise: `OfficerFactory(rank=Rank.SERGEANT)`."""

    class Meta:
        model = Officer

    first_name = fake("first_name")
    last_name = fake("last_name")
    # The world's collar numbers end in XX; these end in SN, so the two never meet.
    collar_number = factory.Sequence(lambda n: f"{n:05d}SN")
    rank = Rank.PC
    email = factory.LazyAttribute(lambda o: work_email(o.first_name, o.last_name))
    phone = fake("phone_number")


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    name = factory.LazyAttribute(lambda o: f"{o.neighbourhood.name} SNT")


class PostingFactory(DjangoModelFactory):
    """A current posting (started in the last few years, not ended) of a new PC to a new team; name
    the officer's rank with `officer__rank=Rank.PCSO`."""

    class Meta:
        model = Posting

    officer = factory.SubFactory(OfficerFactory)
    team = factory.SubFactory(TeamFactory)
    start_date = fake("date_between", start_date="-5y", end_date="-1y")
    end_date = None


class EstablishmentPolicyFactory(DjangoModelFactory):
    """The standard model of the force (1-2-3 below 14,000 people, 1-2-6 from there), each policy
    starting a day after the one before."""

    class Meta:
        model = EstablishmentPolicy

    effective_from = factory.Sequence(lambda n: date(2000, 1, 1) + timedelta(days=n))
    note = "The establishment of the Safer Neighbourhoods programme"
