"""The runner the timing benchmarks share: a function timed over several runs after a warm-up (p50,
p95, and optionally its queries), the demo force with its duties for the monthly reports, the COUNT
baseline they are set against and the force page as the central unit opens it.

Baselines run in the same process on the same data as what they are compared with, so a ratio means
the same on any machine. `python -m benchmarks.runner scorecard abstraction` runs some benchmarks by
name (each is a module here with `run(quick=...)`); `python -m benchmarks` runs them all.
"""

import argparse
import importlib
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from benchmarks.report import line, percentile, section, times


def timed(fn: Callable[[], Any], runs: int, *, count_queries: bool = False) -> tuple[dict, Any]:
    """{"p50", "p95"} in milliseconds over `runs` runs after one warm-up (and "queries": those of one
    run, if asked), and the last result."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    result = fn()  # warm-up: caches and the planner, as a page read twice
    stats: dict = {}
    if count_queries:
        with CaptureQueriesContext(connection) as captured:
            result = fn()
        stats["queries"] = len(captured)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50": percentile(samples, 50), "p95": percentile(samples, 95), **stats}, result


def shown(stats: dict) -> str:
    return f"{stats['p50']:.1f} / {stats['p95']:.1f} ms"


def ratio(measured: dict, baseline: dict) -> str:
    """How many times the baseline's p50 the measured p50 is."""
    return times(measured["p50"] / baseline["p50"])


@dataclass(frozen=True)
class Monthly:
    """Last month on the demo force with its duties, and how many runs to time each read."""

    today: date
    month: date
    runs: int

    def duties_in_month(self):
        from sn.core.months import add_months
        from sn.workforce.models import Duty

        return Duty.objects.filter(date__gte=self.month, date__lt=add_months(self.month, 1))

    def count_baseline(self) -> dict:
        """A plain COUNT of the month's duties: the least any monthly figure costs."""
        in_month = self.duties_in_month()
        stats, _ = timed(lambda: in_month.count(), self.runs)
        line("COUNT of the month's duties p50 / p95", shown(stats))
        return stats

    def page(self, path: str, label: str, *, before: Callable[[], Any] | None = None) -> tuple[dict, Any]:
        """`path` for last month as the central unit (the demo's force-wide user) opens it; `before`
        runs ahead of every request, inside the timing (a cache emptied, as after an import)."""
        from django.test import Client

        from sn.accounts.models import User

        client = Client()
        client.force_login(User.objects.get(username="central"))
        url = f"{path}?month={self.month:%Y-%m}"
        stats, response = timed(lambda: (before and before(), client.get(url))[1], self.runs)
        line(f"{label} p50 / p95", f"{shown(stats)} ({response.status_code})")
        return stats, response


@contextmanager
def monthly_demo(title: str, *, quick: bool, runs: int, quick_runs: int) -> Iterator[Monthly]:
    """The demo force in a throwaway database with its duties loaded and fresh planner statistics."""
    from django.db import connection
    from django.utils import timezone

    from benchmarks.demo_db import SEED, demo_database
    from sn.core.months import add_months
    from sn.workforce.demo import workforce_demo_load
    from sn.workforce.models import Duty

    section(title)
    with demo_database():
        today = timezone.localdate()
        if not Duty.objects.exists():
            started = time.perf_counter()
            summary = workforce_demo_load(seed=SEED, today=today, progress=lambda *_: None)
            line("workforce demo", f"{summary} (in {time.perf_counter() - started:.1f} s here)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics, as after a load
        yield Monthly(today, add_months(today.replace(day=1), -1), quick_runs if quick else runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.runner", description="Run benchmarks by name")
    parser.add_argument("names", nargs="+", help="benchmark modules, e.g. scorecard abstraction")
    parser.add_argument("--quick", action="store_true", help="fewer runs, for a smoke run")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    results = []
    for name in args.names:
        results += importlib.import_module(f"benchmarks.{name}").run(quick=args.quick)
    print("\n=== Summary ===")
    for result in results:
        print(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
