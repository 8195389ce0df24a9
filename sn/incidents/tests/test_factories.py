import json

import pytest
from shapely.geometry import Point

from sn.geography.geometry import parse_area
from sn.incidents.tests.factories import (
    ImportRunFactory,
    IncidentFactory,
    IncidentMonthlyFactory,
    StopSearchFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory_class", [IncidentFactory, IncidentMonthlyFactory, StopSearchFactory, ImportRunFactory]
)
def test_each_factory_builds_a_valid_saved_record(factory_class):
    record = factory_class()
    record.refresh_from_db()
    record.full_clean()


@pytest.mark.parametrize("factory_class", [IncidentFactory, StopSearchFactory])
def test_a_record_lies_inside_its_neighbourhood(factory_class):
    record = factory_class()
    boundary = parse_area(json.loads(record.neighbourhood.boundary))
    assert boundary.contains(Point(record.longitude, record.latitude))


@pytest.mark.parametrize("factory_class", [IncidentFactory, IncidentMonthlyFactory])
def test_a_month_is_the_first_day_of_a_month(factory_class):
    assert factory_class().month.day == 1


def test_an_incident_is_reported_by_the_force_of_its_neighbourhood():
    incident = IncidentFactory()
    assert incident.reported_by == incident.falls_within == incident.neighbourhood.borough.force.name
