"""Small helpers shared by the benchmarks: timing, percentiles and the wording of results.

Benchmarks report; they never assert. A missed target prints MISS and the run still exits 0, because
timings depend on the machine and belong in a report, not in a failing build.
"""

import math
import time
from collections.abc import Callable
from typing import Any


def best_of(runs: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of several runs, in seconds, and the last result. The best run is the one least
    disturbed by the rest of the machine, so it is the fairest figure for a CPU-bound loop."""
    best, result = math.inf, None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: always a value that was actually measured."""
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def si(value: float) -> str:
    """5.1M, 1M, 230k, 950: short enough for a one-line summary."""
    for factor, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= factor:
            return f"{value / factor:.1f}".removesuffix(".0") + suffix
    return f"{value:.0f}"


def times(ratio: float) -> str:
    """A ratio as 4,100x or 3.2x: whole numbers once the decimals stop meaning anything."""
    return f"{ratio:,.0f}x" if ratio >= 100 else f"{ratio:.1f}x"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def section(title: str) -> None:
    print(f"\n=== {title} ===", flush=True)


def line(label: str, value: object) -> None:
    print(f"  {label:<44} {value}", flush=True)
