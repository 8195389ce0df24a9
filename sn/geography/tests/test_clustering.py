"""Clustering wards: properties of partition() on grid-shaped boroughs, then clusters_build on real wards.

A borough here is an r x c grid of square wards (4 to 40 of them) with some shared edges removed, but
always connected. Ward ids are shuffled so that they do not follow the grid.
"""

import io
import math
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from hypothesis import example, given
from hypothesis import strategies as st

from sn.geography.clustering import MAX_SIZE, MIN_SIZE, cluster_count, partition
from sn.geography.models import Borough
from sn.geography.services import clusters_build

DATA = Path(__file__).resolve().parent.parent / "data"
CITY_OF_LONDON = "E09000001"


@dataclass(frozen=True)
class GridBorough:
    ids: list[int]
    adjacency: dict[int, set[int]]
    centroids: dict[int, tuple[float, float]]

    def clusters(self) -> list[set[int]]:
        return partition(self.ids, self.adjacency, self.centroids)


def connected(members: set[int], adjacency: dict[int, set[int]]) -> bool:
    start = next(iter(members))
    seen, stack = {start}, [start]
    while stack:
        for ward in adjacency[stack.pop()] & members:
            if ward not in seen:
                seen.add(ward)
                stack.append(ward)
    return seen == members


def grid_edges(rows: int, cols: int) -> list[tuple[int, int]]:
    across = [(r * cols + c, r * cols + c + 1) for r in range(rows) for c in range(cols - 1)]
    down = [(r * cols + c, (r + 1) * cols + c) for r in range(rows - 1) for c in range(cols)]
    return across + down


def snake(rows: int, cols: int) -> list[tuple[int, int]]:
    """Edges of a path through every cell, row by row, turning at the ends (a Hamiltonian path)."""
    order = [r * cols + (c if r % 2 == 0 else cols - 1 - c) for r in range(rows) for c in range(cols)]
    return [tuple(sorted(pair)) for pair in zip(order, order[1:], strict=False)]


def make_borough(rows: int, cols: int, edges, ids: list[int]) -> GridBorough:
    adjacency: dict[int, set[int]] = {ward: set() for ward in ids}
    for a, b in edges:
        adjacency[ids[a]].add(ids[b])
        adjacency[ids[b]].add(ids[a])
    centroids = {
        ids[r * cols + c]: (-0.2 + c * 0.01, 51.5 + r * 0.01) for r in range(rows) for c in range(cols)
    }
    return GridBorough(sorted(ids), adjacency, centroids)


