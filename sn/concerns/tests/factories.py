"""Factories for concerns. A concern has no point unless a test gives one, so that it never needs a ward
under it; the world's wards are the squares of sn.geography.tests.factories.square()."""

import datetime

import factory
from factory.django import DjangoModelFactory

from sn.concerns.models import Channel, Concern
from sn.concerns.taxonomy import Topic
from sn.geography.tests.factories import NeighbourhoodFactory


class ConcernFactory(DjangoModelFactory):
    class Meta:
        model = Concern

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    raised_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))
    channel = Channel.FEEDBACK
    topic = Topic.ASB_YOUTHS
    description = factory.Sequence(lambda n: f"Concern number {n} about the estate")
    location = ""
    source = ""
