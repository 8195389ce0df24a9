"""Locating points: properties of Locator over a grid of squares, then the cached locator on the test force.

The layout is a grid of square areas with one small area laid inside one square (a town-centre team
inside a ward): where areas overlap, `locate_many` gives the smallest containing area and
`locate_every` gives them all. (The force keeps wards and overlays in separate locators:
test_non_ward.py.)
"""

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import Point, box

from sn.geography import locate as locate_module
from sn.geography.geometry import to_geojson
from sn.geography.locate import NOT_FOUND, Locator, locate
from sn.geography.tests.factories import ORIGIN_LAT, ORIGIN_LNG, SIZE, square

SMALL_ID = 10_000
EDGE_MARGIN = 1e-9
# Far fewer cells than the production 512, which take half a second to build; uneven counts put cell
# edges across the squares instead of along them.
GRID_CELLS = st.sampled_from([2, 3, 7, 16, 41])


@dataclass(frozen=True)
class Layout:
    cols: int
    rows: int
    size: float
    lng: float
    lat: float
    holes: frozenset[tuple[int, int]]  # squares left out, as the City of London is from the Met
    small: tuple[float, float, float, float]  # west, south, east, north: inside one square

    def edges(self, col: int, row: int) -> tuple[float, float, float, float]:
        # Computed the same way for both squares either side of an edge, so shared edges coincide exactly.
        return (
            self.lng + col * self.size,
            self.lat + row * self.size,
            self.lng + (col + 1) * self.size,
            self.lat + (row + 1) * self.size,
        )

    @property
    def squares(self) -> list[tuple[int, int]]:
        every = [(col, row) for row in range(self.rows) for col in range(self.cols)]
        return [square for square in every if square not in self.holes]

    def square_id(self, col: int, row: int) -> int:
        return 1 + row * self.cols + col

    def locator(self, grid_cells: int) -> Locator:
        ids = [self.square_id(col, row) for col, row in self.squares] + [SMALL_ID]
        geometries = [box(*self.edges(col, row)) for col, row in self.squares] + [box(*self.small)]
        return Locator.build(ids, geometries, grid_cells=grid_cells)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        cols, rows = [col for col, _ in self.squares], [row for _, row in self.squares]
        return (*self.edges(min(cols), min(rows))[:2], *self.edges(max(cols), max(rows))[2:])


def margin(lng: float, lat: float, west: float, south: float, east: float, north: float) -> float:
    """How far inside the box the point is (negative outside)."""
    return min(lng - west, east - lng, lat - south, north - lat)


