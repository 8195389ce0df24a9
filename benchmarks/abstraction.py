"""Monthly abstraction for the whole force (sn.workforce.abstraction) on the demo force with its duties
(the workforce demo loader: about 400,000 duties of 4,700 officers over four months, some rostered
ahead).

Measured over RUNS runs each: the force report for last month (its reasons, every borough and team,
and the trend) from the duties ("cold": the cache emptied before each run, as after an import) and as
read again while the duties are unchanged ("warm": the sums kept under the duties' version, see
sn/workforce/abstraction/memo.py), and the force page as the central unit opens it. Baselines, in
the same process on the same data: a plain COUNT of the month's duties (the least any monthly figure
costs) and a plain SUM of the minutes of every duty in the trend's months (the least reading each of
those rows once costs). The target is issue 12's: monthly abstraction for the force p95 under 1 s.
"""

import time

from django.core.cache import cache
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from benchmarks.demo_db import SEED, demo_database
from benchmarks.report import line, percentile, section, si, times, verdict
from sn.accounts.models import User
from sn.core.months import add_months
from sn.geography.scope import Scope
from sn.workforce.abstraction.selectors import TREND_LOOKBACK, Level, abstraction_report
from sn.workforce.demo import workforce_demo_load
from sn.workforce.models import Duty

RUNS, QUICK_RUNS = 20, 5
TARGET_P95_MS = 1000


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
    section("Monthly abstraction for the whole force, against plain reads of its duties")
    with demo_database():
        today = timezone.localdate()
        month = add_months(today.replace(day=1), -1)
        if not Duty.objects.exists():
            started = time.perf_counter()
            summary = workforce_demo_load(seed=SEED, today=today, progress=lambda *_: None)
            line("workforce demo", f"{summary} (in {time.perf_counter() - started:.1f} s here)")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics, as after a load
        in_month = Duty.objects.filter(date__gte=month, date__lt=add_months(month, 1))
        line("data", f"{si(Duty.objects.count())} duties, {si(in_month.count())} in {month:%B %Y}")

        everything = Scope(everything=True)

        def force_report():
            return abstraction_report(
                level=Level.FORCE, area=None, month=month, scope=everything, today=today
            )

        def cold_report():
            cache.clear()
            return force_report()

        fast, report = timed(cold_report, runs)
        warm, _ = timed(force_report, runs)
        count, _ = timed(lambda: in_month.count(), runs)
        trend_rows = Duty.objects.filter(date__gte=add_months(month, 1 - TREND_LOOKBACK), date__lte=today)
        scan, _ = timed(lambda: trend_rows.aggregate(total=Sum("minutes")), runs)
        line("force report, cold p50 / p95", f"{fast['p50']:.1f} / {fast['p95']:.1f} ms")
        line("force report, warm p50 / p95", f"{warm['p50']:.1f} / {warm['p95']:.1f} ms")
        line("COUNT of the month's duties p50 / p95", f"{count['p50']:.1f} / {count['p95']:.1f} ms")
        line("SUM over the trend's duties p50 / p95", f"{scan['p50']:.1f} / {scan['p95']:.1f} ms")
        line(
            "the force",
            f"{report.tally.rate:.2%} abstracted for reasons that count in {month:%B %Y} (target "
            f"{report.target}%), {len(report.teams_over)} of {len(report.teams)} teams over the target",
        )

        client = Client()
        client.force_login(User.objects.get(username="central"))
        url = f"/abstraction/?month={month:%Y-%m}"
        page, response = timed(lambda: client.get(url), runs)
        line(
            "force page, warm p50 / p95", f"{page['p50']:.1f} / {page['p95']:.1f} ms ({response.status_code})"
        )
        cold_page, _ = timed(lambda: (cache.clear(), client.get(url)), runs)
        line("force page, cold p50 / p95", f"{cold_page['p50']:.1f} / {cold_page['p95']:.1f} ms")

    return [
        f"Abstraction, whole force: report cold p95 {fast['p95']:.0f} ms, warm p95 {warm['p95']:.0f} ms over "
        f"{runs} runs; the page p95 cold {cold_page['p95']:.0f} ms, warm {page['p95']:.0f} ms (target p95 < "
        f"{TARGET_P95_MS} ms on {connection.vendor}): cold {verdict(cold_page['p95'] < TARGET_P95_MS)}, warm "
        f"{verdict(page['p95'] < TARGET_P95_MS)}",
        f"Abstraction vs plain reads: {times(fast['p50'] / count['p50'])} a COUNT of the month's duties, "
        f"{times(fast['p50'] / scan['p50'])} a SUM over the trend's (p50 {fast['p50']:.0f} vs "
        f"{count['p50']:.1f} and {scan['p50']:.0f} ms); the force at {report.tally.rate:.2%}",
    ]
