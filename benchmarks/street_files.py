"""Street files for the import benchmark, made from real police.uk rows, and a sampler of memory.

The files are generated: real police.uk rows (the shipped Met burglary points, and the 2023-01
all-crime sample when ../shared/data is present) resampled with new Crime IDs, a police.uk-like mix of
crime types (a fifth ASB, with blank Crime IDs) and their real coordinates, all inside the demo wards.
"""

import csv
import gzip
import hashlib
import os
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHIPPED = PROJECT / "sn" / "incidents" / "data" / "met_burglary_2022-01_2024-12.csv.gz"
SAMPLE = PROJECT.parent / "shared" / "data" / "police_street" / "2023-01-metropolitan-street-sample.csv"
# A police.uk-like mix for London (shares of all rows); the resampled rows take these types.
MIX = {
    "Violence and sexual offences": 0.26,
    "Anti-social behaviour": 0.20,
    "Other theft": 0.11,
    "Vehicle crime": 0.09,
    "Theft from the person": 0.07,
    "Burglary": 0.05,
    "Public order": 0.05,
    "Criminal damage and arson": 0.05,
    "Shoplifting": 0.04,
    "Drugs": 0.03,
    "Robbery": 0.03,
    "Bicycle theft": 0.01,
    "Other crime": 0.01,
}


class MemorySampler:
    """Peak resident memory over a block, and its growth, sampled every 10 ms from /proc/self/statm."""

    def __init__(self, interval: float = 0.01):
        self.interval, self.peak, self.start = interval, 0, 0
        self.page = os.sysconf("SC_PAGE_SIZE")
        self.stop = threading.Event()

    def rss(self) -> int:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * self.page

    def __enter__(self):
        self.start = self.peak = self.rss()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        return self

    def _run(self) -> None:
        while not self.stop.wait(self.interval):
            self.peak = max(self.peak, self.rss())

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()
        self.peak = max(self.peak, self.rss())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 2**20

    @property
    def peak_mb(self) -> float:
        return self.peak / 2**20


def template_rows(locator) -> list[list[str]]:
    """Real police.uk rows whose points lie in the demo wards."""
    import numpy as np

    rows = []
    for path, opener in ((SHIPPED, gzip.open), (SAMPLE, open)):
        if path.exists():
            with opener(path, "rt", encoding="utf-8", newline="") as handle:
                rows += [row for row in list(csv.reader(handle))[1:] if row[4] and row[5]]
    lats = np.array([float(r[5]) for r in rows])
    lngs = np.array([float(r[4]) for r in rows])
    inside = locator.locate_many(lats, lngs) >= 0
    return [row for row, keep in zip(rows, inside.tolist(), strict=True) if keep]


def write_file(path: Path, count: int, templates: list[list[str]], seed: int) -> None:
    import numpy as np

    from sn.incidents.kinds import STREET

    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(templates), count).tolist()
    types = rng.choice(list(MIX), count, p=np.array(list(MIX.values())) / sum(MIX.values())).tolist()
    months = rng.integers(1, 13, count).tolist()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(STREET.header)
        for i in range(count):
            row = list(templates[picks[i]])
            asb = types[i] == "Anti-social behaviour"
            row[0] = "" if asb else hashlib.sha256(f"{seed}:{i}".encode()).hexdigest()
            row[1] = f"2023-{months[i]:02d}"
            row[9] = types[i]
            row[10] = "" if asb else row[10]
            writer.writerow(row)
