"""The supervision model on random small adjacency graphs: every proposal is a partition into connected
groups of one cluster within the maximum, with exactly the target number of groups when any
arrangement has it (checked by exhaustive search), the busiest wards alone, and a clear answer when
the target cannot be met."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from sn.supervision import solver
from sn.supervision.solver import (
    Ward,
    busiest_wards,
    candidate_groups,
    greedy_partition,
    partition_cost,
    propose_partition,
)


@st.composite
def graphs(draw):
    """Up to seven wards in one or two clusters, with random edges (some across clusters)."""
    count = draw(st.integers(min_value=1, max_value=7))
    wards = [
        Ward(
            id=i + 1,
            cluster=draw(st.sampled_from([1, 1, 2, None])),
            demand=draw(st.integers(min_value=0, max_value=500)),
            staff=draw(st.integers(min_value=0, max_value=9)),
        )
        for i in range(count)
    ]
    pairs = list(itertools.combinations(range(1, count + 1), 2))
    edges = draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    neighbours: dict[int, set[int]] = {w.id: set() for w in wards}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    max_size = draw(st.integers(min_value=1, max_value=3))
    share = draw(st.sampled_from([0.0, 0.1, 0.3]))
    target = draw(st.integers(min_value=0, max_value=count + 1))
    return wards, neighbours, max_size, share, target


def _connected(group, neighbours) -> bool:
    seen, todo = {group[0]}, [group[0]]
    while todo:
        for other in neighbours[todo.pop()]:
            if other in group and other not in seen:
                seen.add(other)
                todo.append(other)
    return seen == set(group)


def _achievable_counts(wards, neighbours, max_size, busiest) -> set[int]:
    """Every number of groups some valid partition has, by trying them all."""
    candidates = candidate_groups(wards, neighbours, max_size, busiest)
    counts = set()

    def search(remaining: frozenset, used: int) -> None:
        if not remaining:
            counts.add(used)
            return
        first = min(remaining)
        for group in candidates:
            if first in group and set(group) <= remaining:
                search(remaining - set(group), used + 1)

    search(frozenset(w.id for w in wards), 0)
    return counts


@settings(max_examples=120, deadline=None)
@given(graphs())
def test_every_proposal_is_valid_and_meets_the_target_when_feasible(graph):
    wards, neighbours, max_size, share, target = graph
    by_id = {w.id: w for w in wards}
    result = propose_partition(wards, neighbours, target, max_size=max_size, busiest_share=share)
    busiest = busiest_wards(wards, share)
    achievable = _achievable_counts(wards, neighbours, max_size, busiest)
    if target not in achievable:
        assert result.status == "infeasible"
        assert str(target) in result.message and "the target must be" in result.message
        assert result.fewest == min(achievable)
        assert result.most == len(wards)
        return
    assert result.status == "optimal"
    assert len(result.groups) == target
    assert sorted(i for g in result.groups for i in g) == sorted(by_id)
    for group in result.groups:
        assert len(group) <= max_size
        assert _connected(group, neighbours)
        if len(group) > 1:
            assert len({by_id[i].cluster for i in group}) == 1
            assert by_id[group[0]].cluster is not None
            assert not set(group) & busiest


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_the_solver_is_never_worse_than_the_greedy_baseline(graph):
    wards, neighbours, max_size, share, target = graph
    greedy = greedy_partition(wards, neighbours, target, max_size=max_size, busiest_share=share)
    if len(greedy) != target:
        return
    result = propose_partition(wards, neighbours, target, max_size=max_size, busiest_share=share)
    assert result.solved
    assert result.cost <= partition_cost(wards, greedy, 0.5)


def test_the_busiest_ward_keeps_its_own_sergeant_and_quiet_neighbours_share():
    # A path of five wards in one cluster; ward 3 is far the busiest.
    wards = [Ward(1, 1, 10, 3), Ward(2, 1, 12, 3), Ward(3, 1, 900, 8), Ward(4, 1, 11, 3), Ward(5, 1, 9, 3)]
    neighbours = {1: {2}, 2: {1, 3}, 3: {2, 4}, 4: {3, 5}, 5: {4}}
    result = propose_partition(wards, neighbours, 3, busiest_share=0.2)
    assert result.status == "optimal"
    assert sorted(result.groups) == [(1, 2), (3,), (4, 5)]


def test_an_unreachable_target_names_the_range():
    wards = [Ward(1, 1, 10, 3), Ward(2, 1, 10, 3), Ward(3, 2, 10, 3)]
    neighbours = {1: {2}, 2: {1, 3}, 3: {2}}
    result = propose_partition(wards, neighbours, 1, busiest_share=0)
    assert result.status == "infeasible"
    assert result.message == (
        "No arrangement has exactly 1 sergeant: with at most 3 adjacent wards of one cluster per sergeant "
        "and the 0 busiest wards keeping their own, the target must be between 2 and 3."
    )


def test_the_same_data_gives_the_same_proposal():
    wards = [Ward(i, 1 + i % 2, (i * 37) % 101, i % 5) for i in range(1, 15)]
    neighbours = {i: {j for j in (i - 2, i - 1, i + 1, i + 2) if 1 <= j <= 14} for i in range(1, 15)}
    first = propose_partition(wards, neighbours, 9)
    second = propose_partition(wards, neighbours, 9)
    assert first.groups == second.groups and first.cost == second.cost


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_splitting_by_cluster_finds_the_same_optimum_as_the_whole_program(graph):
    wards, neighbours, max_size, share, target = graph
    whole = propose_partition(wards, neighbours, target, max_size=max_size, busiest_share=share)
    original = solver.WHOLE_PROGRAM_WARDS
    solver.WHOLE_PROGRAM_WARDS = 0  # as for a force: straight to the clusters and the master
    try:
        split = propose_partition(wards, neighbours, target, max_size=max_size, busiest_share=share)
    finally:
        solver.WHOLE_PROGRAM_WARDS = original
    assert split.status == whole.status
    assert split.cost == whole.cost
    if split.solved:
        assert len(split.groups) == target
