"""Stable identities for rows that carry no id of their own (ASB rows, stops and searches).

The key is the sha256 (64 hex characters) of the row's fields joined by U+001F, then U+001E and the
row's occurrence number among identical rows earlier in the same file (0 for the first). Two identical
ASB rows in a file are therefore two incidents, and importing the file again gives the same two keys.

Counting occurrences across a file's chunks needs memory per distinct row; it is kept small: a sorted
numpy array of the first 8 bytes of each distinct row's digest and a count (16 bytes per distinct
keyless row, nothing for rows that have a Crime ID).
"""

import hashlib

import numpy as np

FIELD_SEPARATOR = "\x1f"
OCCURRENCE_SEPARATOR = "\x1e"


def row_key(fields: list[str], occurrence: int) -> str:
    text = FIELD_SEPARATOR.join(fields) + OCCURRENCE_SEPARATOR + str(occurrence)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class OccurrenceKeys:
    """Keys for keyless rows, counting identical rows across the chunks of one file."""

    def __init__(self) -> None:
        self.seen = np.empty(0, dtype=np.uint64)
        self.counts = np.empty(0, dtype=np.int64)

    def keys_for(self, rows: list[list[str]]) -> list[str]:
        if not rows:
            return []
        joined = [FIELD_SEPARATOR.join(row) for row in rows]
        prefixes = b"".join(hashlib.sha256(text.encode("utf-8")).digest()[:8] for text in joined)
        ids = np.frombuffer(prefixes, dtype=np.uint64)
        occurrence = self._earlier_in_chunk(ids) + self._earlier_in_file(ids)
        self._remember(ids)
        return [
            hashlib.sha256((text + OCCURRENCE_SEPARATOR + str(n)).encode("utf-8")).hexdigest()
            for text, n in zip(joined, occurrence.tolist(), strict=True)
        ]

    @staticmethod
    def _earlier_in_chunk(ids: np.ndarray) -> np.ndarray:
        n = ids.size
        order = np.argsort(ids, kind="stable")
        ordered = ids[order]
        starts = np.ones(n, dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        group_start = np.maximum.accumulate(np.where(starts, np.arange(n), 0))
        rank = np.empty(n, dtype=np.int64)
        rank[order] = np.arange(n) - group_start
        return rank

    def _earlier_in_file(self, ids: np.ndarray) -> np.ndarray:
        if self.seen.size == 0:
            return np.zeros(ids.size, dtype=np.int64)
        position = np.minimum(np.searchsorted(self.seen, ids), self.seen.size - 1)
        return np.where(self.seen[position] == ids, self.counts[position], 0)

    def _remember(self, ids: np.ndarray) -> None:
        unique, counts = np.unique(ids, return_counts=True)
        merged, inverse = np.unique(np.concatenate([self.seen, unique]), return_inverse=True)
        totals = np.zeros(merged.size, dtype=np.int64)
        np.add.at(totals, inverse, np.concatenate([self.counts, counts]))
        self.seen, self.counts = merged, totals
