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

from django.core.cache import cache
from django.db import connection
from django.db.models import Sum

from benchmarks.report import line, si, verdict
from benchmarks.runner import monthly_demo, ratio, shown, timed
from sn.core.months import add_months
from sn.geography.scope import Scope
from sn.workforce.abstraction.selectors import TREND_LOOKBACK, Level, abstraction_report
from sn.workforce.models import Duty

RUNS, QUICK_RUNS = 20, 5
TARGET_P95_MS = 1000


def run(*, quick: bool = False) -> list[str]:
    title = "Monthly abstraction for the whole force, against plain reads of its duties"
    with monthly_demo(title, quick=quick, runs=RUNS, quick_runs=QUICK_RUNS) as bench:
        today, month, runs = bench.today, bench.month, bench.runs
        line(
            "data",
            f"{si(Duty.objects.count())} duties, {si(bench.duties_in_month().count())} in {month:%B %Y}",
        )

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
        line("force report, cold p50 / p95", shown(fast))
        line("force report, warm p50 / p95", shown(warm))
        count = bench.count_baseline()
        trend_rows = Duty.objects.filter(date__gte=add_months(month, 1 - TREND_LOOKBACK), date__lte=today)
        scan, _ = timed(lambda: trend_rows.aggregate(total=Sum("minutes")), runs)
        line("SUM over the trend's duties p50 / p95", shown(scan))
        line(
            "the force",
            f"{report.tally.rate:.2%} abstracted for reasons that count in {month:%B %Y} (target "
            f"{report.target}%), {len(report.teams_over)} of {len(report.teams)} teams over the target",
        )

        page, _ = bench.page("/abstraction/", "force page, warm")
        cold_page, _ = bench.page("/abstraction/", "force page, cold", before=cache.clear)

    return [
        f"Abstraction, whole force: report cold p95 {fast['p95']:.0f} ms, warm p95 {warm['p95']:.0f} ms over "
        f"{runs} runs; the page p95 cold {cold_page['p95']:.0f} ms, warm {page['p95']:.0f} ms (target p95 < "
        f"{TARGET_P95_MS} ms on {connection.vendor}): cold {verdict(cold_page['p95'] < TARGET_P95_MS)}, warm "
        f"{verdict(page['p95'] < TARGET_P95_MS)}",
        f"Abstraction vs plain reads: {ratio(fast, count)} a COUNT of the month's duties, "
        f"{ratio(fast, scan)} a SUM over the trend's (p50 {fast['p50']:.0f} vs "
        f"{count['p50']:.1f} and {scan['p50']:.0f} ms); the force at {report.tally.rate:.2%}",
    ]
