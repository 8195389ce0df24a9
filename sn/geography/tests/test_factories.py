import itertools
import json
import math

import pytest
from shapely.geometry import Point

from sn.geography.geometry import from_geojson_text, parse_area
from sn.geography.models import Neighbourhood
from sn.geography.tests.factories import BoroughFactory, ClusterFactory, ForceFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory_class", [ForceFactory, BoroughFactory, ClusterFactory, NeighbourhoodFactory]
)
def test_each_factory_builds_a_valid_saved_record(factory_class):
    record = factory_class()
    record.refresh_from_db()
    record.full_clean()


def test_a_neighbourhood_is_measured_from_its_valid_square_boundary():
    ward = NeighbourhoodFactory()
    boundary = parse_area(json.loads(ward.boundary))
    assert parse_area(json.loads(ward.display_boundary)).equals(boundary)
    assert boundary.contains(Point(ward.centroid_lng, ward.centroid_lat))
    # A 0.01 degree square: about 1.11 km north-south by 1.11 km x cos(latitude) east-west (0.69 km at
    # London's). The factory's squares move north as a test run makes more of them, so the expected area
    # follows the square's own latitude (a fixed 77 ha failed once a long run had made thousands).
    north_south_km = 0.01 * 111.2
    east_west_km = 0.01 * 111.32 * math.cos(math.radians(ward.centroid_lat))
    assert ward.area_hectares == pytest.approx(north_south_km * east_west_km * 100, rel=0.01)


def test_a_neighbourhood_lies_in_a_cluster_of_its_own_borough():
    ward = NeighbourhoodFactory()
    assert ward.cluster.borough == ward.borough
    assert ward.is_ward


def test_areas_made_by_factories_overlap_neither_each_other_nor_the_world(world):
    NeighbourhoodFactory.create_batch(3)
    boundaries = [
        from_geojson_text(text) for text in Neighbourhood.objects.values_list("boundary", flat=True)
    ]
    assert len(boundaries) == 8 + 3
    for one, other in itertools.combinations(boundaries, 2):
        assert one.intersection(other).area == 0
