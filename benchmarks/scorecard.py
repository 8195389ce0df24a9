"""The Guarantee scorecard for the whole force (sn.scorecard) on the demo force with its duties (the
workforce demo loader) and whatever the other Guarantee apps' measures find.

Measured over RUNS runs each: the force scorecard for last month with its twelve months of history
(every registered measure, summed from the month's ward snapshots) and the force page as the central
unit opens it. Baselines, in the same process on the same data: a plain COUNT of the month's duties
(the least any monthly figure costs) and computing every measure live for the month once (what a page
would cost without snapshots, and what `sn scorecard-build` pays once per month). The target is
issue 14's: the force scorecard for a month p95 under 500 ms.
"""

import time

from django.db import connection

from benchmarks.report import line, si, times, verdict
from benchmarks.runner import monthly_demo, ratio, shown, timed
from sn.core.months import add_months
from sn.core.registries import SCORECARD_MEASURES
from sn.scorecard.models import ScorecardSnapshot
from sn.scorecard.selectors import Area, month_figures, scorecard
from sn.scorecard.services import scorecard_snapshot_build

RUNS, QUICK_RUNS = 20, 5
TARGET_P95_MS = 500


def run(*, quick: bool = False) -> list[str]:
    title = "The Guarantee scorecard for the whole force, against plain reads"
    with monthly_demo(title, quick=quick, runs=RUNS, quick_runs=QUICK_RUNS) as bench:
        month, runs = bench.month, bench.runs
        started = time.perf_counter()
        for back in range(12):
            scorecard_snapshot_build(month=add_months(month, -back), source="demo")
        built = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # again: the snapshots are new rows
        line(
            "data",
            f"{len(SCORECARD_MEASURES)} measures, {si(ScorecardSnapshot.objects.count())} ward figures over "
            f"12 months (built in {built:.1f} s), {si(bench.duties_in_month().count())} duties in "
            f"{month:%B %Y}",
        )
        force = Area.force()
        card, parts = timed(lambda: scorecard(force, month), runs)
        line("force scorecard p50 / p95", shown(card))
        export, _ = timed(lambda: month_figures(month), runs)
        line("the month's ward figures (the export's read) p50 / p95", shown(export))
        count = bench.count_baseline()
        live_started = time.perf_counter()
        month_figures_live = {m.key: m.figures(month, add_months(month, 1)) for m in SCORECARD_MEASURES}
        live_ms = (time.perf_counter() - live_started) * 1000
        line("every measure computed live, once", f"{live_ms:.0f} ms ({len(month_figures_live)} measures)")
        for part in parts:
            for entry in part.lines:
                line(f"  {entry.measure.label}", entry.figure.shown)
        page, _ = bench.page("/scorecard/", "force page")

    return [
        f"Guarantee scorecard, whole force: p95 {card['p95']:.0f} ms, the page p95 {page['p95']:.0f} ms over "
        f"{runs} runs (target p95 < {TARGET_P95_MS} ms on {connection.vendor}): "
        f"{verdict(card['p95'] < TARGET_P95_MS)}, page {verdict(page['p95'] < TARGET_P95_MS)}",
        f"Guarantee scorecard vs plain reads: {ratio(card, count)} a COUNT of the month's "
        f"duties; computing every measure live costs {times(live_ms / card['p50'])} the scorecard from "
        f"snapshots (p50 {card['p50']:.0f} vs {count['p50']:.1f} and {live_ms:.0f} ms)",
    ]