@st.composite
def layouts(draw) -> Layout:
    cols, rows = draw(st.integers(1, 5)), draw(st.integers(1, 5))
    size = draw(st.one_of(st.sampled_from([0.001, 0.0137, 0.05]), st.floats(0.001, 0.05)))
    lng = draw(st.floats(-0.55, 0.3))
    lat = draw(st.floats(51.25, 51.7))
    home = (draw(st.integers(0, cols - 1)), draw(st.integers(0, rows - 1)))
    squares = st.tuples(st.integers(0, cols - 1), st.integers(0, rows - 1))
    holes = frozenset(draw(st.sets(squares, max_size=cols * rows // 2)) - {home})
    west, south, _, _ = Layout(cols, rows, size, lng, lat, holes, small=(0, 0, 0, 0)).edges(*home)
    # The small area's west and south sides at 5-60% across its square, its width and height 5-30%.
    a, b = draw(st.floats(0.05, 0.6)), draw(st.floats(0.05, 0.6))
    width, height = draw(st.floats(0.05, 0.3)), draw(st.floats(0.05, 0.3))
    small = (west + a * size, south + b * size, west + (a + width) * size, south + (b + height) * size)
    return Layout(cols, rows, size, lng, lat, holes, small)


def points_in(area: tuple[float, float, float, float]):
    """Points inside a box, not within EDGE_MARGIN of its edges."""

    def place(across: float, up: float) -> tuple[float, float]:
        west, south, east, north = area
        return west + across * (east - west), south + up * (north - south)

    inside = st.builds(place, st.floats(0, 1), st.floats(0, 1))
    return inside.filter(lambda point: margin(*point, *area) > EDGE_MARGIN)


def square_points(layout: Layout):
    """Points strictly inside one square, not within EDGE_MARGIN of any edge, with the area each is in."""

    def expected(square: tuple[int, int]):
        in_square = points_in(layout.edges(*square))
        clear = in_square.filter(lambda point: abs(margin(*point, *layout.small)) > EDGE_MARGIN)
        return clear.map(
            lambda point: (
                *point,
                SMALL_ID if margin(*point, *layout.small) > 0 else layout.square_id(*square),
            )
        )

    return st.sampled_from(layout.squares).flatmap(expected)


def small_area_points(layout: Layout):
    return points_in(layout.small).map(lambda point: (*point, SMALL_ID))


@st.composite
def outside_points(draw, layout: Layout) -> tuple[float, float]:
    west, south, east, north = layout.bounds
    beyond = draw(st.floats(2 * EDGE_MARGIN, 1.0))
    along = draw(st.floats(0, 1))
    side = draw(st.sampled_from(["west", "east", "south", "north"]))
    if side in {"west", "east"}:
        lng = west - beyond if side == "west" else east + beyond
        return lng, south + along * (north - south)
    lat = south - beyond if side == "south" else north + beyond
    return west + along * (east - west), lat


@st.composite
def any_points(draw, layout: Layout) -> list[tuple[float, float]]:
    """Points anywhere in and around the layout, including exactly on shared edges and corners."""
    west, south, east, north = layout.bounds
    grid_lngs = [layout.edges(col, 0)[0] for col in range(layout.cols + 1)]
    grid_lats = [layout.edges(0, row)[1] for row in range(layout.rows + 1)]
    on_lines_lng = [*grid_lngs, layout.small[0], layout.small[2]]
    on_lines_lat = [*grid_lats, layout.small[1], layout.small[3]]
    lng = st.one_of(st.floats(west - layout.size, east + layout.size), st.sampled_from(on_lines_lng))
    lat = st.one_of(st.floats(south - layout.size, north + layout.size), st.sampled_from(on_lines_lat))
    return draw(st.lists(st.tuples(lng, lat), min_size=1, max_size=60))


def locate_all(locator: Locator, points) -> np.ndarray:
    lngs, lats = np.array([p[0] for p in points]), np.array([p[1] for p in points])
    return locator.locate_many(lats, lngs)


@given(st.data(), layouts(), GRID_CELLS)
def test_a_point_inside_a_square_is_located_to_that_square_or_to_the_small_area_inside_it(
    data, layout, cells
):
    locator = layout.locator(cells)
    points = st.one_of(square_points(layout), small_area_points(layout))
    for lng, lat, expected in data.draw(st.lists(points, min_size=1, max_size=20)):
        assert locator.locate(lat, lng) == expected


@given(st.data(), layouts().filter(lambda layout: layout.holes), GRID_CELLS)
def test_a_point_in_a_hole_among_the_areas_is_not_found(data, layout, cells):
    in_holes = st.sampled_from(sorted(layout.holes)).flatmap(lambda hole: points_in(layout.edges(*hole)))
    points = data.draw(st.lists(in_holes, min_size=1, max_size=20))
    assert (locate_all(layout.locator(cells), points) == NOT_FOUND).all()


@given(st.data(), layouts(), GRID_CELLS)
def test_a_point_outside_the_bounds_is_not_found(data, layout, cells):
    points = data.draw(st.lists(outside_points(layout), min_size=1, max_size=20))
    locator = layout.locator(cells)
    assert (locate_all(locator, points) == NOT_FOUND).all()
    assert all(locator.locate(lat, lng) is None for lng, lat in points)


@given(st.data(), layouts(), GRID_CELLS)
def test_locating_a_batch_agrees_with_locating_each_point_alone(data, layout, cells):
    points = data.draw(any_points(layout))
    locator = layout.locator(cells)
    alone = [locator.locate(lat, lng) for lng, lat in points]
    assert [None if found == NOT_FOUND else found for found in locate_all(locator, points)] == alone


@given(st.data(), layouts(), GRID_CELLS)
def test_the_answers_do_not_depend_on_the_order_of_the_batch(data, layout, cells):
    points = data.draw(any_points(layout))
    order = data.draw(st.permutations(range(len(points))))
    locator = layout.locator(cells)
    assert (locate_all(locator, [points[i] for i in order]) == locate_all(locator, points)[order]).all()


@given(st.data(), layouts(), GRID_CELLS)
def test_the_grid_gives_the_same_answers_as_the_tree_alone(data, layout, cells):
    # Points exactly on every edge, shared or outer, are included.
    points = data.draw(any_points(layout))
    # One cell overlapping every area is never owned by one area, so every point goes to the tree.
    tree_only = layout.locator(grid_cells=1)
    assert (tree_only.grid == locate_module.MIXED).all()
    assert (locate_all(layout.locator(cells), points) == locate_all(tree_only, points)).all()


@given(st.data(), layouts(), GRID_CELLS)
def test_locating_every_area_finds_each_area_containing_each_point(data, layout, cells):
    # Points exactly on every edge, shared or outer, are included: a point on a shared edge is in both.
    points = data.draw(any_points(layout))
    locator = layout.locator(cells)
    point_idx, ids = locator.locate_every(np.array([p[1] for p in points]), np.array([p[0] for p in points]))
    found = sorted(zip(point_idx.tolist(), ids.tolist(), strict=True))
    expected = sorted(
        (i, int(area_id))
        for i, (lng, lat) in enumerate(points)
        for area_id, geometry in zip(locator.ids, locator.geometries, strict=True)
        if geometry.intersects(Point(lng, lat))
    )
    assert found == expected


@given(st.data(), layouts(), GRID_CELLS)
def test_the_smallest_area_locate_many_gives_is_one_of_those_locate_every_gives(data, layout, cells):
    points = data.draw(any_points(layout))
    locator = layout.locator(cells)
    lats, lngs = np.array([p[1] for p in points]), np.array([p[0] for p in points])
    point_idx, ids = locator.locate_every(lats, lngs)
    every = {(i, area_id) for i, area_id in zip(point_idx.tolist(), ids.tolist(), strict=True)}
    for i, area_id in enumerate(locator.locate_many(lats, lngs).tolist()):
        if area_id == NOT_FOUND:
            assert i not in set(point_idx.tolist())
        else:
            assert (i, area_id) in every


@settings(max_examples=3)  # building the 512 x 512 grid takes about half a second
@given(layouts())
def test_the_production_grid_gives_the_same_answers_as_the_tree_alone(layout):
    west, south, east, north = layout.bounds
    lngs = np.linspace(west - layout.size, east + layout.size, 97)
    lats = np.linspace(south - layout.size, north + layout.size, 89)
    points = [(lng, lat) for lng in lngs for lat in lats if lng != east and lat != north]
    assert (
        locate_all(layout.locator(locate_module.GRID_CELLS), points)
        == locate_all(layout.locator(grid_cells=1), points)
    ).all()


@pytest.mark.parametrize("cells", [1, locate_module.GRID_CELLS])
def test_a_point_on_the_east_or_north_edge_is_found_like_one_on_the_west_or_south_edge(cells):
    locator = Locator.build([1], [box(-0.20, 51.50, -0.19, 51.51)], grid_cells=cells)
    assert locator.locate(51.505, -0.20) == 1  # west edge
    assert locator.locate(51.50, -0.195) == 1  # south edge
    assert locator.locate(51.505, -0.19) == 1  # east edge
    assert locator.locate(51.51, -0.195) == 1  # north edge


def test_an_empty_locator_finds_nothing():
    locator = Locator.build([], [])
    assert locator.locate(51.5, -0.1) is None
    assert locator.locate_many(np.array([]), np.array([])).size == 0
    assert all(found.size == 0 for found in locator.locate_every(np.array([51.5]), np.array([-0.1])))


def middle(col: int, row: int = 0) -> tuple[float, float]:
    """Latitude and longitude of the middle of the world's square at (col, row)."""
    return ORIGIN_LAT + (row + 0.5) * SIZE, ORIGIN_LNG + (col + 0.5) * SIZE


def test_locate_finds_the_ward_of_a_point_in_the_test_force(world):
    # The world's wards are eight squares in a row: a1-a4 then b1-b4.
    assert locate(*middle(0)) == world.wards["a1"].id
    assert locate(*middle(3)) == world.wards["a4"].id
    assert locate(*middle(7)) == world.wards["b4"].id


def test_locate_finds_nothing_outside_the_test_force(world):
    assert locate(*middle(0, row=1)) is None
    assert locate(*middle(-1)) is None
    assert locate(*middle(8)) is None


def test_the_cached_locator_is_rebuilt_when_a_boundary_changes(world):
    ward = world.wards["a1"]
    assert locate(*middle(0)) == ward.id
    ward.boundary = to_geojson(square(0, 1))  # a1 moves one square north
    ward.save()
    assert locate(*middle(0)) is None
    assert locate(*middle(0, row=1)) == ward.id


def test_the_cached_locator_is_kept_while_nothing_changes(world):
    first = locate_module.current_locator()
    assert locate_module.current_locator() is first


@pytest.mark.parametrize("ward", ["a1", "b2"])
def test_a_ward_is_found_at_its_own_centroid(world, ward):
    found = world.wards[ward]
    assert locate(found.centroid_lat, found.centroid_lng) == found.id