@st.composite
def boroughs(draw, max_wards: int = 40, keep_a_path_through_every_ward: bool = False) -> GridBorough:
    """A connected grid borough of 4 to max_wards wards. Edges are removed in a drawn order, each only if
    the grid stays connected (or, with keep_a_path_through_every_ward, only if it is not on the snake)."""
    rows = draw(st.integers(1, max_wards))
    cols = draw(st.integers(math.ceil(MIN_SIZE / rows), max_wards // rows))
    n = rows * cols
    ids = draw(st.permutations(range(100, 100 + n)))
    edges = grid_edges(rows, cols)
    keep = set(snake(rows, cols)) if keep_a_path_through_every_ward else set()
    removals = draw(st.lists(st.sampled_from(edges), unique=True, max_size=len(edges)))
    kept = set(edges)
    for edge in removals:
        if edge in keep:
            continue
        kept.discard(edge)
        if not keep_a_path_through_every_ward and not connected(
            set(range(n)), make_borough(rows, cols, kept, list(range(n))).adjacency
        ):
            kept.add(edge)
    return make_borough(rows, cols, sorted(kept), list(ids))


def straight_row(n: int) -> GridBorough:
    return make_borough(1, n, grid_edges(1, n), list(range(1, n + 1)))


def three_by_eleven_with_three_rungs_missing() -> GridBorough:
    # Found by hypothesis. Growing left 128-130 as a cluster of 3; the repair asked only the nearest
    # cluster (110, 120, 121, 131, 132) for a ward, whose one ward touching them, 131, holds 132 on
    # (their rung is missing), and gave up without asking the cluster that could spare 117.
    missing = {(5, 16), (18, 29), (21, 32)}
    edges = [edge for edge in grid_edges(3, 11) if edge not in missing]
    return make_borough(3, 11, edges, list(range(100, 133)))


@given(boroughs())
def test_every_ward_is_in_exactly_one_cluster(borough):
    clusters = borough.clusters()
    members = [ward for cluster in clusters for ward in cluster]
    assert sorted(members) == borough.ids
    assert all(clusters)


@given(boroughs())
def test_every_cluster_is_connected(borough):
    assert all(connected(cluster, borough.adjacency) for cluster in borough.clusters())


@given(boroughs())
def test_there_are_as_many_clusters_as_planned_for_the_number_of_wards(borough):
    assert len(borough.clusters()) == cluster_count(len(borough.ids))


@given(boroughs(max_wards=MAX_SIZE))
def test_a_borough_of_4_to_8_wards_is_one_cluster(borough):
    assert borough.clusters() == [set(borough.ids)]


@given(boroughs(keep_a_path_through_every_ward=True))
@example(straight_row(26))
@example(three_by_eleven_with_three_rungs_missing())
def test_clusters_are_4_to_8_wards_whenever_the_borough_can_be_so_split(borough):
    # A path through every ward can be cut into runs of 4 to 8, so a valid split exists.
    assert all(MIN_SIZE <= len(cluster) <= MAX_SIZE for cluster in borough.clusters())


def test_a_pinwheel_of_nine_wards_cannot_be_split_4_to_8_but_its_clusters_are_still_connected():
    # 0-1 2      Every way of cutting this tree in two leaves a part of 1 or 2 wards.
    #   | |
    # 3-4-5
    # | |
    # 6 7-8
    borough = make_borough(
        3, 3, [(0, 1), (1, 4), (2, 5), (4, 5), (3, 4), (3, 6), (4, 7), (7, 8)], list(range(9))
    )
    clusters = borough.clusters()
    assert sorted(ward for cluster in clusters for ward in cluster) == list(range(9))
    assert all(connected(cluster, borough.adjacency) for cluster in clusters)


def test_a_borough_whose_clusters_all_grew_out_of_range_is_still_split_4_to_8():
    #  0 - 1 - 2     Growing made 0-1-2 a cluster of 3 and the other 12 wards one cluster, so no
    #  |             cluster is in range to keep and the whole borough has to be split again.
    #  3 - 4 - 5
    #  |       |
    #  6 - 7   8
    #      |
    #  9 -10  11
    #  |   |   |
    # 12 -13 -14
    edges = [(0, 1), (1, 2), (0, 3), (3, 4), (4, 5), (3, 6), (5, 8), (6, 7), (7, 10), (9, 10), (9, 12)]
    edges += [(10, 13), (11, 14), (12, 13), (13, 14)]
    ids = [113, 110, 111, 108, 104, 112, 100, 107, 103, 109, 102, 105, 114, 101, 106]
    borough = make_borough(5, 3, edges, ids)
    clusters = borough.clusters()
    assert len(clusters) == cluster_count(15) == 2
    assert all(MIN_SIZE <= len(cluster) <= MAX_SIZE for cluster in clusters)
    assert all(connected(cluster, borough.adjacency) for cluster in clusters)


@given(boroughs())
def test_the_same_borough_gives_the_same_clusters(borough):
    assert borough.clusters() == borough.clusters()


@given(boroughs())
def test_the_clusters_do_not_depend_on_the_order_the_wards_are_given_in(borough):
    backwards = partition(
        list(reversed(borough.ids)), dict(reversed(borough.adjacency.items())), borough.centroids
    )
    assert backwards == borough.clusters()


def test_the_planned_number_of_clusters_can_hold_any_number_of_wards_from_4_up():
    for n in range(MIN_SIZE, 500):
        k = cluster_count(n)
        assert MIN_SIZE * k <= n <= MAX_SIZE * k, n


def test_the_shipped_wards_of_every_london_borough_cluster_into_4_to_8_adjacent_wards(db):
    quiet = io.StringIO()
    call_command("import-boundaries", DATA / "boroughs.geojson.gz", level="borough", stdout=quiet)
    call_command(
        "import-boundaries",
        DATA / "wards.geojson.gz",
        level="ward",
        skip_parent=[CITY_OF_LONDON],
        stdout=quiet,
    )
    for borough in Borough.objects.all():
        clusters = clusters_build(borough=borough)
        for cluster in clusters:
            wards = list(cluster.neighbourhoods.prefetch_related("neighbours"))
            adjacency = {ward.id: {n.id for n in ward.neighbours.all()} for ward in wards}
            assert MIN_SIZE <= len(wards) <= MAX_SIZE, (borough.name, cluster.code, len(wards))
            assert connected(set(adjacency), adjacency), (borough.name, cluster.code)
        assert sum(c.neighbourhoods.count() for c in clusters) == borough.neighbourhoods.count()
