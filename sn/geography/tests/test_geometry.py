import math

import pytest
from shapely.geometry import MultiPolygon, box, mapping

from sn.geography.geometry import GeometryError, area_hectares, neighbour_pairs, parse_area

SIZE = 0.01  # degrees: about 690 m east-west and 1,110 m north-south in London


def square(col: int, row: int = 0, lng: float = -0.20, lat: float = 51.50):
    return box(lng + col * SIZE, lat + row * SIZE, lng + (col + 1) * SIZE, lat + (row + 1) * SIZE)


def polygon(*ring) -> dict:
    return {"type": "Polygon", "coordinates": [list(ring)]}


BOW_TIE = polygon([0, 51], [1, 52], [1, 51], [0, 52], [0, 51])


def parse_error(geometry) -> str:
    with pytest.raises(GeometryError) as error:
        parse_area(geometry)
    return str(error.value)


def test_a_polygon_is_read_as_a_multipolygon_of_one_part():
    area = parse_area(mapping(square(0)))
    assert isinstance(area, MultiPolygon)
    assert len(area.geoms) == 1
    assert area.equals(square(0))


def test_a_multipolygon_keeps_all_its_parts():
    area = parse_area(mapping(MultiPolygon([square(0), square(2)])))
    assert len(area.geoms) == 2


@pytest.mark.parametrize("geometry", [None, {}], ids=["null", "empty object"])
def test_no_geometry_is_missing_geometry(geometry):
    assert parse_error(geometry) == "missing geometry"


def test_a_point_is_not_an_area():
    message = parse_error({"type": "Point", "coordinates": [-0.1, 51.5]})
    assert message == "geometry type 'Point' is not a Polygon or MultiPolygon"


def test_a_self_intersecting_bow_tie_is_invalid_and_says_where():
    assert parse_error(BOW_TIE) == "invalid geometry: Self-intersection[0.5 51.5]"


def test_a_ring_of_three_points_is_invalid():
    message = parse_error(polygon([0, 51], [1, 51], [0, 51]))
    assert message == "invalid geometry: Too few points in geometry component[0 51]"


def test_coordinates_nested_too_shallow_are_unreadable():
    message = parse_error({"type": "Polygon", "coordinates": [[0, 51], [1, 51], [1, 52], [0, 51]]})
    assert message.startswith("unreadable coordinates (")


def test_a_polygon_with_no_rings_is_empty():
    assert parse_error({"type": "Polygon", "coordinates": []}) == "empty geometry"


def test_british_national_grid_coordinates_are_refused_as_not_wgs84():
    metres = polygon([530000, 180000], [531000, 180000], [531000, 181000], [530000, 180000])
    assert parse_error(metres) == "coordinates are not longitude/latitude in WGS84"


def test_a_polygon_without_coordinates_is_reported_not_a_crash():
    assert parse_error({"type": "Polygon"}).startswith("unreadable coordinates")


def true_area_hectares(south: float, west: float, north: float, east: float) -> float:
    """Area of a small lng/lat box on the WGS84 ellipsoid: M dφ times N cos φ dλ at the middle latitude."""
    a, e2 = 6_378_137.0, 0.006_694_379_990_14
    phi = math.radians((south + north) / 2)
    w = 1 - e2 * math.sin(phi) ** 2
    meridian_radius = a * (1 - e2) / w**1.5
    normal_radius = a / math.sqrt(w)
    height = meridian_radius * math.radians(north - south)
    width = normal_radius * math.cos(phi) * math.radians(east - west)
    return height * width / 10_000


def test_a_hundredth_of_a_degree_square_in_london_is_about_77_hectares_within_one_percent():
    area = square(0)
    expected = true_area_hectares(51.50, -0.20, 51.51, -0.19)
    assert expected == pytest.approx(77.25, abs=0.01)  # 1,112.6 m by 694.3 m
    assert area_hectares(area) == pytest.approx(expected, rel=0.01)


def test_area_does_not_depend_on_longitude():
    assert area_hectares(square(0, lng=-0.5)) == pytest.approx(area_hectares(square(0, lng=0.3)))


def test_squares_sharing_an_edge_are_neighbours_and_squares_touching_at_a_corner_are_not():
    # 2 3
    # 0 1
    squares = [square(0, 0), square(1, 0), square(0, 1), square(1, 1)]
    assert sorted(neighbour_pairs(squares)) == [(0, 1), (0, 2), (1, 3), (2, 3)]


def test_squares_a_few_metres_apart_are_still_neighbours():
    gap = 0.00002  # about 1.5 m: boundaries from different sources rarely coincide exactly
    apart = box(-0.19 + gap, 51.50, -0.18 + gap, 51.51)
    assert neighbour_pairs([square(0), apart]) == [(0, 1)]


def test_squares_sharing_only_a_few_metres_of_edge_are_not_neighbours():
    shifted = box(-0.19, 51.51 - 0.00005, -0.18, 51.52 - 0.00005)  # shares about 5 m of edge
    assert neighbour_pairs([square(0), shifted]) == []


def test_a_small_area_laid_over_a_square_is_its_neighbour():
    town_centre = box(-0.197, 51.503, -0.193, 51.507)
    assert neighbour_pairs([square(0), town_centre, square(2)]) == [(0, 1)]
