import itertools
import json

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
    # 0.01 degrees square near London: about 1.11 km north-south by 0.69 km east-west.
    assert ward.area_hectares == pytest.approx(77, rel=0.02)


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
