"""Factories for the ward profile. A key location or recurring event is placed at its ward's centroid
(inside it, since the factories' wards are squares), and names avoid apostrophes so that raw-HTML
asserts read them as written."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from sn.geography.tests.factories import NeighbourhoodFactory
from sn.profiles.models import DemographicFigure, KeyLocation, RecurringEvent


class DemographicFigureFactory(DjangoModelFactory):
    class Meta:
        model = DemographicFigure

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    measure = "age"
    category = factory.Sequence(lambda n: f"Band {n}")
    position = factory.Sequence(int)
    value = Decimal(1000)
    source = "ONS Census 2021"
    year = 2021


class KeyLocationFactory(DjangoModelFactory):
    class Meta:
        model = KeyLocation

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    kind = KeyLocation.Kind.SCHOOL
    name = factory.Sequence(lambda n: f"Oakfield Primary School {n}")
    address = "Oak Road"
    description = "Closing time brings crowds to the bus stop."
    latitude = factory.LazyAttribute(lambda o: o.neighbourhood.centroid_lat)
    longitude = factory.LazyAttribute(lambda o: o.neighbourhood.centroid_lng)


class RecurringEventFactory(DjangoModelFactory):
    class Meta:
        model = RecurringEvent

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    kind = RecurringEvent.Kind.MARKET
    name = factory.Sequence(lambda n: f"Saturday Market {n}")
    schedule = "Every Saturday, 8am to 4pm"
    next_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=5))
    location = "High Street"
    latitude = factory.LazyAttribute(lambda o: o.neighbourhood.centroid_lat)
    longitude = factory.LazyAttribute(lambda o: o.neighbourhood.centroid_lng)
