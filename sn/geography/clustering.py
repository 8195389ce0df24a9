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
    for _ in range(max_moves):
        sizes = [len(c) for c in clusters]
        small = [c for c, size in enumerate(sizes) if size < MIN_SIZE]
        large = [c for c, size in enumerate(sizes) if size > MAX_SIZE]
        if not small and not large:
            return
        moved = False
        for receiver in small:
            moved = _move_one(clusters, owner, adjacency, into=receiver, donors_min=MIN_SIZE + 1)
            if moved:
                break
        if not moved:
            for giver in large:
                moved = _give_one(clusters, owner, adjacency, giver=giver)
                if moved:
                    break
        if not moved:
            return


def _move_one(clusters, owner, adjacency, *, into: int, donors_min: int) -> bool:
    candidates = sorted(
        n
        for m in clusters[into]
        for n in adjacency[m]
        if owner[n] != into and len(clusters[owner[n]]) >= donors_min
    )
    for ward in candidates:
        donor = owner[ward]
        if _connected(clusters[donor] - {ward}, adjacency):
            clusters[donor].discard(ward)
            clusters[into].add(ward)
            owner[ward] = into
            return True
    return False


def _give_one(clusters, owner, adjacency, *, giver: int) -> bool:
    for ward in sorted(clusters[giver]):
        receivers = sorted(
            {owner[n] for n in adjacency[ward] if owner[n] != giver and len(clusters[owner[n]]) < MAX_SIZE}
        )
        if receivers and _connected(clusters[giver] - {ward}, adjacency):
            receiver = min(receivers, key=lambda c: (len(clusters[c]), c))
            clusters[giver].discard(ward)
            clusters[receiver].add(ward)
            owner[ward] = receiver
            return True
    return False
