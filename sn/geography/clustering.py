"""Partitioning a borough's wards into clusters of adjacent wards (4-8 each, one inspector).

Deterministic: seeds are chosen by farthest-point sampling from the westernmost ward, clusters grow
one ward at a time (always the smallest cluster first, taking its adjacent ward nearest its seed),
and a repair pass moves boundary wards between adjacent clusters until every size is in range.
Pure functions over ids, so it is tested without a database.
"""

import math
from collections.abc import Iterable

MIN_SIZE = 4
MAX_SIZE = 8
TARGET_SIZE = 6


def cluster_count(n: int) -> int:
    if n <= MAX_SIZE:
        return 1
    k = max(1, round(n / TARGET_SIZE))
    while n > MAX_SIZE * k:
        k += 1
    while k > 1 and n < MIN_SIZE * k:
        k -= 1
    return k


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    # Longitude shrinks by cos(latitude); near enough constant across one borough.
    return math.hypot((a[0] - b[0]) * 0.62, a[1] - b[1])


def _seeds(ids: list[int], centroids: dict[int, tuple[float, float]], k: int) -> list[int]:
    seeds = [min(ids, key=lambda i: (centroids[i][0], i))]
    while len(seeds) < k:
        seeds.append(
            max(
                (i for i in ids if i not in seeds),
                key=lambda i: (min(_distance(centroids[i], centroids[s]) for s in seeds), -i),
            )
        )
    return seeds


def _connected(members: set[int], adjacency: dict[int, set[int]]) -> bool:
    if not members:
        return True
    start = min(members)
    seen, stack = {start}, [start]
    while stack:
        for nxt in adjacency[stack.pop()] & members:
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen == members


def partition(
    ids: Iterable[int], adjacency: dict[int, set[int]], centroids: dict[int, tuple[float, float]]
) -> list[set[int]]:
    ids = sorted(ids)
    if not ids:
        return []
    adjacency = {i: set(adjacency.get(i, set())) & set(ids) for i in ids}
    k = cluster_count(len(ids))
    seeds = _seeds(ids, centroids, k)
    clusters = [{s} for s in seeds]
    owner = {s: c for c, s in enumerate(seeds)}
    unassigned = set(ids) - set(seeds)
    while unassigned:
        grown = False
        for c in sorted(range(k), key=lambda c: (len(clusters[c]), c)):
            frontier = {n for m in clusters[c] for n in adjacency[m]} & unassigned
            if frontier:
                pick = min(frontier, key=lambda i: (_distance(centroids[i], centroids[seeds[c]]), i))
                clusters[c].add(pick)
                owner[pick] = c
                unassigned.discard(pick)
                grown = True
                break
        if not grown:
            # A ward with no path to any cluster (an island): join the nearest cluster by distance.
            pick = min(unassigned)
            c = min(range(k), key=lambda c: (_distance(centroids[pick], centroids[seeds[c]]), c))
            clusters[c].add(pick)
            owner[pick] = c
            unassigned.discard(pick)
    _repair(clusters, owner, adjacency, centroids)
    return sorted(clusters, key=lambda members: min(members))


def _repair(clusters, owner, adjacency, centroids, max_moves: int = 500) -> None:
    """Move wards until every cluster has MIN_SIZE..MAX_SIZE wards, where the layout allows.

    A surplus or shortfall is passed along a chain of adjacent clusters (the shortest path in the
    cluster graph to one that can absorb it), one boundary ward per link, so the clusters in between
    keep their size.
    """
    for _ in range(max_moves):
        sizes = [len(c) for c in clusters]
        large = [c for c, size in enumerate(sizes) if size > MAX_SIZE]
        small = [c for c, size in enumerate(sizes) if size < MIN_SIZE]
        moved = False
        for giver in large:
            path = _cluster_path(clusters, owner, adjacency, giver, lambda c: len(clusters[c]) < MAX_SIZE)
            if path and _shift_along(clusters, owner, adjacency, path):
                moved = True
                break
        if not moved:
            for receiver in small:
                path = _cluster_path(
                    clusters, owner, adjacency, receiver, lambda c: len(clusters[c]) > MIN_SIZE
                )
                if path and _shift_along(clusters, owner, adjacency, list(reversed(path))):
                    moved = True
                    break
        if not moved:
            return


def _cluster_neighbours(clusters, owner, adjacency, c: int) -> set[int]:
    return {owner[n] for m in clusters[c] for n in adjacency[m]} - {c}


def _cluster_path(clusters, owner, adjacency, start: int, accepts) -> list[int] | None:
    """Shortest path of adjacent clusters from start to the nearest cluster that `accepts`."""
    previous = {start: None}
    queue = [start]
    while queue:
        current = queue.pop(0)
        for nxt in sorted(_cluster_neighbours(clusters, owner, adjacency, current)):
            if nxt in previous:
                continue
            previous[nxt] = current
            if accepts(nxt):
                path = [nxt]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return list(reversed(path))
            queue.append(nxt)
    return None


def _shift_along(clusters, owner, adjacency, path: list[int]) -> bool:
    """Move one ward across each link of path (from path[0] towards path[-1]), last link first, so
    that a failure part-way leaves a valid partition. True if every link moved."""
    for giver, receiver in reversed(list(zip(path, path[1:], strict=False))):
        candidates = sorted(w for w in clusters[giver] if adjacency[w] & clusters[receiver])
        ward = next((w for w in candidates if _connected(clusters[giver] - {w}, adjacency)), None)
        if ward is None or len(clusters[giver]) <= 1:
            return False
        clusters[giver].discard(ward)
        clusters[receiver].add(ward)
        owner[ward] = receiver
    return True
