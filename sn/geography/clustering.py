"""Partitioning a borough's wards into clusters of adjacent wards (4-8 each, one inspector).

Deterministic: seeds are chosen by farthest-point sampling from the westernmost ward, clusters grow
one ward at a time (always the smallest cluster first, taking its adjacent ward nearest its seed),
and a repair pass moves boundary wards between adjacent clusters until every size is in range.
Moving one ward at a time can get stuck (a pocket of too few wards walled in by missing borders), so
if a size is still out of range, the clusters around the bad ones are split again by an exhaustive
search, widening ring by ring up to the whole borough, which finds a split in range if there is one.
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
    if len(ids) >= MIN_SIZE:
        clusters = _resplit_around_bad_sizes(clusters, adjacency, centroids)
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


# Sets of wards the search may build and try before it gives up and the repaired clusters stand. On
# thousands of random boroughs of up to 40 wards the most any search needed was under 30,000, so this
# leaves room to spare, while a pathological borough costs some seconds rather than hours.
SEARCH_BUDGET = 500_000


class _SearchExhausted(Exception):
    pass


def _resplit_around_bad_sizes(clusters, adjacency, centroids) -> list[set[int]]:
    """Split again the clusters outside MIN_SIZE..MAX_SIZE, then those within one, two, ... links of them.

    The smallest ring that can be split in range wins, so the clusters the growing got right stay
    as they were (and the number of clusters stays the same). The last ring is the whole borough.
    """
    bad = {c for c, members in enumerate(clusters) if not MIN_SIZE <= len(members) <= MAX_SIZE}
    if not bad:
        return clusters
    owner = {ward: c for c, members in enumerate(clusters) for ward in members}
    search = _SplitSearch(adjacency, centroids)
    ring = bad
    while True:
        wards = frozenset(ward for c in ring for ward in clusters[c])
        try:
            split = search.split(wards, len(ring))
        except _SearchExhausted:
            return clusters
        if split is not None:
            return [members for c, members in enumerate(clusters) if c not in ring] + split
        wider = ring | {owner[n] for c in ring for m in clusters[c] for n in adjacency[m]}
        if wider == ring:
            # Nothing adjacent is left out, so the rest lies across water: take all of the borough.
            wider = set(range(len(clusters)))
        if wider == ring:
            return clusters
        ring = wider


class _SplitSearch:
    """Depth-first search for a split of a set of wards into connected clusters of MIN_SIZE..MAX_SIZE.

    The first ward in west-to-east order must be in some cluster, so every connected set of a
    possible size that holds it is tried (most compact first); what is left falls apart into pieces
    that are split on their own. Each piece's answer is remembered, and a piece too small, or a
    number of clusters that the pieces' sizes cannot add up to, is refused without searching.
    """

    def __init__(self, adjacency: dict[int, set[int]], centroids: dict[int, tuple[float, float]]):
        self.adjacency = adjacency
        self.centroids = centroids
        self.budget = SEARCH_BUDGET
        self.known: dict[tuple[frozenset[int], int], list[set[int]] | None] = {}
        self.fits: dict[frozenset[int], bool] = {}

    def _order(self, ward: int) -> tuple[float, float, int]:
        return (*self.centroids[ward], ward)

    def _pieces(self, wards: frozenset[int]) -> list[frozenset[int]]:
        pieces, left = [], set(wards)
        while left:
            start = min(left)
            seen, stack = {start}, [start]
            while stack:
                for nxt in self.adjacency[stack.pop()] & left:
                    if nxt not in seen:
                        seen.add(nxt)
                        stack.append(nxt)
            left -= seen
            pieces.append(frozenset(seen))
        return sorted(pieces, key=lambda piece: min(piece))

    def split(self, wards: frozenset[int], count: int) -> list[set[int]] | None:
        """count clusters covering wards, or None if they cannot be split so."""
        pieces = self._pieces(wards)
        if not pieces:
            return [] if count == 0 else None
        fewest = [math.ceil(len(piece) / MAX_SIZE) for piece in pieces]
        most = [len(piece) // MIN_SIZE for piece in pieces]
        if any(lo > hi for lo, hi in zip(fewest, most, strict=True)) or not sum(fewest) <= count <= sum(most):
            return None
        if not all(self._cores_fit(piece) for piece in pieces):
            return None
        first, rest = pieces[0], frozenset().union(*pieces[1:])
        options = range(max(fewest[0], count - sum(most[1:])), min(most[0], count - sum(fewest[1:])) + 1)
        for own in sorted(options, key=lambda own: (abs(own - len(first) / TARGET_SIZE), own)):
            head = self._split_piece(first, own)
            if head is None:
                continue
            tail = self.split(rest, count - own)
            if tail is not None:
                return head + tail
        return None

    def _cores_fit(self, piece: frozenset[int]) -> bool:
        """False if some ward's cluster would need more than MAX_SIZE wards.

        Taking a ward out of the piece may cut off branches (it is a cut vertex); a branch of fewer
        than MIN_SIZE wards cannot be a cluster of its own, nor share one with wards beyond the cut
        ward, so all of it must be in the cut ward's cluster. Found in one depth-first pass (Tarjan's
        low-link), remembered per piece.
        """
        if piece in self.fits:
            return self.fits[piece]
        root = min(piece)
        parent: dict[int, int | None] = {root: None}
        order, low, size = {root: 0}, {root: 0}, {root: 1}
        separated = dict.fromkeys(piece, 0)
        forced = dict.fromkeys(piece, 0)
        stack = [(root, iter(sorted(self.adjacency[root] & piece)))]
        while stack:
            ward, neighbours = stack[-1]
            nxt = next(neighbours, None)
            if nxt is None:
                stack.pop()
                up = parent[ward]
                if up is not None:
                    low[up] = min(low[up], low[ward])
                    size[up] += size[ward]
                    if low[ward] >= order[up]:
                        separated[up] += size[ward]
                        forced[up] += size[ward] if size[ward] < MIN_SIZE else 0
            elif nxt not in order:
                parent[nxt] = ward
                order[nxt] = low[nxt] = len(order)
                size[nxt] = 1
                stack.append((nxt, iter(sorted(self.adjacency[nxt] & piece))))
            elif nxt != parent[ward]:
                low[ward] = min(low[ward], order[nxt])
        for ward in piece:
            # Whatever its cut-off subtrees and itself leave is one more branch, the one holding the root.
            above = len(piece) - 1 - separated[ward]
            if ward != root and above < MIN_SIZE:
                forced[ward] += above
        fits = all(1 + forced[ward] <= MAX_SIZE for ward in piece)
        self.fits[piece] = fits
        return fits

    def _split_piece(self, piece: frozenset[int], count: int) -> list[set[int]] | None:
        key = (piece, count)
        if key not in self.known:
            self.known[key] = self._search_piece(piece, count)
        found = self.known[key]
        return None if found is None else [set(members) for members in found]

    def _search_piece(self, piece: frozenset[int], count: int) -> list[set[int]] | None:
        if count == 1:
            return [set(piece)]
        left_most, left_fewest = len(piece) - MAX_SIZE * (count - 1), len(piece) - MIN_SIZE * (count - 1)
        sizes = range(max(MIN_SIZE, left_most), min(MAX_SIZE, left_fewest) + 1)
        for candidate in self._candidates(piece, sizes, len(piece) / count):
            self.budget -= 1
            if self.budget < 0:
                raise _SearchExhausted
            rest = self.split(piece - candidate, count - 1)
            if rest is not None:
                return [set(candidate), *rest]
        return None

    def _candidates(self, piece: frozenset[int], sizes: range, ideal: float) -> list[frozenset[int]]:
        """Connected sets of wards in piece holding its first ward, nearest the ideal size and most
        compact first."""
        if not sizes:
            return []
        anchor = min(piece, key=self._order)
        level, found = {frozenset([anchor])}, []
        for size in range(2, max(sizes) + 1):
            level = {
                grown | {n} for grown in level for m in grown for n in (self.adjacency[m] & piece) - grown
            }
            self.budget -= len(level)
            if self.budget < 0:
                raise _SearchExhausted
            if size in sizes:
                found.extend(level)
        return sorted(
            found, key=lambda members: (abs(len(members) - ideal), self._spread(members), sorted(members))
        )

    def _spread(self, members: frozenset[int]) -> float:
        x = sum(self.centroids[m][0] for m in members) / len(members)
        y = sum(self.centroids[m][1] for m in members) / len(members)
        return sum(_distance(self.centroids[m], (x, y)) ** 2 for m in members)
