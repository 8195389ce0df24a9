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
from django.test import Client
from django.utils import timezone

from benchmarks.demo_db import SEED, demo_database
from benchmarks.report import line, percentile, section, si, times, verdict
from sn.accounts.models import User
from sn.core.months import add_months
from sn.core.registries import SCORECARD_MEASURES
from sn.scorecard.models import ScorecardSnapshot
from sn.scorecard.selectors import Area, month_figures, scorecard
from sn.scorecard.services import scorecard_snapshot_build
from sn.workforce.demo import workforce_demo_load
from sn.workforce.models import Duty

RUNS, QUICK_RUNS = 20, 5
TARGET_P95_MS = 500


def timed(fn, runs: int) -> tuple[dict, object]:
    result = fn()  # warm-up
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    return {"p50": percentile(samples, 50), "p95": percentile(samples, 95)}, result


def run(*, quick: bool = False) -> list[str]:
    runs = QUICK_RUNS if quick else RUNS
    section("The Guarantee scorecard for the whole force, against plain reads")
    with demo_database():
        today = timezone.localdate()
        month = add_months(today.replace(day=1), -1)
        if not Duty.objects.exists():
            started = time.perf_counter()
            summary = workforce_demo_load(seed=SEED, today=today, progress=lambda *_: None)
            line("workforce demo", f"{summary} (in {time.perf_counter() - started:.1f} s here)")
        started = time.perf_counter()
        for back in range(12):
            scorecard_snapshot_build(month=add_months(month, -back), source="demo")
        built = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        in_month = Duty.objects.filter(date__gte=month, date__lt=add_months(month, 1))
        line(
            "data",
            f"{len(SCORECARD_MEASURES)} measures, {si(ScorecardSnapshot.objects.count())} ward figures over "
            f"12 "
            f"months (built in {built:.1f} s), {si(in_month.count())} duties in {month:%B %Y}",
        )
        force = Area.force()
        card, parts = timed(lambda: scorecard(force, month), runs)
        count, _ = timed(lambda: in_month.count(), runs)
        live_started = time.perf_counter()
        month_figures_live = {m.key: m.figures(month, add_months(month, 1)) for m in SCORECARD_MEASURES}
        live_ms = (time.perf_counter() - live_started) * 1000
        export, _ = timed(lambda: month_figures(month), runs)
        line("force scorecard p50 / p95", f"{card['p50']:.1f} / {card['p95']:.1f} ms")
        line(
            "the month's ward figures (the export's read) p50 / p95",
            f"{export['p50']:.1f} / {export['p95']:.1f} ms",
        )
        line("COUNT of the month's duties p50 / p95", f"{count['p50']:.1f} / {count['p95']:.1f} ms")
        line("every measure computed live, once", f"{live_ms:.0f} ms ({len(month_figures_live)} measures)")
        for part in parts:
            for entry in part.lines:
                line(f"  {entry.measure.label}", entry.figure.shown)

        client = Client()
        client.force_login(User.objects.get(username="central"))
        url = f"/scorecard/?month={month:%Y-%m}"
        page, response = timed(lambda: client.get(url), runs)
        line("force page p50 / p95", f"{page['p50']:.1f} / {page['p95']:.1f} ms ({response.status_code})")

    return [
        f"Guarantee scorecard, whole force: p95 {card['p95']:.0f} ms, the page p95 {page['p95']:.0f} ms over "
        f"{runs} runs (target p95 < {TARGET_P95_MS} ms on {connection.vendor}): "
        f"{verdict(card['p95'] < TARGET_P95_MS)}, page {verdict(page['p95'] < TARGET_P95_MS)}",
        f"Guarantee scorecard vs plain reads: {times(card['p50'] / count['p50'])} a COUNT of the month's "
        f"duties; computing every measure live costs {times(live_ms / card['p50'])} the scorecard from "
        f"snapshots (p50 {card['p50']:.0f} vs {count['p50']:.1f} and {live_ms:.0f} ms)",
    ]
