"""Small cells merged until every published cell holds at least k crimes, or withheld.

A cell is a snap point's crimes in one ward and month (every category that has points). The cells are
taken smallest first (of cells as large, the one listed later first); a cell still under k when its turn
comes joins the nearest of the cells after it: cells at least as large as it was, which have not had
their turn, so none has moved. A cell at or over k never moves. Only the largest cell, last, has none
after it: if it is still under k it joins the nearest cell that stayed, and if none stayed, the ward's
month holds fewer than k crimes in all and every location is withheld.

The nearest later cell of each cell is found for all cells at once (a distance matrix), so the turns
themselves are a loop over small integers.
"""

import numpy as np

WITHHELD = -1


def merged_cells(counts: np.ndarray, x: np.ndarray, y: np.ndarray, k: int) -> np.ndarray:
    """For each cell (its crime count and position in metres), the index of the cell its crimes are
    published at, or WITHHELD."""
    n = len(counts)
    if n == 0 or counts.min() >= k:
        return np.arange(n)
    if counts.sum() < k:
        return np.full(n, WITHHELD)
    # Turn order: smallest first; of equal cells, the one listed later first (so the one listed first
    # gathers them, and the order is the same on every run).
    turns = np.lexsort((-np.arange(n), counts))
    tx, ty = x[turns], y[turns]
    distance = (tx[:, None] - tx[None, :]) ** 2 + (ty[:, None] - ty[None, :]) ** 2
    distance[np.tril_indices(n)] = np.inf  # only cells later in the order
    nearest_later = np.argmin(distance, axis=1).tolist()
    size = counts[turns].tolist()
    into = list(range(n))  # in turn positions
    for turn in range(n - 1):
        if size[turn] < k:
            target = nearest_later[turn]
            size[target] += size[turn]
            size[turn] = 0
            into[turn] = target
    last = n - 1
    if size[last] < k:
        stayed = [t for t in range(n - 1) if size[t] >= k]
        dx, dy = tx[stayed] - tx[last], ty[stayed] - ty[last]
        into[last] = stayed[int(np.argmin(dx * dx + dy * dy))]
    # Follow each cell's joins to where it ends (each join points later, so one backward pass does).
    for turn in range(n - 2, -1, -1):
        into[turn] = into[into[turn]]
    owner = np.empty(n, dtype=np.int64)
    owner[turns] = turns[np.array(into)]
    return owner
