"""Factories for police.uk incidents, their monthly rollup, stops and searches, and import runs.

Records are placed at the middle of their neighbourhood and attributed to its force, as an import
would place them.
"""

import hashlib
from datetime import UTC

import factory
from factory.django import DjangoModelFactory

from sn.core.tests.factories import fake
from sn.geography.tests.factories import NeighbourhoodFactory
from sn.incidents.categories import Category
from sn.incidents.models import ImportRun, Incident, IncidentMonthly, StopSearch


def sha256_of(n: int) -> str:
    """A 64-character hexadecimal key, shaped like a police.uk Crime ID or a file's checksum."""
    return hashlib.sha256(f"factory-{n}".encode()).hexdigest()


class IncidentFactory(DjangoModelFactory):
    """A burglary recorded in a new ward in a month of the last three years."""

    class Meta:
        model = Incident

    class Params:
        day = fake("date_between", start_date="-3y", end_date="-1M")
        street = fake("street_name")

    source_key = factory.Sequence(sha256_of)
    crime_id = factory.SelfAttribute("source_key")
    month = factory.LazyAttribute(lambda o: o.day.replace(day=1))
    category = Category.BURGLARY
    reported_by = factory.LazyAttribute(lambda o: o.neighbourhood.borough.force.name)
    falls_within = factory.SelfAttribute("reported_by")
    longitude = factory.LazyAttribute(lambda o: o.neighbourhood.centroid_lng)
    latitude = factory.LazyAttribute(lambda o: o.neighbourhood.centroid_lat)
    location = factory.LazyAttribute(lambda o: f"On or near {o.street}")
    last_outcome_category = "Investigation complete; no suspect identified"
    last_outcome_month = factory.SelfAttribute("month")
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)


class IncidentMonthlyFactory(DjangoModelFactory):
    """The count of anti-social behaviour in a new ward in one month."""

    class Meta:
        model = IncidentMonthly

    class Params:
        day = fake("date_between", start_date="-3y", end_date="-1M")

    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    month = factory.LazyAttribute(lambda o: o.day.replace(day=1))
    category = Category.ANTI_SOCIAL_BEHAVIOUR
    count = fake("random_int", min=0, max=60)


class StopSearchFactory(DjangoModelFactory):
    """A search for drugs of a person in a new ward, with no further action."""

    class Meta:
        model = StopSearch

    source_key = factory.Sequence(sha256_of)
    type = "Person search"
    occurred_at = fake("date_time_between", start_date="-2y", end_date="-1d", tzinfo=UTC)
    part_of_policing_operation = False
    latitude = factory.LazyAttribute(lambda o: o.neighbourhood.centroid_lat)
    longitude = factory.LazyAttribute(lambda o: o.neighbourhood.centroid_lng)
    gender = fake("random_element", elements=("Male", "Female"))
    age_range = fake("random_element", elements=("10-17", "18-24", "25-34", "over 34"))
    officer_defined_ethnicity = fake("random_element", elements=("Asian", "Black", "Other", "White"))
    legislation = "Misuse of Drugs Act 1971 (section 23)"
    object_of_search = "Controlled drugs"
    outcome = "A no further action disposal"
    outcome_linked_to_object = False
    removal_of_clothing = False
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)


class ImportRunFactory(DjangoModelFactory):
    """A street-level crime file imported by the system (no actor)."""

    class Meta:
        model = ImportRun

    class Params:
        day = fake("date_between", start_date="-3y", end_date="-1M")

    file_name = factory.LazyAttribute(lambda o: f"{o.day:%Y-%m}-metropolitan-street.csv")
    sha256 = factory.Sequence(sha256_of)
    kind = ImportRun.Kind.STREET
    status = ImportRun.Status.IMPORTED
    rows_read = fake("random_int", min=1_000, max=90_000)
    imported = factory.SelfAttribute("rows_read")
    seconds = fake("pyfloat", min_value=0.5, max_value=30)
